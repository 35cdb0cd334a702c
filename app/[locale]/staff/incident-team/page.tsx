import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { pageTitle } from "@/src/i18n/page-title";
import { LocationHeader } from "@/src/staff/desk/location-picker";
import { requireStaffLocation } from "@/src/staff/desk/staff-locations";
import { loadIncidentTeam } from "@/src/staff/incident-team/load-incident-team";
import { TeamForm } from "@/src/staff/incident-team/team-form";
import { NoLocations } from "@/src/staff/shell/no-locations";

export const generateMetadata = pageTitle("incidentTeam");

export default async function IncidentTeamPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string }>;
  searchParams: Promise<{ location?: string | string[]; week?: string | string[] }>;
}) {
  const { locale } = await params;
  setRequestLocale(locale);
  const query = await searchParams;
  const { locations, location } = await requireStaffLocation(
    locale,
    "incident_team.manage",
    "/staff/incident-team",
    query.location,
  );
  const t = await getTranslations("incidentTeam");
  const format = await getFormatter();
  if (!location) {
    return <NoLocations title={t("title")} text={t("noLocations")} />;
  }
  const data = await loadIncidentTeam(location, typeof query.week === "string" ? query.week : undefined);
  const weekLabel = (w: string) =>
    t(w === data.thisWeek ? "weekThis" : "week", {
      date: format.dateTime(new Date(`${w}T12:00:00Z`), { day: "numeric", month: "long", timeZone: "UTC" }),
    });
  return (
    <div className="stack">
      <LocationHeader
        title={t("titleAt", { location: location.name })}
        picker={{ locations, currentId: location.id, label: t("location"), submitLabel: t("show") }}
        before={
          <form method="get" className="row" style={{ alignItems: "flex-end" }}>
            <input type="hidden" name="location" value={location.id} />
            <div className="field">
              <label htmlFor="team-week">{t("weekLabel")}</label>
              <select id="team-week" name="week" defaultValue={data.weekStart}>
                {data.weeks.map((w) => (
                  <option key={w} value={w}>
                    {weekLabel(w)}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit">{t("show")}</button>
          </form>
        }
      />
      <p>{t("explain")}</p>
      <h2>{weekLabel(data.weekStart)}</h2>
      <TeamForm key={`${location.id}-${data.weekStart}`} locationId={location.id} data={data} />
    </div>
  );
}
