// Error messages for route handlers, which answer in the caller's language without a page.
import type { AppErrorCode } from "@/src/domain/errors";
import { messages } from "@/src/i18n/messages";
import { isLocale, type Locale, routing } from "@/src/i18n/routing";

export function errorMessage(locale: Locale, code: AppErrorCode | "INTERNAL"): string {
  return messages[locale].errors[code];
}

/** The caller's language: ?locale=, the NEXT_LOCALE cookie, then Accept-Language; Dutch otherwise. */
export function requestLocale(req: Request): Locale {
  const q = new URL(req.url).searchParams.get("locale");
  if (isLocale(q)) return q;
  const cookie = /(?:^|;\s*)NEXT_LOCALE=([a-z]{2})/.exec(req.headers.get("cookie") ?? "")?.[1];
  if (isLocale(cookie)) return cookie;
  for (const part of (req.headers.get("accept-language") ?? "").split(",")) {
    const tag = part.trim().slice(0, 2).toLowerCase();
    if (isLocale(tag)) return tag;
  }
  return routing.defaultLocale;
}
