import { getTranslations, setRequestLocale } from "next-intl/server";
import { pageTitle } from "@/src/i18n/page-title";
import { SubjectSearch } from "@/src/staff/privacy/subject-search";
import { requireStaff } from "@/src/staff/shell/require-staff";

export const generateMetadata = pageTitle("privacy");

export default async function PrivacyPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string }>;
  searchParams: Promise<{ erased?: string | string[] }>;
}) {
  const { locale } = await params;
  setRequestLocale(locale);
  await requireStaff(locale, "privacy.subject_requests", "/staff/privacy");
  const t = await getTranslations("privacy");
  const erased = (await searchParams).erased === "1";
  return (
    <div className="stack" style={{ maxWidth: "48rem" }}>
      <h1>{t("title")}</h1>
      <p className="muted">{t("intro")}</p>
      {erased && (
        <div className="alert alert-ok" role="status" data-testid="privacy-erased">
          {t("erase.doneGeneric")}
        </div>
      )}
      <h2>{t("search.title")}</h2>
      <SubjectSearch />
    </div>
  );
}
