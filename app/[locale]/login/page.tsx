import { getTranslations, setRequestLocale } from "next-intl/server";
import { SignInForm } from "@/src/staff/auth/sign-in-form";
import { LanguageSwitch } from "@/src/ui/language-switch";

export default async function LoginPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string }>;
  searchParams: Promise<{ next?: string; reason?: string }>;
}) {
  const { locale } = await params;
  setRequestLocale(locale);
  const { next, reason } = await searchParams;
  const t = await getTranslations();
  return (
    <main className="narrow stack">
      <p className="muted">{t("common.appName")}</p>
      <h1>{t("auth.signInTitle")}</h1>
      {reason === "idle" && (
        <p className="alert alert-warn" role="status" data-testid="signed-out-idle">
          {t("auth.signedOutIdle")}
        </p>
      )}
      <SignInForm next={typeof next === "string" ? next : undefined} />
      <LanguageSwitch />
    </main>
  );
}
