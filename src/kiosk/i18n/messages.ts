// The kiosk's visitor-facing texts in its five languages (one JSON file per language, identical
// keys: tests/unit/kiosk-messages.test.ts checks). Staff screens keep their own nl/en messages in
// src/i18n; these are only for the flow a visitor touches. Safe for the browser.
import { KIOSK_LANGUAGES, type KioskLanguage } from "@/src/domain/visits/kiosk-outcome";
import ar from "./ar.json";
import en from "./en.json";
import nl from "./nl.json";
import pl from "./pl.json";
import tr from "./tr.json";

export type KioskMessages = typeof nl;

export const kioskMessages: Record<KioskLanguage, KioskMessages> = { nl, en, ar, pl, tr };

/** Writing direction per language (Arabic is right to left). */
export const LANGUAGE_DIR: Record<KioskLanguage, "ltr" | "rtl"> = {
  nl: "ltr",
  en: "ltr",
  ar: "rtl",
  pl: "ltr",
  tr: "ltr",
};

/** The direction of any language tag (house rules may come in a language the kiosk has no texts for). */
export function directionOf(language: string): "ltr" | "rtl" {
  const base = language.toLowerCase().split(/[-_]/)[0];
  return ["ar", "fa", "he", "ur", "ps", "ku", "yi"].includes(base) ? "rtl" : "ltr";
}

/** The order of the language buttons on the idle screen. */
export const LANGUAGE_ORDER: readonly KioskLanguage[] = KIOSK_LANGUAGES;
