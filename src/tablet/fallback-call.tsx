"use client";
// What to do when the alarm cannot get through: call 112, and the location's desk.
import { useTranslations } from "next-intl";

export function FallbackCall({ deskPhone }: { deskPhone: string | null }) {
  const t = useTranslations("alarms.fallback");
  return (
    <div className="stack" style={{ gap: "0.5rem", fontSize: "1.5rem", fontWeight: 700 }} data-testid="tablet-fallback">
      <a href="tel:112" style={{ color: "inherit" }}>
        {t("call112")}
      </a>
      {deskPhone ? (
        <a href={`tel:${deskPhone.replace(/[^\d+]/g, "")}`} style={{ color: "inherit" }}>
          {t("deskPhone", { phone: deskPhone })}
        </a>
      ) : (
        <span>{t("noDeskPhone")}</span>
      )}
    </div>
  );
}
