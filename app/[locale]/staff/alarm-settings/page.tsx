import { getTranslations, setRequestLocale } from "next-intl/server";
import { loadAlarmSettings } from "@/src/domain/alarms/alarm-settings";
import { pageTitle } from "@/src/i18n/page-title";
import { domain } from "@/src/server/runtime";
import { AlarmSettingsForm } from "@/src/staff/alarm-settings/settings-form";
import { LocationHeader } from "@/src/staff/desk/location-picker";
import { requireStaffLocation } from "@/src/staff/desk/staff-locations";
import { NoLocations } from "@/src/staff/shell/no-locations";

export const generateMetadata = pageTitle("alarmAdmin.settings");

export default async function AlarmSettingsPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string }>;
  searchParams: Promise<{ location?: string | string[] }>;
}) {
  const { locale } = await params;
  setRequestLocale(locale);
  const { actor, locations, location } = await requireStaffLocation(
    locale,
    "incident_team.manage",
    "/staff/alarm-settings",
    (await searchParams).location,
  );
  const t = await getTranslations("alarmAdmin.settings");
  if (!location) {
    return <NoLocations title={t("title")} text={t("noLocations")} />;
  }
  const settings = await loadAlarmSettings(await domain(), actor, location.id);
  return (
    <div className="stack">
      <LocationHeader
        title={t("titleAt", { location: location.name })}
        picker={{ locations, currentId: location.id, label: t("location"), submitLabel: t("show") }}
      />
      <p>{t("intro")}</p>
      <AlarmSettingsForm
        key={location.id}
        values={{
          locationId: location.id,
          alarmEscalateAllSeconds: settings.alarmEscalateAllSeconds,
          alarmCall112Seconds: settings.alarmCall112Seconds,
          emergencyContacts: settings.emergencyContacts,
          deskPhone: settings.deskPhone,
        }}
      />
    </div>
  );
}
