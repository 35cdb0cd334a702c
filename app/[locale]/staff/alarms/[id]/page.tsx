import { forbidden, notFound } from "next/navigation";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { can } from "@/src/domain/access/permissions";
import { alarmTimeline } from "@/src/domain/alarms/alarm-queries";
import { isAppError } from "@/src/domain/errors";
import { Link } from "@/src/i18n/navigation";
import { pageTitle } from "@/src/i18n/page-title";
import { domain } from "@/src/server/runtime";
import { requireStaff } from "@/src/staff/shell/require-staff";

export const generateMetadata = pageTitle("alarms", "timeline.title");

const orNotFound = (err: unknown): never => {
  if (isAppError(err) && err.code === "NOT_FOUND") notFound();
  throw err;
};

/** One alarm's timeline: raised, paged, delivered, seen, answered, escalated, closed — with times. */
export default async function AlarmTimelinePage({ params }: { params: Promise<{ locale: string; id: string }> }) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  const actor = await requireStaff(locale, "dashboard.view", `/staff/alarms/${id}`);
  if (!can(actor, "alarms.manage") && !can(actor, "alarms.test")) forbidden();
  const ctx = await domain();
  const { alarm, entries } = await alarmTimeline(ctx, actor, id).catch(orNotFound);
  const location = await ctx.db.location.findUnique({ where: { id: alarm.locationId }, select: { timeZone: true } });
  const timeZone = location?.timeZone ?? "Europe/Amsterdam";
  const t = await getTranslations("alarms");
  const format = await getFormatter();
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "short", timeStyle: "medium", timeZone });
  const room = alarm.roomName
    ? alarm.floor
      ? t("roomFloor", { room: alarm.roomName, floor: alarm.floor })
      : alarm.roomName
    : t("noRoom");
  const detail = (e: (typeof entries)[number]) => {
    if (e.kind === "escalated") return e.step === 2 ? t("timeline.step2") : t("timeline.step1");
    if (
      e.kind === "closed" &&
      typeof e.data?.outcome === "string" &&
      e.data.outcome in { RESOLVED: 1, FALSE_ALARM: 1, POLICE_CALLED: 1 }
    )
      return t("timeline.outcome", { outcome: t(`outcomes.${e.data.outcome as "RESOLVED"}`) });
    if (
      (e.kind === "raised" || e.kind === "joined") &&
      (e.data?.level === "ASSISTANCE" || e.data?.level === "EMERGENCY")
    )
      return t(`levels.${e.data.level}`);
    return null;
  };
  return (
    <div className="stack">
      <p>
        <Link href="/staff/alarms">{t("timeline.back")}</Link>
      </p>
      <h1 style={{ margin: 0 }}>{t("timeline.title")}</h1>
      <p className="row" style={{ gap: "0.5rem" }} data-testid="alarm-timeline-summary">
        {alarm.test && <span className="badge badge-warn">{t("testMark")}</span>}
        <span>{t("timeline.summary", { level: t(`levels.${alarm.level}`), room, location: alarm.locationName })}</span>
        <span className="badge badge-off">{t(`status.${alarm.status}`)}</span>
        {alarm.outcome && <span className="badge badge-ok">{t(`outcomes.${alarm.outcome}`)}</span>}
      </p>
      {entries.length === 0 ? (
        <p>{t("timeline.empty")}</p>
      ) : (
        <div style={{ overflowX: "auto" }}>
          <table className="table" data-testid="alarm-timeline">
            <caption className="sr-only">{t("timeline.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("timeline.columns.time")}</th>
                <th scope="col">{t("timeline.columns.what")}</th>
                <th scope="col">{t("timeline.columns.who")}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e, i) => {
                const extra = detail(e);
                return (
                  // biome-ignore lint/suspicious/noArrayIndexKey: entries have no id and never reorder on this page
                  <tr key={i} data-testid="alarm-timeline-entry" data-kind={e.kind}>
                    <td>
                      <time dateTime={e.at}>{when(e.at)}</time>
                    </td>
                    <td>
                      {t(`timeline.kinds.${e.kind}`)}
                      {extra && <span className="muted"> · {extra}</span>}
                    </td>
                    <td>{e.name ?? "—"}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
