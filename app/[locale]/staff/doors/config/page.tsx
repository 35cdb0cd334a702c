import { getTranslations, setRequestLocale } from "next-intl/server";
import { pageTitle } from "@/src/i18n/page-title";
import { domain } from "@/src/server/runtime";
import { LocationHeader } from "@/src/staff/desk/location-picker";
import { requireStaffLocation } from "@/src/staff/desk/staff-locations";
import { DoorConfig } from "@/src/staff/doors/door-config";
import { NoLocations } from "@/src/staff/shell/no-locations";

export const generateMetadata = pageTitle("doors", "config.title");

export default async function DoorConfigPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string }>;
  searchParams: Promise<{ location?: string | string[] }>;
}) {
  const { locale } = await params;
  setRequestLocale(locale);
  const { locations, location } = await requireStaffLocation(
    locale,
    "doors.configure",
    "/staff/doors/config",
    (await searchParams).location,
  );
  const t = await getTranslations("doors");
  if (!location) {
    return <NoLocations title={t("config.title")} text={t("noLocations")} />;
  }
  const ctx = await domain();
  const doors = await ctx.db.door.findMany({
    where: { locationId: location.id, active: true },
    orderBy: [{ sortOrder: "asc" }, { name: "asc" }],
  });
  return (
    <div className="stack">
      <LocationHeader
        title={t("config.titleAt", { location: location.name })}
        picker={{ locations, currentId: location.id, label: t("location"), submitLabel: t("showLocation") }}
      />
      <p>{t("egress")}</p>
      <DoorConfig
        locationId={location.id}
        doors={doors.map((d) => ({
          id: d.id,
          name: d.name,
          kind: d.kind,
          fromZone: d.fromZone,
          toZone: d.toZone,
          interlockGroup: d.interlockGroup,
          driver: d.driver,
          commandTopic: d.commandTopic,
          stateTopic: d.stateTopic,
          availabilityTopic: d.availabilityTopic,
          safeState: d.safeState,
          releaseSeconds: d.releaseSeconds,
          heldOpenAlertSeconds: d.heldOpenAlertSeconds,
          sortOrder: d.sortOrder,
        }))}
      />
    </div>
  );
}
