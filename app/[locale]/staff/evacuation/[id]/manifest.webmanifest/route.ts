// The marshal roll call's web app manifest (like the pager's): installable, scoped to the
// evacuation pages of one language.
import { isLocale } from "@/src/i18n/routing";

export async function GET(_req: Request, { params }: { params: Promise<{ locale: string; id: string }> }) {
  const { locale, id } = await params;
  if (!isLocale(locale) || !/^[A-Za-z0-9_-]{1,100}$/.test(id)) return new Response("Not found", { status: 404 });
  const scope = `/${locale}/staff/evacuation/`;
  const manifest = {
    id: `${scope}${id}`,
    name: locale === "nl" ? "Portier ontruiming" : "Portier evacuation",
    short_name: locale === "nl" ? "Ontruiming" : "Evacuation",
    description: locale === "nl" ? "Presentielijst voor ontruimers" : "Roll call for marshals",
    lang: locale,
    start_url: `${scope}${id}`,
    scope,
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
