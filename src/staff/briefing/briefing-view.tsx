// The shift briefing, rendered on the server (it is read at handover, not watched): the page
// re-reads itself every minute and after a lost connection (LiveRefresh).
import { getFormatter, getTranslations } from "next-intl/server";
import type { Briefing } from "@/src/domain/briefing/load-briefing";

const MINUTE = 60_000;

export async function BriefingView({ briefing, timeZone }: { briefing: Briefing; timeZone: string }) {
  const t = await getTranslations("briefing");
  const tRoles = await getTranslations("staff.roles");
  const format = await getFormatter();
  const now = new Date(briefing.now).getTime();
  const time = (iso: string) => format.dateTime(new Date(iso), { hour: "2-digit", minute: "2-digit", timeZone });
  const waited = (iso: string) => Math.max(0, Math.floor((now - new Date(iso).getTime()) / MINUTE));
  const openAlerts = briefing.alerts.filter((a) => !a.acknowledgedAt);
  const waiting = briefing.visits.filter((v) => v.status === "WAITING");

  return (
    <div className="stack" data-testid="briefing">
      <p className="muted">{t("since", { time: time(briefing.since) })}</p>
      <div className="grid">
        <section className="card" aria-labelledby="briefing-staff">
          <h2 id="briefing-staff">{t("staff.heading", { count: briefing.staffPresent.length })}</h2>
          {briefing.staffPresent.length === 0 ? (
            <p>{t("staff.none")}</p>
          ) : (
            <ul data-testid="briefing-staff">
              {briefing.staffPresent.map((s) => (
                <li key={s.staffId}>{t("staff.line", { name: s.name, role: tRoles(s.role), time: time(s.since) })}</li>
              ))}
            </ul>
          )}
        </section>
        <section className="card" aria-labelledby="briefing-team">
          <h2 id="briefing-team">{t("team.heading")}</h2>
          {briefing.incidentTeam.length === 0 ? (
            <p>{t("team.none")}</p>
          ) : (
            <ul data-testid="briefing-team">
              {briefing.incidentTeam.map((m) => (
                <li key={m.staffId}>
                  {m.name}{" "}
                  <span className={`badge ${m.present ? "badge-ok" : "badge-off"}`}>
                    {t(m.present ? "team.in" : "team.out")}
                  </span>
                </li>
              ))}
            </ul>
          )}
          {briefing.incidentTeam.length > 0 && !briefing.incidentTeam.some((m) => m.present) && (
            <p className="muted">{t("team.nobodyIn")}</p>
          )}
        </section>
        <section className="card" aria-labelledby="briefing-numbers">
          <h2 id="briefing-numbers">{t("numbers.heading")}</h2>
          <ul>
            <li>{t("numbers.present", { count: briefing.visits.length })}</li>
            <li>{t("numbers.waiting", { count: waiting.length })}</li>
            <li>{t("numbers.arrivals", { count: briefing.arrivalsSince })}</li>
            <li>{t("numbers.appointmentsLeft", { count: briefing.appointmentsLeftToday })}</li>
            <li>{t("numbers.openAlerts", { count: openAlerts.length })}</li>
          </ul>
        </section>
      </div>

      <section aria-labelledby="briefing-visits">
        <h2 id="briefing-visits">{t("visits.heading")}</h2>
        {briefing.visits.length === 0 ? (
          <p>{t("visits.none")}</p>
        ) : (
          <table className="table" data-testid="briefing-visits">
            <thead>
              <tr>
                <th scope="col">{t("visits.who")}</th>
                <th scope="col">{t("visits.status")}</th>
                <th scope="col">{t("visits.since")}</th>
                <th scope="col">{t("visits.host")}</th>
                <th scope="col">{t("visits.room")}</th>
                <th scope="col">{t("visits.flags")}</th>
              </tr>
            </thead>
            <tbody>
              {briefing.visits.map((v) => (
                <tr key={v.visitId}>
                  <td>{v.visitorName ?? t("visits.hidden")}</td>
                  <td>{t(`visits.statuses.${v.status}`)}</td>
                  <td>{t("visits.sinceValue", { time: time(v.checkedInAt), minutes: waited(v.checkedInAt) })}</td>
                  <td>{v.hostName ?? "—"}</td>
                  <td>{v.roomName ?? "—"}</td>
                  <td>
                    {v.risky && <span className="badge badge-warn">{t("visits.risky")}</span>}{" "}
                    {v.banAlert && <span className="badge badge-danger">{t("visits.ban")}</span>}{" "}
                    {v.rulesDeclined && <span className="badge badge-warn">{t("visits.declined")}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="briefing-alarms">
        <h2 id="briefing-alarms">{t("alarms.heading")}</h2>
        {briefing.alarms.length === 0 ? (
          <p>{t("alarms.none")}</p>
        ) : (
          <table className="table" data-testid="briefing-alarms">
            <thead>
              <tr>
                <th scope="col">{t("alarms.when")}</th>
                <th scope="col">{t("alarms.room")}</th>
                <th scope="col">{t("alarms.level")}</th>
                <th scope="col">{t("alarms.outcome")}</th>
                <th scope="col">{t("alarms.incident")}</th>
              </tr>
            </thead>
            <tbody>
              {briefing.alarms.map((a) => (
                <tr key={a.alarmId} data-alarm-id={a.alarmId} data-test-alarm={a.test ? "true" : undefined}>
                  <td>
                    {time(a.raisedAt)} {a.test && <span className="badge badge-off">{t("alarms.test")}</span>}
                  </td>
                  <td>
                    {a.roomName
                      ? a.floor
                        ? t("alarms.floor", { room: a.roomName, floor: a.floor })
                        : a.roomName
                      : t("alarms.noRoom")}
                  </td>
                  <td>
                    <span className={`badge ${a.level === "EMERGENCY" ? "badge-danger" : "badge-warn"}`}>
                      {t(`alarms.levels.${a.level}`)}
                    </span>
                  </td>
                  <td>
                    {a.outcome ? t(`alarms.outcomes.${a.outcome}`) : t(`alarms.statuses.${a.status}`)}
                    {" — "}
                    {t("alarms.coming", { count: a.coming })}
                  </td>
                  <td data-testid="briefing-alarm-incident">
                    {a.incident ? t(`alarms.incidentStatus.${a.incident.status === "DRAFT" ? "DRAFT" : "OTHER"}`) : "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="briefing-alerts">
        <h2 id="briefing-alerts">{t("alerts.heading")}</h2>
        {briefing.alerts.length === 0 ? (
          <p>{t("alerts.none")}</p>
        ) : (
          <ul data-testid="briefing-alerts">
            {briefing.alerts.map((a) => (
              <li key={a.id}>
                {t("alerts.line", {
                  time: time(a.createdAt),
                  kind: t.has(`alerts.kinds.${a.kind}`) ? t(`alerts.kinds.${a.kind}`) : a.kind,
                })}{" "}
                {a.acknowledgedAt ? (
                  <span className="badge badge-ok">{t("alerts.seen", { time: time(a.acknowledgedAt) })}</span>
                ) : (
                  <span className="badge badge-danger">{t("alerts.open")}</span>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
