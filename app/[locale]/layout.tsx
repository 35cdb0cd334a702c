import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { NextIntlClientProvider } from "next-intl";
import { getMessages, setRequestLocale } from "next-intl/server";
import type { ReactNode } from "react";
import { isLocale, routing } from "@/src/i18n/routing";
import "../globals.css";

export const metadata: Metadata = { title: "Portier", robots: { index: false, follow: false } };
export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export function generateStaticParams() {
  return routing.locales.map((locale) => ({ locale }));
}

export default async function LocaleLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ locale: string }>;
}) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  setRequestLocale(locale);
  // Every page renders per request: its scripts carry that request's CSP nonce (proxy.ts).
  await headers();
  const messages = await getMessages();
  return (
    // PORTIER_REALTIME_URLS: the realtime addresses a page's socket rotates through (docs/operations.md).
    <html lang={locale} data-portier-realtime={process.env.PORTIER_REALTIME_URLS || undefined}>
      <body>
        <NextIntlClientProvider locale={locale} messages={messages}>
          {children}
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
