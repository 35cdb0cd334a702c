import { getTranslations, setRequestLocale } from "next-intl/server";
import { can } from "@/src/domain/access/permissions";
import { pageTitle } from "@/src/i18n/page-title";
import { runtime } from "@/src/server/runtime";
import { DeskAlarmPanel } from "@/src/staff/alarms/desk-alarm-panel";
import { loadDeskAlarms } from "@/src/staff/alarms/load-desk-alarms";
import { ButtonLinkBanner } from "@/src/staff/desk/button-link-banner";
import { DeskView } from "@/src/staff/desk/desk-view";
import { loadDesk } from "@/src/staff/desk/load-desk";
import { LocationHeader } from "@/src/staff/desk/location-picker";
import { requireStaffLocation } from "@/src/staff/desk/staff-locations";
import { NoLocations } from "@/src/staff/shell/no-locations";

export const generateMetadata = pageTitle("desk");

export default async function DeskPage({
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
    "desk.use",
    "/staff/desk",
    (await searchParams).location,
  );
  const t = await getTranslations("desk");

  if (!location) {
    return <NoLocations title={t("title")} text={t("noLocations")} />;
  }

  const data = await loadDesk(location);
  const alarms = can(actor, "alarms.manage") ? await loadDeskAlarms(actor, location.id) : null;
  // The hardware buttons' MQTT link (only when a broker is configured); a banner while it is down.
  const buttonLink = runtime().buttonLink?.status() ?? null;
  return (
    <div className="stack">
      <LocationHeader
        title={t("titleAt", { location: location.name })}
        picker={{ locations, currentId: location.id, label: t("location"), submitLabel: t("showLocation") }}
      />
      {alarms && buttonLink && (
        <ButtonLinkBanner
          initial={{ configured: true, state: buttonLink.state, since: buttonLink.since }}
          timeZone={location.timeZone}
        />
      )}
      {alarms && <DeskAlarmPanel key={`alarms-${location.id}`} data={alarms} />}
      <DeskView
        key={location.id}
        location={{
          id: location.id,
          name: location.name,
          capacity: location.capacity,
          timeZone: location.timeZone,
          waitAlertMinutes: location.waitAlertMinutes,
        }}
        data={data}
        canCheckOut={can(actor, "visits.check_out")}
        canManage={can(actor, "visits.manage")}
      />
    </div>
  );
}
