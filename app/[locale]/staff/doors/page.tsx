import { getTranslations, setRequestLocale } from "next-intl/server";
import { can } from "@/src/domain/access/permissions";
import { loadDoorConsole } from "@/src/domain/doors/doors";
import { Link } from "@/src/i18n/navigation";
import { pageTitle } from "@/src/i18n/page-title";
import { domain } from "@/src/server/runtime";
import { LocationHeader } from "@/src/staff/desk/location-picker";
import { requireStaffLocation } from "@/src/staff/desk/staff-locations";
import { DoorConsole } from "@/src/staff/doors/door-console";
import { NoLocations } from "@/src/staff/shell/no-locations";

export const generateMetadata = pageTitle("doors");

export default async function DoorsPage({
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
    "doors.operate",
    "/staff/doors",
    (await searchParams).location,
  );
  const t = await getTranslations("doors");
  if (!location) {
    return <NoLocations title={t("title")} text={t("noLocations")} />;
  }
  const ctx = await domain();
  const snapshot = await loadDoorConsole(ctx, actor, location.id);
  return (
    <div className="stack">
      <LocationHeader
        title={t("titleAt", { location: location.name })}
        picker={{ locations, currentId: location.id, label: t("location"), submitLabel: t("showLocation") }}
      >
        {can(actor, "doors.configure") && (
          <Link
            href={`/staff/doors/config?location=${location.id}`}
            style={{ minHeight: 44, display: "inline-flex", alignItems: "center" }}
          >
            {t("configure")}
          </Link>
        )}
      </LocationHeader>
      <DoorConsole
        key={location.id}
        initial={snapshot}
        renderedAt={ctx.clock.now().toISOString()}
        canEmergency={can(actor, "doors.emergency")}
      />
    </div>
  );
}
