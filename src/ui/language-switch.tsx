"use client";
import { useLocale, useTranslations } from "next-intl";
import { Link, usePathname } from "@/src/i18n/navigation";
import { routing } from "@/src/i18n/routing";

/** Links to the same page in each language; next-intl remembers the choice in a cookie. */
export function LanguageSwitch() {
  const t = useTranslations("common");
  const pathname = usePathname();
  const current = useLocale();
  return (
    <nav className="lang-switch row" aria-label={t("language")}>
      {routing.locales.map((l) => (
        <Link
          key={l}
          href={pathname}
          locale={l}
          lang={l}
          aria-current={l === current ? "true" : undefined}
          data-testid={`lang-${l}`}
        >
          {t(`languages.${l}`)}
        </Link>
      ))}
    </nav>
  );
}
