// The app's own message files, so helpers can find controls by their label in either language.
// Specs that pin down wording should use literal strings instead.
import fs from "node:fs";
import path from "node:path";
import type { Locale } from "./demo";

const dir = path.resolve(import.meta.dirname, "..", "..", "src", "i18n", "messages");
const cache = new Map<string, Record<string, unknown>>();

function namespace(locale: Locale, ns: string): Record<string, unknown> {
  const file = path.join(dir, locale, `${ns}.json`);
  let data = cache.get(file);
  if (!data) {
    data = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
    cache.set(file, data);
  }
  return data;
}

/**
 * A message by "<file>.<key.path>", e.g. t("en", "auth.signIn") or t("nl", "staff.home.greeting",
 * { name: "Ada" }). The file is the JSON file's name (kebab-case, e.g. "admin-staff").
 * Only simple {placeholders} are filled in.
 */
export function t(locale: Locale, key: string, values: Record<string, string | number> = {}): string {
  const [ns, ...rest] = key.split(".");
  let node: unknown = namespace(locale, ns);
  for (const part of rest) node = (node as Record<string, unknown> | undefined)?.[part];
  if (typeof node !== "string") throw new Error(`No message "${key}" for locale ${locale}`);
  return node.replace(/\{(\w+)\}/g, (m, name: string) => (name in values ? String(values[name]) : m));
}
