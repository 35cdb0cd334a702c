import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../../src/i18n/messages");

/** Every leaf key of every JSON file under messages/<locale>, as "file.json:a.b.c". */
function keysOf(locale: string): Set<string> {
  const out = new Set<string>();
  const dir = path.join(ROOT, locale);
  const walkDir = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walkDir(full);
      else if (entry.name.endsWith(".json")) {
        const file = path.relative(dir, full);
        const walk = (value: unknown, prefix: string) => {
          if (value && typeof value === "object" && !Array.isArray(value)) {
            const entries = Object.entries(value);
            if (!entries.length) out.add(`${file}:${prefix}`);
            for (const [k, v] of entries) walk(v, prefix ? `${prefix}.${k}` : k);
          } else out.add(`${file}:${prefix}`);
        };
        walk(JSON.parse(fs.readFileSync(full, "utf8")), "");
      }
    }
  };
  walkDir(dir);
  return out;
}

/** Leaf values per key, to check placeholders ({name}) match between the languages. */
function valuesOf(locale: string): Map<string, string> {
  const out = new Map<string, string>();
  const dir = path.join(ROOT, locale);
  for (const key of keysOf(locale)) {
    const [file, dotted] = key.split(":");
    let v: unknown = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
    for (const part of dotted ? dotted.split(".") : []) v = (v as Record<string, unknown>)[part];
    out.set(key, String(v));
  }
  return out;
}

describe("messages", () => {
  const nl = keysOf("nl");
  const en = keysOf("en");

  it("has message files", () => {
    expect(nl.size).toBeGreaterThan(10);
  });

  it("has every Dutch key in English", () => {
    const missing = [...nl].filter((k) => !en.has(k));
    expect(missing, `missing in en:\n  ${missing.join("\n  ")}`).toEqual([]);
  });

  it("has every English key in Dutch", () => {
    const missing = [...en].filter((k) => !nl.has(k));
    expect(missing, `missing in nl:\n  ${missing.join("\n  ")}`).toEqual([]);
  });

  it("uses the same placeholders in both languages and no empty texts", () => {
    const nlValues = valuesOf("nl");
    const enValues = valuesOf("en");
    // `{name}` and `{count, plural, …}` are placeholders; a plural branch like `{one word}` is text.
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\s*[,}]/g)].map((m) => m[1]).sort();
    const mismatched: string[] = [];
    const empty: string[] = [];
    for (const [key, nlText] of nlValues) {
      const enText = enValues.get(key);
      if (!nlText.trim()) empty.push(`nl ${key}`);
      if (enText === undefined) continue;
      if (!enText.trim()) empty.push(`en ${key}`);
      if (placeholders(nlText).join() !== placeholders(enText).join()) mismatched.push(key);
    }
    expect(mismatched, `placeholders differ:\n  ${mismatched.join("\n  ")}`).toEqual([]);
    expect(empty, `empty texts:\n  ${empty.join("\n  ")}`).toEqual([]);
  });
});
