import { notFound } from "next/navigation";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { isAppError } from "@/src/domain/errors";
import { getIncident, type IncidentDetail } from "@/src/domain/incidents/incident-view";
import { localDay } from "@/src/domain/local-day";
import { Link, redirect } from "@/src/i18n/navigation";
import { pageTitle } from "@/src/i18n/page-title";
import { domain } from "@/src/server/runtime";
import { AftercareForm, CloseForm, ResponseForm, StepsForm } from "@/src/staff/incidents/incident-forms";
import { requireStaff } from "@/src/staff/shell/require-staff";

export const generateMetadata = pageTitle("incidents.detail");

const NOWRAP = { whiteSpace: "nowrap" } as const;

/** One incident for those with need to know: what happened, the step plan, aftercare, the response. */
export default async function IncidentPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string; id: string }>;
  searchParams: Promise<{ registered?: string }>;
}) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  const actor = await requireStaff(locale, "incidents.register", `/staff/incidents/${id}`);
  const ctx = await domain();
  let incident: IncidentDetail;
  try {
    incident = await getIncident(ctx, actor, id);
  } catch (err) {
    if (isAppError(err) && err.code === "NOT_FOUND") notFound();
    throw err;
  }
  if (incident.status === "DRAFT") {
    return redirect({ href: `/staff/incidents/new?draft=${encodeURIComponent(id)}`, locale });
  }
  const { registered } = await searchParams;
  const t = await getTranslations("incidents");
  const format = await getFormatter();
  const tz = incident.timeZone;
  const time = (iso: string | null) =>
    iso ? format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short", timeZone: tz }) : t("detail.none");
  const yesNo = (b: boolean) => (b ? t("detail.yes") : t("detail.no"));
  const open = incident.status !== "CLOSED";
  const today = localDay(ctx.clock.now(), tz);
  const hasStep = (key: string) => incident.steps.some((s) => s.key === key);
  const c = incident.contacts;

  return (
    <div className="stack" data-testid="incident-detail" data-incident-id={incident.id} data-status={incident.status}>
      <div className="row" style={{ alignItems: "baseline" }}>
        <h1 style={{ margin: 0, flex: 1 }}>
          {t("detail.title")}: {incident.category ? t(`categories.${incident.category}`) : t("detail.none")}
        </h1>
        <span className={`badge ${open ? "badge-warn" : "badge-off"}`} data-testid="incident-status">
          {t(`status.${incident.status}`)}
        </span>
      </div>
      {registered && (
        <div className="alert alert-ok" role="status" data-testid="incident-registered">
          {t("registered")}
        </div>
      )}
      {incident.closedAt && (
        <p data-testid="incident-closed">{t("detail.closed", { time: time(incident.closedAt) })}</p>
      )}

      <section className="card stack" aria-labelledby="incident-what">
        <h2 id="incident-what" style={{ margin: 0 }}>
          {t("detail.what")}
        </h2>
        <dl className="grid" style={{ margin: 0 }}>
          <div>
            <dt className="muted">{t("detail.occurredAt")}</dt>
            <dd style={{ margin: 0 }}>{time(incident.occurredAt)}</dd>
          </div>
          <div>
            <dt className="muted">{t("detail.location")}</dt>
            <dd style={{ margin: 0 }}>{incident.locationName}</dd>
          </div>
          <div>
            <dt className="muted">{t("detail.room")}</dt>
            <dd style={{ margin: 0 }}>{incident.roomName ?? t("detail.none")}</dd>
          </div>
          <div>
            <dt className="muted">{t("detail.affectedStaff")}</dt>
            <dd style={{ margin: 0 }}>{incident.affectedStaffName ?? t("detail.none")}</dd>
          </div>
          <div>
            <dt className="muted">{t("detail.visitor")}</dt>
            <dd style={{ margin: 0 }} data-testid="incident-visitor">
              {incident.visitorName ?? t("detail.none")}
            </dd>
          </div>
          <div>
            <dt className="muted">{t("detail.endedEarly")}</dt>
            <dd style={{ margin: 0 }}>{yesNo(incident.endedEarly)}</dd>
          </div>
          <div>
            <dt className="muted">{t("detail.acuteDanger")}</dt>
            <dd style={{ margin: 0 }}>{yesNo(incident.acuteDanger)}</dd>
          </div>
        </dl>
        <p style={{ whiteSpace: "pre-wrap", margin: 0 }}>{incident.description}</p>
      </section>

      <section className="card stack" aria-labelledby="incident-steps" data-testid="incident-steps">
        <h2 id="incident-steps" style={{ margin: 0 }}>
          {t("steps.title")}
        </h2>
        <ul className="stack" style={{ margin: 0, paddingLeft: "1.25rem" }}>
          {incident.steps.map((s) => (
            <li key={s.key} data-testid={`step-${s.key}`} data-done={s.done} data-blocks={s.blocksClose}>
              <span>{t(`steps.${s.key}`)}</span>{" "}
              <span className={`badge ${s.done ? "badge-ok" : s.required ? "badge-warn" : "badge-off"}`} style={NOWRAP}>
                {s.done ? t("steps.done") : s.required ? t("steps.required") : t("steps.advice")}
              </span>
              {!s.done && s.blocksClose && (
                <span className="muted" style={{ display: "block" }}>
                  {t("steps.blocksClose")}
                </span>
              )}
            </li>
          ))}
        </ul>
        {open && (
          <StepsForm
            id={incident.id}
            values={{
              managerInformed: !!incident.managerInformedAt,
              vptReported: !!incident.vptReportedAt,
              called112: !!incident.called112At,
              complaintStatus: incident.complaintStatus,
              complaintReason: incident.complaintReason,
            }}
            showVpt={hasStep("VPT_REPORT")}
            show112={hasStep("CALL_112")}
          />
        )}
      </section>

      <section className="card stack" aria-labelledby="incident-contacts" data-testid="incident-contacts">
        <h2 id="incident-contacts" style={{ margin: 0 }}>
          {t("contacts.title")}
        </h2>
        <ul style={{ margin: 0, paddingLeft: "1.25rem" }}>
          <li>
            <strong>{t("contacts.emergency")}</strong>
          </li>
          <li>{t("contacts.nonEmergency", { number: c.police.nonEmergency })}</li>
          <li>
            {t("contacts.safetyOfficer")}:{" "}
            {c.safetyOfficer ? `${c.safetyOfficer.name} (${c.safetyOfficer.email})` : t("contacts.notSet")}
          </li>
          <li>
            {t("contacts.neighbourhoodOfficer")}: {c.neighbourhoodOfficer || t("contacts.notSet")}
          </li>
          {c.deskPhone && (
            <li>
              {t("contacts.deskPhone")}: {c.deskPhone}
            </li>
          )}
        </ul>
        {c.emergencyContacts && (
          <div>
            <strong>{t("contacts.other")}</strong>
            <p style={{ whiteSpace: "pre-wrap", margin: 0 }}>{c.emergencyContacts}</p>
          </div>
        )}
      </section>

      <section className="card stack" aria-labelledby="incident-response" data-testid="incident-response">
        <h2 id="incident-response" style={{ margin: 0 }}>
          {t("response.title")}
        </h2>
        <p className="muted" style={{ margin: 0 }}>
          {t("response.intro")}
        </p>
        {incident.responseAt ? (
          <p style={{ margin: 0 }} data-testid="response-given" data-kind={incident.responseKind}>
            {t("response.given", {
              kind: t(`response.kinds.${incident.responseKind ?? "NONE"}`),
              time: time(incident.responseAt),
            })}
            {incident.banId && (
              <>
                {" · "}
                <Link href="/staff/bans" data-testid="response-ban" data-ban-id={incident.banId}>
                  {t("response.banCreated")}
                </Link>
              </>
            )}
          </p>
        ) : (
          <>
            <p style={{ margin: 0 }} data-testid="response-due" data-overdue={incident.responseOverdue}>
              {incident.responseOverdue ? (
                <span className="badge badge-danger">{t("response.overdue")}</span>
              ) : (
                t("response.due", { time: time(incident.responseDueAt) })
              )}
            </p>
            {incident.canManage && <ResponseForm id={incident.id} visitorKnown={!!incident.visitorId} today={today} />}
          </>
        )}
      </section>

      <section className="card stack" aria-labelledby="incident-aftercare" data-testid="incident-aftercare">
        <h2 id="incident-aftercare" style={{ margin: 0 }}>
          {t("aftercare.title")}
        </h2>
        <p className="muted" style={{ margin: 0 }}>
          {t("aftercare.intro")}
        </p>
        {incident.aftercare.map((task) => (
          <div key={task.id} className="stack" data-testid={`aftercare-${task.kind}`} data-done={!!task.doneAt}>
            <p style={{ margin: 0 }}>
              <strong>{t(`aftercare.${task.kind as "FIRST" | "FOLLOW_UP" | "FINAL"}`)}</strong> ·{" "}
              {task.doneAt
                ? `${t("aftercare.doneOn", { time: time(task.doneAt) })}: ${t(`aftercare.outcomes.${task.outcome as "DECLINED"}`)}`
                : t("aftercare.due", { time: time(task.dueAt) })}{" "}
              {task.overdue && <span className="badge badge-danger">{t("aftercare.overdue")}</span>}
              {!task.doneAt && task.remindedAt && !task.overdue && (
                <span className="badge badge-warn">{t("aftercare.reminded")}</span>
              )}
            </p>
            {task.note && <p style={{ margin: 0 }}>{task.note}</p>}
            {!task.doneAt && incident.canManage && (
              <AftercareForm taskId={task.id} label={t(`aftercare.${task.kind as "FIRST"}`)} />
            )}
          </div>
        ))}
      </section>

      {incident.canManage && (
        <section className="card stack" aria-labelledby="incident-share">
          <h2 id="incident-share" style={{ margin: 0 }}>
            {t("detail.summaryPdf")}
          </h2>
          <p className="muted" style={{ margin: 0 }}>
            {t("detail.summaryHint")}
          </p>
          <div className="row">
            <a
              className="btn btn-secondary"
              href={`/api/incidents/${encodeURIComponent(incident.id)}/summary?lang=${locale}`}
              data-testid="incident-summary-pdf"
            >
              {t("detail.summaryPdf")}
            </a>
            {incident.visitorId && (
              <a
                className="btn btn-secondary"
                href={`/api/incidents/${encodeURIComponent(incident.id)}/summary?lang=${locale}&visitor=1`}
              >
                {t("detail.summaryPdfVisitor")}
              </a>
            )}
          </div>
        </section>
      )}

      {open && incident.canManage && <CloseForm id={incident.id} />}
    </div>
  );
}
