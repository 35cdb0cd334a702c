// The pager's web app manifest: installable, scoped to the staff alarms page of one language.
import { isLocale } from "@/src/i18n/routing";

export async function GET(_req: Request, { params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  if (!isLocale(locale)) return new Response("Not found", { status: 404 });
  const path = `/${locale}/staff/alarms`;
  const manifest = {
    id: path,
    name: locale === "nl" ? "Portier alarmen" : "Portier alarms",
    short_name: locale === "nl" ? "Alarmen" : "Alarms",
    description: locale === "nl" ? "Pieper voor het incidententeam" : "Pager for the incident team",
    lang: locale,
    start_url: path,
    scope: path,
    display: "standalone",
    orientation: "portrait",
    background_color: "#ffffff",
    theme_color: "#b3261e",
    icons: [
      { src: "/icons/pager-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/pager-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icons/pager-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
  };
  return new Response(JSON.stringify(manifest), {
    headers: { "content-type": "application/manifest+json; charset=utf-8", "cache-control": "public, max-age=3600" },
  });
}
