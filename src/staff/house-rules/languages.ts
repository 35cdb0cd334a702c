// The languages the kiosk shows house rules in. Dutch is required; Arabic reads right to left.
import { KIOSK_LANGUAGES, type KioskLanguage } from "@/src/domain/visits/kiosk-outcome";

export const RULES_LANGUAGES = KIOSK_LANGUAGES;
export type RulesLanguage = KioskLanguage;
export const RTL_LANGUAGES: readonly string[] = ["ar"];
export const dirOf = (lang: string): "rtl" | "ltr" => (RTL_LANGUAGES.includes(lang) ? "rtl" : "ltr");

export const TITLE_MAX = 200;
export const BODY_MAX = 20_000;

export type RulesTexts = Record<RulesLanguage, { title: string; body: string }>;
