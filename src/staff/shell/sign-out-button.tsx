"use client";
import { signOut } from "next-auth/react";
import { useLocale, useTranslations } from "next-intl";

export function SignOutButton() {
  const t = useTranslations("auth");
  const locale = useLocale();
  return (
    <button type="button" className="btn btn-secondary" onClick={() => signOut({ callbackUrl: `/${locale}/login` })}>
      {t("signOut")}
    </button>
  );
}
