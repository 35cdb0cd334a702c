import { getTranslations, setRequestLocale } from "next-intl/server";
import { pageTitle } from "@/src/i18n/page-title";
import { loadMyVisitors } from "@/src/staff/my-visitors/load-my-visitors";
import { MyVisitorsView } from "@/src/staff/my-visitors/my-visitors-view";
import { requireStaff } from "@/src/staff/shell/require-staff";

export const generateMetadata = pageTitle("visits.mine");

export default async function MyVisitorsPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const actor = await requireStaff(locale, "visits.host", "/staff/my-visitors");
  const data = await loadMyVisitors(actor);
  const t = await getTranslations("visits.mine");
  return (
    <div className="stack">
      <h1>{t("title")}</h1>
      <p className="muted">{t("intro")}</p>
      <MyVisitorsView staffId={actor.id} data={data} timeZone="Europe/Amsterdam" />
    </div>
  );
}
