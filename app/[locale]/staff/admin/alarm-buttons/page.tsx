import { getTranslations, setRequestLocale } from "next-intl/server";
import { pageTitle } from "@/src/i18n/page-title";
import { ButtonAdmin } from "@/src/staff/admin-alarm-buttons/button-admin";
import { loadAlarmButtons } from "@/src/staff/admin-alarm-buttons/load-alarm-buttons";
import { requireStaff } from "@/src/staff/shell/require-staff";

export const generateMetadata = pageTitle("alarmAdmin.buttons");
export const dynamic = "force-dynamic";

export default async function AdminAlarmButtonsPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const actor = await requireStaff(locale, "alarm_buttons.manage", "/staff/admin/alarm-buttons");
  const { buttons, locations, link } = await loadAlarmButtons(actor);
  const t = await getTranslations("alarmAdmin.buttons");
  return (
    <div className="stack">
      <h1>{t("title")}</h1>
      <p className="muted">{t("intro")}</p>
      <ButtonAdmin buttons={buttons} locations={locations} link={link} />
    </div>
  );
}
