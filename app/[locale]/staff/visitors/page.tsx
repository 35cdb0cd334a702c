import { getTranslations, setRequestLocale } from "next-intl/server";
import { pageTitle } from "@/src/i18n/page-title";
import { requireStaff } from "@/src/staff/shell/require-staff";
import { VisitorSearch } from "@/src/staff/visitors/visitor-search";

export const generateMetadata = pageTitle("visitors");

export default async function VisitorsPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  await requireStaff(locale, "visitors.manage", "/staff/visitors");
  const t = await getTranslations("visitors");
  return (
    <div className="stack" style={{ maxWidth: "48rem" }}>
      <h1>{t("title")}</h1>
      <p className="muted">{t("intro")}</p>
      <VisitorSearch />
    </div>
  );
}
