import { getTranslations, setRequestLocale } from "next-intl/server";
import { Link } from "@/src/i18n/navigation";
import { LanguageSwitch } from "@/src/ui/language-switch";

export default async function HomePage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations("common");
  return (
    <main className="narrow stack">
      <h1>{t("home.title")}</h1>
      <p className="muted">{t("tagline")}</p>
      <div className="stack">
        <Link className="btn btn-large" href="/login">
          {t("home.staffSignIn")}
        </Link>
        <Link className="btn btn-secondary" href="/pair">
          {t("home.pairDevice")}
        </Link>
      </div>
      <LanguageSwitch />
    </main>
  );
}
