import { getTranslations, setRequestLocale } from "next-intl/server";
import { loadEvacuationSettings } from "@/src/domain/evacuation/evacuation-inputs";
import { pageTitle } from "@/src/i18n/page-title";
import { domain } from "@/src/server/runtime";
import { LocationHeader } from "@/src/staff/desk/location-picker";
import { requireStaffLocation } from "@/src/staff/desk/staff-locations";
import { EvacuationSettingsForm } from "@/src/staff/evacuation/evacuation-settings-form";
import { NoLocations } from "@/src/staff/shell/no-locations";

export const generateMetadata = pageTitle("evacuation.settings");
export const dynamic = "force-dynamic";

export default async function EvacuationSettingsPage({
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
    "evacuation.configure",
    "/staff/evacuation/settings",
    (await searchParams).location,
  );
  const t = await getTranslations("evacuation");
  if (!location) return <NoLocations title={t("settings.title")} text={t("noLocations")} />;
  const settings = await loadEvacuationSettings(await domain(), actor, location.id);
  return (
    <div className="stack">
      <LocationHeader
        title={
          <>
            {t("settings.title")} — {location.name}
          </>
        }
        picker={{ locations, currentId: location.id, label: t("location"), submitLabel: t("showLocation") }}
      />
      <EvacuationSettingsForm key={location.id} initial={settings} />
    </div>
  );
}
