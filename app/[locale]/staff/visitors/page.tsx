import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { requireStaff } from "@/src/staff/shell/require-staff";
import { VisitorSearch } from "@/src/staff/visitors/visitor-search";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "visitors" });
  return { title: `${t("title")} — Portier` };
}

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
