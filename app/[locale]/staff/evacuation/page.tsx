import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { can } from "@/src/domain/access/permissions";
import { listEvacuations, startRolesOf } from "@/src/domain/evacuation/evacuations";
import { ownEvacuationHelp } from "@/src/domain/evacuation/needs-help";
import { Link } from "@/src/i18n/navigation";
import { pageTitle } from "@/src/i18n/page-title";
import { domain } from "@/src/server/runtime";
import { LocationHeader } from "@/src/staff/desk/location-picker";
import { requireStaffLocation } from "@/src/staff/desk/staff-locations";
import { MyEvacuationHelp } from "@/src/staff/evacuation/my-evacuation-help";
import { StartEvacuation } from "@/src/staff/evacuation/start-evacuation";
import { NoLocations } from "@/src/staff/shell/no-locations";

export const generateMetadata = pageTitle("evacuation");
export const dynamic = "force-dynamic";

/** Evacuations of a location: the running one, starting one, past ones (drill or real), one's own needs-help flag. */
export default async function EvacuationPage({
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
    "evacuation.marshal",
    "/staff/evacuation",
    (await searchParams).location,
  );
  const t = await getTranslations("evacuation");
  const format = await getFormatter();
  const ctx = await domain();
  const help = <MyEvacuationHelp initial={await ownEvacuationHelp(ctx, actor)} />;
  if (!location) {
    return (
      <div className="stack">
        <NoLocations title={t("title")} text={t("noLocations")} />
        {help}
      </div>
    );
  }
  const [list, roles] = await Promise.all([
    listEvacuations(ctx, actor, location.id),
    startRolesOf(ctx.db, location.id),
  ]);
  const running = list.find((e) => !e.endedAt);
  const mayStart = can(actor, "evacuation.start") && roles.includes(actor.role);
  const when = (iso: string) =>
    format.dateTime(new Date(iso), { dateStyle: "short", timeStyle: "short", timeZone: location.timeZone });
  const seconds = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 1000);
  return (
    <div className="stack">
      <LocationHeader
        title={t("titleAt", { location: location.name })}
        picker={{ locations, currentId: location.id, label: t("location"), submitLabel: t("showLocation") }}
      >
        {can(actor, "evacuation.configure") && (
          <Link
            href={`/staff/evacuation/settings?location=${location.id}`}
            style={{ minHeight: 44, display: "inline-flex", alignItems: "center" }}
          >
            {t("settings.link")}
          </Link>
        )}
      </LocationHeader>
      <p>{t("egress")}</p>
      {running ? (
        <div className="alert alert-error stack" role="status" data-testid="evac-running">
          <strong>{t(running.drill ? "runningDrill" : "running", { time: when(running.startedAt) })}</strong>
          <div>
            <Link href={`/staff/evacuation/${running.id}`} className="btn btn-danger btn-large" data-testid="evac-open">
              {t("openRollCall")}
            </Link>
          </div>
        </div>
      ) : mayStart ? (
        <StartEvacuation locationId={location.id} />
      ) : (
        <p className="muted">{t("start.notAllowed")}</p>
      )}
      <section aria-labelledby="evac-past">
        <h2 id="evac-past">{t("past.title")}</h2>
        {list.length === 0 ? (
          <p className="muted">{t("past.none")}</p>
        ) : (
          <table className="table" data-testid="evac-past">
            <thead>
              <tr>
                <th scope="col">{t("past.started")}</th>
                <th scope="col">{t("past.kind")}</th>
                <th scope="col">{t("past.source")}</th>
                <th scope="col">{t("past.accounted")}</th>
                <th scope="col">{t("past.toAccounted")}</th>
                <th scope="col">
                  <span className="sr-only">{t("past.summaryPdf")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((e) => (
                <tr key={e.id} data-testid="evac-past-row" data-drill={e.drill}>
                  <td>
                    <Link href={`/staff/evacuation/${e.id}`}>{when(e.startedAt)}</Link>
                    {!e.endedAt && <> ({t("past.running")})</>}
                  </td>
                  <td>
                    <span className={`badge ${e.drill ? "badge-off" : "badge-danger"}`}>
                      {e.drill ? t("past.drill") : t("past.real")}
                    </span>
                  </td>
                  <td>{t(`past.sources.${e.source}`)}</td>
                  <td>
                    {e.accounted} / {e.total}
                  </td>
                  <td>
                    {e.allAccountedAt
                      ? `${Math.floor(seconds(e.startedAt, e.allAccountedAt) / 60)} min ${seconds(e.startedAt, e.allAccountedAt) % 60} s`
                      : t("past.never")}
                  </td>
                  <td className="row">
                    <a href={`/api/evacuations/${e.id}/summary?format=pdf&lang=${locale}`}>{t("past.summaryPdf")}</a>
                    <a href={`/api/evacuations/${e.id}/summary?format=csv`}>{t("past.summaryCsv")}</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {help}
    </div>
  );
}
