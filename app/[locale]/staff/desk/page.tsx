import { getTranslations, setRequestLocale } from "next-intl/server";
import { can } from "@/src/domain/access/permissions";
import { pageTitle } from "@/src/i18n/page-title";
import { DeskView } from "@/src/staff/desk/desk-view";
import { loadDesk } from "@/src/staff/desk/load-desk";
import { LocationPicker } from "@/src/staff/desk/location-picker";
import { requireStaffLocation } from "@/src/staff/desk/staff-locations";

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
    return (
      <div className="stack">
        <h1>{t("title")}</h1>
        <p>{t("noLocations")}</p>
      </div>
    );
  }

  const data = await loadDesk(location);
  return (
    <div className="stack">
      <div className="row" style={{ alignItems: "flex-end" }}>
        <h1 style={{ margin: 0, flex: 1 }}>{t("titleAt", { location: location.name })}</h1>
        <LocationPicker
          locations={locations}
          currentId={location.id}
          label={t("location")}
          submitLabel={t("showLocation")}
        />
      </div>
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
