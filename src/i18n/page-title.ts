// A page's <title>: one message of its namespace, in the page's locale, followed by "— Portier".
// Pages export it as `export const generateMetadata = pageTitle("register");`.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

export function pageTitle(namespace: string, key = "title") {
  return async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
    const { locale } = await params;
    const t = await getTranslations({ locale, namespace });
    return { title: `${t(key)} — Portier` };
  };
}
