import { getTranslations, setRequestLocale } from "next-intl/server";
import { BRIEFING_HOURS, type BriefingHours, loadBriefing } from "@/src/domain/briefing/load-briefing";
import { pageTitle } from "@/src/i18n/page-title";
import { domain } from "@/src/server/runtime";
import { BriefingView } from "@/src/staff/briefing/briefing-view";
import { LiveRefresh } from "@/src/staff/briefing/live-refresh";
import { LocationHeader } from "@/src/staff/desk/location-picker";
import { requireStaffLocation } from "@/src/staff/desk/staff-locations";
import { NoLocations } from "@/src/staff/shell/no-locations";

export const generateMetadata = pageTitle("briefing");

const pickHours = (raw: string | string[] | undefined): BriefingHours =>
  BRIEFING_HOURS.find((h) => String(h) === raw) ?? 8;

export default async function BriefingPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string }>;
  searchParams: Promise<{ location?: string | string[]; hours?: string | string[] }>;
}) {
  const { locale } = await params;
  setRequestLocale(locale);
  const query = await searchParams;
  const { actor, locations, location } = await requireStaffLocation(
    locale,
    "briefing.view",
    "/staff/briefing",
    query.location,
  );
  const t = await getTranslations("briefing");
  if (!location) {
    return <NoLocations title={t("title")} text={t("noLocations")} />;
  }
  const hours = pickHours(query.hours);
  const briefing = await loadBriefing(await domain(), actor, location, hours);
  return (
    <div className="stack">
      <LocationHeader
        title={t("titleAt", { location: location.name })}
        picker={{
          locations,
          currentId: location.id,
          label: t("location"),
          submitLabel: t("show"),
          keep: { hours: String(hours) },
        }}
        before={
          <form method="get" className="row" style={{ alignItems: "flex-end" }}>
            <input type="hidden" name="location" value={location.id} />
            <div className="field">
              <label htmlFor="briefing-hours">{t("period")}</label>
              <select id="briefing-hours" name="hours" defaultValue={String(hours)}>
                {BRIEFING_HOURS.map((h) => (
                  <option key={h} value={h}>
                    {t("hours", { count: h })}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit">{t("show")}</button>
          </form>
        }
      />
      <LiveRefresh renderedAt={briefing.now} />
      <BriefingView briefing={briefing} timeZone={location.timeZone} />
    </div>
  );
}
