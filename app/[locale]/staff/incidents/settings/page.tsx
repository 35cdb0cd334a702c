import { getTranslations, setRequestLocale } from "next-intl/server";
import { loadIncidentSettings } from "@/src/domain/incidents/incident-settings";
import { pageTitle } from "@/src/i18n/page-title";
import { domain } from "@/src/server/runtime";
import { LocationHeader } from "@/src/staff/desk/location-picker";
import { requireStaffLocation } from "@/src/staff/desk/staff-locations";
import { IncidentSettingsForm } from "@/src/staff/incidents/settings-form";
import { NoLocations } from "@/src/staff/shell/no-locations";

export const generateMetadata = pageTitle("incidents.settings");

export default async function IncidentSettingsPage({
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
    "incidents.manage",
    "/staff/incidents/settings",
    (await searchParams).location,
  );
  const t = await getTranslations("incidents.settings");
  const tLists = await getTranslations("incidents.lists");
  if (!location) return <NoLocations title={t("title")} text={t("intro")} />;
  const { settings, staff } = await loadIncidentSettings(await domain(), actor, location.id);
  return (
    <div className="stack">
      <LocationHeader
        title={
          <>
            {t("title")} — {location.name}
          </>
        }
        picker={{ locations, currentId: location.id, label: t("location"), submitLabel: tLists("filter") }}
      />
      <p>{t("intro")}</p>
      <IncidentSettingsForm key={location.id} locationId={location.id} values={settings} staff={staff} />
    </div>
  );
}
