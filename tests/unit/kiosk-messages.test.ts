// The kiosk's visitor texts: the same keys in all five languages, the same placeholders, and
// every message valid ICU that formats in its own language (plural rules differ: ar, pl).
import fs from "node:fs";
import path from "node:path";
import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { KIOSK_LANGUAGES } from "@/src/domain/visits/kiosk-outcome";
import { kioskMessages } from "@/src/kiosk/i18n/messages";

const DIR = path.resolve(import.meta.dirname, "../../src/kiosk/i18n");

function leaves(value: unknown, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  if (value && typeof value === "object" && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) {
      for (const [key, text] of leaves(v, prefix ? `${prefix}.${k}` : k)) out.set(key, text);
    }
  } else {
    out.set(prefix, String(value));
  }
  return out;
}

const read = (language: string) => JSON.parse(fs.readFileSync(path.join(DIR, `${language}.json`), "utf8"));

/** Top-level ICU arguments: {name} and {name, plural, …}. */
function placeholders(text: string): string[] {
  const names = new Set<string>();
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "{") {
      if (depth === 0) {
        const m = /^\{\s*(\w+)/.exec(text.slice(i));
        if (m) names.add(m[1]);
      }
      depth++;
    } else if (text[i] === "}") depth--;
  }
  return [...names].sort();
}

describe("kiosk messages", () => {
  const reference = leaves(read("nl"));

  it("has a file per kiosk language", () => {
    for (const language of KIOSK_LANGUAGES) expect(fs.existsSync(path.join(DIR, `${language}.json`))).toBe(true);
    expect(reference.size).toBeGreaterThan(50);
  });

  it.each(KIOSK_LANGUAGES)("%s has exactly the Dutch keys", (language) => {
    const keys = [...leaves(read(language)).keys()].sort();
    expect(keys).toEqual([...reference.keys()].sort());
  });

  it.each(KIOSK_LANGUAGES)("%s uses the same placeholders as Dutch", (language) => {
    const own = leaves(read(language));
    for (const [key, text] of reference) {
      expect(placeholders(own.get(key) ?? ""), `${language}: ${key}`).toEqual(placeholders(text));
    }
  });

  it.each(KIOSK_LANGUAGES)("%s formats every message (no empty texts, valid ICU)", (language) => {
    const errors: string[] = [];
    const t = createTranslator({
      locale: language,
      messages: kioskMessages[language],
      namespace: "kiosk",
      onError: (e) => errors.push(e.message),
    });
    for (const [key, text] of leaves(read(language))) {
      expect(text.trim(), `${language}: ${key} is empty`).not.toBe("");
      const name = key.replace(/^kiosk\./, "");
      for (const n of [0, 1, 2, 3, 5, 10, 11, 22, 100]) {
        const out = t(name as never, { number: "12", firstName: "Sam", minutes: n, ahead: n, seconds: n } as never);
        expect(out, `${language}: ${key}`).not.toContain("{");
      }
    }
    expect(errors).toEqual([]);
  });

  it("names each language in that language", () => {
    expect(KIOSK_LANGUAGES.map((l) => kioskMessages[l].kiosk.languageName)).toEqual([
      "Nederlands",
      "English",
      "العربية",
      "Polski",
      "Türkçe",
    ]);
  });

  it("uses the plural forms each language needs", () => {
    const pl = createTranslator({ locale: "pl", messages: kioskMessages.pl, namespace: "kiosk.outcome.queued" });
    expect(pl("ahead", { ahead: 1 })).toBe("Przed Tobą czeka 1 osoba.");
    expect(pl("ahead", { ahead: 3 })).toBe("Przed Tobą czekają 3 osoby.");
    expect(pl("ahead", { ahead: 5 })).toBe("Przed Tobą czeka 5 osób.");
    const nl = createTranslator({ locale: "nl", messages: kioskMessages.nl, namespace: "kiosk.outcome.queued" });
    expect(nl("ahead", { ahead: 0 })).toBe("Er is niemand voor u.");
    expect(nl("ahead", { ahead: 1 })).toBe("Er is 1 persoon voor u.");
    expect(nl("ahead", { ahead: 4 })).toBe("Er zijn 4 mensen voor u.");
  });
});
