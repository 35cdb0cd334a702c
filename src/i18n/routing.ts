import { defineRouting } from "next-intl/routing";

/** Staff and device screens: Dutch by default, English complete. */
export const routing = defineRouting({
  locales: ["nl", "en"],
  defaultLocale: "nl",
  localePrefix: "always",
});

export type Locale = (typeof routing.locales)[number];

export const isLocale = (value: unknown): value is Locale => routing.locales.includes(value as Locale);
