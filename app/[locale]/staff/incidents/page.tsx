import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { can } from "@/src/domain/access/permissions";
import { listOpenIncidents } from "@/src/domain/incidents/incident-view";
import { Link } from "@/src/i18n/navigation";
import { pageTitle } from "@/src/i18n/page-title";
import { domain } from "@/src/server/runtime";
import { loadStaffLocations } from "@/src/staff/desk/staff-locations";
import { IncidentTasksLive } from "@/src/staff/incidents/incident-tasks-live";
import { requireStaff } from "@/src/staff/shell/require-staff";

export const generateMetadata = pageTitle("incidents");

const NOWRAP = { whiteSpace: "nowrap" } as const;

/** The managers' lists: open incidents (drafts too) and overdue tasks, per location. */
export default async function IncidentsPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string }>;
  searchParams: Promise<{ location?: string | string[] }>;
}) {
  const { locale } = await params;
  setRequestLocale(locale);
  const actor = await requireStaff(locale, "incidents.register", "/staff/incidents");
  const requested = (await searchParams).location;
  const locations = await loadStaffLocations(actor);
  const current = locations.find((l) => l.id === requested) ?? null;
  const ctx = await domain();
  const { incidents, overdue } = await listOpenIncidents(ctx, actor, { locationId: current?.id ?? null });
  const t = await getTranslations("incidents");
  const format = await getFormatter();
  const zoneOf = new Map(locations.map((l) => [l.id, l.timeZone]));
  const time = (iso: string, locationId?: string) =>
    format.dateTime(new Date(iso), {
      dateStyle: "short",
      timeStyle: "short",
      timeZone: (locationId && zoneOf.get(locationId)) || "Europe/Amsterdam",
    });

  return (
    <div className="stack">
      <IncidentTasksLive renderedAt={ctx.clock.now().toISOString()} />
      <div className="row" style={{ alignItems: "flex-end" }}>
        <h1 style={{ margin: 0, flex: 1 }}>{t("title")}</h1>
        <Link
          className="btn"
          href={`/staff/incidents/new${current ? `?location=${current.id}` : ""}`}
          data-testid="new-incident"
        >
          {t("new")}
        </Link>
        {can(actor, "incidents.evaluate") && (
          <Link className="btn btn-secondary" href="/staff/incidents/evaluation">
            {t("evaluationLink")}
          </Link>
        )}
        {can(actor, "incidents.manage") && (
          <Link className="btn btn-secondary" href="/staff/incidents/settings">
            {t("settingsLink")}
          </Link>
        )}
      </div>
      <p className="muted">{t("intro")}</p>
      {locations.length > 1 && (
        <form method="get" className="row" style={{ alignItems: "flex-end" }}>
          <div className="field">
            <label htmlFor="incident-location-filter">{t("lists.location")}</label>
            <select id="incident-location-filter" name="location" defaultValue={current?.id ?? ""}>
              <option value="">{t("lists.allLocations")}</option>
              {locations.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="btn btn-secondary">
            {t("lists.filter")}
          </button>
        </form>
      )}

      <section className="stack" aria-labelledby="incidents-overdue" data-testid="incidents-overdue">
        <h2 id="incidents-overdue" style={{ margin: 0 }}>
          {t("lists.overdue")}
        </h2>
        {overdue.length === 0 ? (
          <p>{t("lists.noOverdue")}</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("lists.columns.task")}</th>
                <th scope="col">{t("lists.columns.location")}</th>
                <th scope="col">{t("lists.columns.due")}</th>
              </tr>
            </thead>
            <tbody>
              {overdue.map((task) => (
                <tr key={`${task.incidentId}-${task.kind}`} data-testid={`overdue-${task.kind}`}>
                  <td>
                    <Link href={`/staff/incidents/${task.incidentId}`}>{t(`lists.tasks.${task.kind}`)}</Link>
                  </td>
                  <td>{task.locationName}</td>
                  <td style={NOWRAP}>
                    <span className="badge badge-danger">{time(task.dueAt)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="stack" aria-labelledby="incidents-open" data-testid="incidents-open">
        <h2 id="incidents-open" style={{ margin: 0 }}>
          {t("lists.open")}
        </h2>
        {incidents.length === 0 ? (
          <p>{t("lists.noOpen")}</p>
        ) : (
          <div style={{ overflowX: "auto" }}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t("lists.columns.occurredAt")}</th>
                  <th scope="col">{t("lists.columns.location")}</th>
                  <th scope="col">{t("lists.columns.category")}</th>
                  <th scope="col">{t("lists.columns.status")}</th>
                  <th scope="col">{t("lists.columns.response")}</th>
                  <th scope="col">{t("lists.columns.aftercare")}</th>
                </tr>
              </thead>
              <tbody>
                {incidents.map((i) => (
                  <tr key={i.id} data-testid={`incident-row-${i.id}`} data-status={i.status}>
                    <td style={NOWRAP}>
                      <Link
                        href={i.status === "DRAFT" ? `/staff/incidents/new?draft=${i.id}` : `/staff/incidents/${i.id}`}
                      >
                        {time(i.occurredAt, i.locationId)}
                        <span className="sr-only">
                          {" "}
                          — {i.status === "DRAFT" ? t("lists.register") : t("lists.open")}
                        </span>
                      </Link>
                    </td>
                    <td>{i.locationName}</td>
                    <td>{i.category ? t(`categories.${i.category as "PHYSICAL"}`) : t("detail.none")}</td>
                    <td>
                      <span className={`badge ${i.status === "DRAFT" ? "badge-warn" : "badge-off"}`}>
                        {t(`status.${i.status as "OPEN"}`)}
                      </span>
                    </td>
                    <td style={NOWRAP}>
                      {i.status === "DRAFT" ? (
                        t("detail.none")
                      ) : i.responded ? (
                        t("lists.responded")
                      ) : i.responseOverdue ? (
                        <span className="badge badge-danger">{t("lists.responseLate")}</span>
                      ) : (
                        i.responseDueAt && t("lists.responseDue", { time: time(i.responseDueAt, i.locationId) })
                      )}
                    </td>
                    <td>
                      {i.openAftercare > 0 && t("lists.openAftercare", { count: i.openAftercare })}
                      {i.overdueAftercare > 0 && (
                        <>
                          {" "}
                          <span className="badge badge-danger">
                            {t("lists.overdueAftercare", { count: i.overdueAftercare })}
                          </span>
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
