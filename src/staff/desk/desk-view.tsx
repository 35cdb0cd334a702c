"use client";
// The desk screen's live part. Starts from the server's data and follows the realtime events:
// arrivals and departures (visit.checked_in / visit.checked_out), silent desk alerts
// (desk.alert_raised / desk.alert_acknowledged) and the queue (queue.changed). Nothing here makes
// a sound: a banned visitor must not notice that the desk was alerted.
import { useFormatter, useTranslations } from "next-intl";
import { type ReactNode, useCallback, useState, useTransition } from "react";
import type { DeskAlertView } from "@/src/domain/desk/desk-alerts";
import type { VisitSummary } from "@/src/domain/events/domain-events";
import { useLiveSnapshot } from "@/src/realtime/client/use-live-snapshot";
import { useRealtimeEvent } from "@/src/realtime/client/use-realtime-event";
import { acknowledgeAlertAction, checkOutVisitAction } from "@/src/staff/desk/actions";
import type { DeskData } from "@/src/staff/desk/load-desk";

const MINUTE = 60_000;

export interface DeskLocation {
  id: string;
  name: string;
  capacity: number | null;
  timeZone: string;
  waitAlertMinutes: number;
}

export function DeskView({
  location,
  data,
  canCheckOut,
}: {
  location: DeskLocation;
  data: DeskData;
  canCheckOut: boolean;
}) {
  const t = useTranslations("desk");
  const format = useFormatter();

  // A new server snapshot (after a refresh or a reconnect) replaces what is shown.
  const [state, setState] = useState(data);
  const [shownFrom, setShownFrom] = useState(data);
  if (shownFrom !== data) {
    setShownFrom(data);
    setState(data);
  }
  const [announcement, setAnnouncement] = useState("");
  const now = useLiveSnapshot(data.renderedAt);
  const here = (p: { locationId: string }) => p.locationId === location.id;

  useRealtimeEvent("visit.checked_in", (p) => {
    if (!here(p)) return;
    setState((s) => {
      const known = s.visits.some((v) => v.visitId === p.visitId) || s.departed.some((v) => v.visitId === p.visitId);
      const visits = [...s.visits.filter((v) => v.visitId !== p.visitId), p].sort((a, b) =>
        a.checkedInAt.localeCompare(b.checkedInAt),
      );
      return { ...s, visits, arrivalsToday: known ? s.arrivalsToday : s.arrivalsToday + 1 };
    });
    setAnnouncement(t("announce.arrived", { name: p.visitorName }));
  });
  useRealtimeEvent("visit.checked_out", (p) => {
    if (!here(p)) return;
    setState((s) => ({
      ...s,
      visits: s.visits.filter((v) => v.visitId !== p.visitId),
      departed: [
        { ...p, checkedOutAt: new Date().toISOString() },
        ...s.departed.filter((v) => v.visitId !== p.visitId),
      ],
    }));
    setAnnouncement(t("announce.left", { name: p.visitorName }));
  });
  useRealtimeEvent("desk.alert_raised", (p) => {
    if (!here(p)) return;
    setState((s) => ({ ...s, alerts: [p, ...s.alerts.filter((a) => a.id !== p.id)] }));
    setAnnouncement(t("announce.alert"));
  });
  useRealtimeEvent("desk.alert_acknowledged", (p) => {
    if (!here(p)) return;
    setState((s) => ({ ...s, alerts: s.alerts.filter((a) => a.id !== p.alertId) }));
  });
  useRealtimeEvent("queue.changed", (p) => {
    if (!here(p)) return;
    setState((s) => ({ ...s, queue: { waiting: p.waiting, called: p.called } }));
  });

  const time = (iso: string) =>
    format.dateTime(new Date(iso), { hour: "2-digit", minute: "2-digit", timeZone: location.timeZone });
  const day = (iso: string) =>
    format.dateTime(new Date(iso), { day: "numeric", month: "long", year: "numeric", timeZone: location.timeZone });
  const nameOfVisit = (visitId: string | null) => state.visits.find((v) => v.visitId === visitId)?.visitorName ?? null;

  const removeAlert = useCallback((alertId: string) => {
    setState((s) => ({ ...s, alerts: s.alerts.filter((a) => a.id !== alertId) }));
  }, []);
  const removeVisit = useCallback((visitId: string) => {
    setState((s) => {
      const v = s.visits.find((x) => x.visitId === visitId);
      return {
        ...s,
        visits: s.visits.filter((x) => x.visitId !== visitId),
        departed: v ? [{ ...v, checkedOutAt: new Date().toISOString() }, ...s.departed] : s.departed,
      };
    });
  }, []);

  return (
    <div className="stack">
      <p className="sr-only" aria-live="polite" data-testid="desk-announcer">
        {announcement}
      </p>

      <AlertPanel alerts={state.alerts} time={time} day={day} nameOfVisit={nameOfVisit} onAcknowledged={removeAlert} />

      <p className="row" data-testid="desk-summary">
        <span>
          {state.visits.length ? t("summary.present", { count: state.visits.length }) : t("summary.presentNone")}
          {location.capacity != null && ` ${t("summary.capacity", { capacity: location.capacity })}`}
        </span>
        <span className="muted">
          {state.arrivalsToday ? t("summary.arrivalsToday", { count: state.arrivalsToday }) : t("summary.arrivalsNone")}
        </span>
      </p>

      {state.queue && <QueuePanel queue={state.queue} calledTtlMinutes={state.calledTtlMinutes} />}

      <section aria-labelledby="desk-visits-heading" className="stack">
        <h2 id="desk-visits-heading">{t("visits.heading")}</h2>
        {state.visits.length === 0 ? (
          <p data-testid="desk-visits-empty">{t("visits.empty")}</p>
        ) : (
          <div style={{ overflowX: "auto" }}>
            <table className="table" data-testid="desk-visits">
              <caption className="sr-only">{t("visits.heading")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("visits.columns.visitor")}</th>
                  <th scope="col">{t("visits.columns.checkedInAt")}</th>
                  <th scope="col">{t("visits.columns.method")}</th>
                  <th scope="col">{t("visits.columns.host")}</th>
                  <th scope="col">{t("visits.columns.status")}</th>
                  {canCheckOut && <th scope="col">{t("visits.columns.actions")}</th>}
                </tr>
              </thead>
              <tbody>
                {state.visits.map((v) => (
                  <VisitRow
                    key={v.visitId}
                    visit={v}
                    now={now}
                    waitAlertMinutes={location.waitAlertMinutes}
                    host={v.hostId ? (state.hosts[v.hostId] ?? null) : null}
                    time={time}
                    canCheckOut={canCheckOut}
                    onCheckedOut={removeVisit}
                  />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="desk-departed-heading">
        <details data-testid="desk-departed">
          <summary style={{ minHeight: "var(--touch)", padding: "0.6rem 0", cursor: "pointer" }}>
            <h2 id="desk-departed-heading" style={{ display: "inline", margin: 0, fontSize: "1.1rem" }}>
              {t("departed.heading", { count: state.departed.length })}
            </h2>
          </summary>
          {state.departed.length === 0 ? (
            <p>{t("departed.empty")}</p>
          ) : (
            <ul>
              {state.departed.map((v) => (
                <li key={v.visitId} data-testid={`desk-departed-${v.visitId}`}>
                  {t("departed.item", {
                    name: v.visitorName,
                    in: time(v.checkedInAt),
                    out: time(v.checkedOutAt),
                  })}
                </li>
              ))}
            </ul>
          )}
        </details>
      </section>
    </div>
  );
}

/** Ban matches first (someone may be in danger), then the newest. */
function byUrgency(alerts: DeskAlertView[]): DeskAlertView[] {
  const rank = (a: DeskAlertView) => (a.kind === "BAN_MATCH" ? 0 : 1);
  return [...alerts].sort((a, b) => rank(a) - rank(b) || b.createdAt.localeCompare(a.createdAt));
}

function AlertPanel({
  alerts,
  time,
  day,
  nameOfVisit,
  onAcknowledged,
}: {
  alerts: DeskAlertView[];
  time: (iso: string) => string;
  day: (iso: string) => string;
  nameOfVisit: (visitId: string | null) => string | null;
  onAcknowledged: (alertId: string) => void;
}) {
  const t = useTranslations("desk.alerts");
  const active = alerts.length > 0;
  return (
    <section
      aria-labelledby="desk-alerts-heading"
      data-testid="desk-alerts"
      className={active ? "stack" : undefined}
      style={
        active
          ? {
              border: "4px solid var(--danger)",
              borderRadius: "var(--radius)",
              background: "var(--danger-bg)",
              padding: "1rem",
            }
          : undefined
      }
    >
      <h2 id="desk-alerts-heading" style={{ marginTop: 0, color: active ? "var(--danger)" : undefined }}>
        {active ? t("headingCount", { count: alerts.length }) : t("heading")}
      </h2>
      {!active && (
        <p className="muted" data-testid="desk-alerts-empty">
          {t("none")}
        </p>
      )}
      {byUrgency(alerts).map((a) => (
        <AlertCard
          key={a.id}
          alert={a}
          time={time}
          day={day}
          visitName={nameOfVisit(a.visitId)}
          onAcknowledged={onAcknowledged}
        />
      ))}
    </section>
  );
}

function AlertCard({
  alert,
  time,
  day,
  visitName,
  onAcknowledged,
}: {
  alert: DeskAlertView;
  time: (iso: string) => string;
  day: (iso: string) => string;
  visitName: string | null;
  onAcknowledged: (alertId: string) => void;
}) {
  const t = useTranslations("desk.alerts");
  const tBans = useTranslations("bans");
  const tErrors = useTranslations("errors");
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const d = alert.data as Record<string, string | null | undefined>;
  const headingId = `desk-alert-${alert.id}-heading`;

  function acknowledge() {
    setError(null);
    startTransition(async () => {
      const result = await acknowledgeAlertAction(alert.id);
      if (result.ok || result.code === "NOT_FOUND") onAcknowledged(alert.id);
      else setError(tErrors(result.code));
    });
  }

  let title: string;
  let body: ReactNode;
  if (alert.kind === "BAN_MATCH") {
    title = t("ban.title", { name: d.displayName ?? visitName ?? "?" });
    const phone = d.contactPhone ?? null;
    body = (
      <>
        <dl style={{ display: "grid", gridTemplateColumns: "max-content 1fr", gap: "0.25rem 1rem", margin: 0 }}>
          <dt>{t("ban.scope")}</dt>
          <dd style={{ margin: 0 }} data-field="scope">
            {d.scope === "ROOM" || d.scope === "BUILDING" ? tBans(`scope.${d.scope}`) : "—"}
          </dd>
          <dt>{t("ban.reason")}</dt>
          <dd style={{ margin: 0 }} data-field="reasonCategory">
            {d.reasonCategory && tBans.has(`reason.${d.reasonCategory}`) ? tBans(`reason.${d.reasonCategory}`) : "—"}
          </dd>
          <dt>{t("ban.until")}</dt>
          <dd style={{ margin: 0 }} data-field="endsAt">
            {d.endsAt ? day(d.endsAt) : "—"}
          </dd>
          <dt>{t("ban.call")}</dt>
          <dd style={{ margin: 0 }} data-field="contact">
            <strong>{d.contactName ?? "—"}</strong>
            {phone && (
              <>
                {" "}
                <a href={`tel:${phone.replace(/[^\d+]/g, "")}`} style={{ color: "inherit", fontWeight: 700 }}>
                  {phone}
                </a>
              </>
            )}
          </dd>
        </dl>
        <p style={{ margin: 0 }}>{t("ban.advice")}</p>
      </>
    );
  } else if (alert.kind === "RULES_DECLINED") {
    title = visitName ? t("declined.titleNamed", { name: visitName }) : t("declined.title");
    body = <p style={{ margin: 0 }}>{t("declined.advice")}</p>;
  } else {
    title = visitName ? t("seeDesk.titleNamed", { name: visitName }) : t("seeDesk.title");
    body = <p style={{ margin: 0 }}>{t("seeDesk.advice")}</p>;
  }

  return (
    <article
      className="alert alert-error stack"
      aria-labelledby={headingId}
      data-testid={`desk-alert-${alert.kind}`}
      data-alert-id={alert.id}
      data-visit-id={alert.visitId ?? undefined}
      style={{ background: "var(--surface)", color: "var(--text)", fontSize: "1.15rem" }}
    >
      <div className="row" style={{ justifyContent: "space-between" }}>
        <h3 id={headingId} style={{ margin: 0, color: "var(--danger)", fontSize: "1.3rem" }}>
          {title}
        </h3>
        <span className="muted">{t("at", { time: time(alert.createdAt) })}</span>
      </div>
      {body}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="row">
        <button
          type="button"
          className="btn"
          onClick={acknowledge}
          disabled={pending}
          aria-busy={pending || undefined}
          aria-describedby={headingId}
          data-testid="desk-ack"
        >
          {t("acknowledge")}
        </button>
      </div>
    </article>
  );
}

function QueuePanel({ queue, calledTtlMinutes }: { queue: NonNullable<DeskData["queue"]>; calledTtlMinutes: number }) {
  const t = useTranslations("desk.queue");
  const numbers = (list: { id: string; number: number }[], testId: string, strong: boolean) => (
    <ul
      className="row"
      style={{ listStyle: "none", padding: 0, margin: 0 }}
      data-testid={testId}
      data-numbers={list.map((n) => n.number).join(",")}
    >
      {list.map((n) => (
        <li
          key={n.id}
          className={`badge ${strong ? "badge-ok" : "badge-off"}`}
          style={{ fontSize: "1.5rem", padding: "0.25rem 0.9rem", fontVariantNumeric: "tabular-nums" }}
        >
          {n.number}
        </li>
      ))}
    </ul>
  );
  return (
    <section aria-labelledby="desk-queue-heading" className="card stack" data-testid="desk-queue">
      <h2 id="desk-queue-heading" style={{ marginTop: 0 }}>
        {t("heading")}
      </h2>
      <div className="grid">
        <div className="stack">
          <h3 style={{ margin: 0 }}>{t("called", { count: queue.called.length })}</h3>
          {queue.called.length ? (
            numbers(queue.called, "desk-queue-called", true)
          ) : (
            <p data-testid="desk-queue-called" data-numbers="">
              {t("none")}
            </p>
          )}
          <p className="muted" style={{ margin: 0 }}>
            {t("calledHint", { minutes: calledTtlMinutes })}
          </p>
        </div>
        <div className="stack">
          <h3 style={{ margin: 0 }}>{t("waiting", { count: queue.waiting.length })}</h3>
          {queue.waiting.length ? (
            numbers(queue.waiting, "desk-queue-waiting", false)
          ) : (
            <p data-testid="desk-queue-waiting" data-numbers="">
              {t("none")}
            </p>
          )}
        </div>
      </div>
    </section>
  );
}

function VisitRow({
  visit,
  now,
  waitAlertMinutes,
  host,
  time,
  canCheckOut,
  onCheckedOut,
}: {
  visit: VisitSummary;
  now: number;
  waitAlertMinutes: number;
  host: string | null;
  time: (iso: string) => string;
  canCheckOut: boolean;
  onCheckedOut: (visitId: string) => void;
}) {
  const t = useTranslations("desk.visits");
  const tErrors = useTranslations("errors");
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const minutes = Math.max(0, Math.floor((now - new Date(visit.checkedInAt).getTime()) / MINUTE));
  const waitingLong = visit.status === "WAITING" && minutes >= waitAlertMinutes;

  function checkOut() {
    setError(null);
    startTransition(async () => {
      const result = await checkOutVisitAction(visit.visitId);
      if (result.ok) onCheckedOut(visit.visitId);
      else setError(tErrors(result.code));
    });
  }

  return (
    <tr data-testid={`desk-visit-${visit.visitId}`} data-status={visit.status}>
      <th scope="row" style={{ fontSize: "inherit", color: "inherit" }}>
        {visit.visitorName}
        {visit.banAlert && (
          <>
            {" "}
            <span className="badge badge-danger" data-testid="flag-ban">
              {t("flags.ban")}
            </span>
          </>
        )}
        {visit.rulesDeclined && (
          <>
            {" "}
            <span className="badge badge-warn" data-testid="flag-declined">
              {t("flags.declined")}
            </span>
          </>
        )}
      </th>
      <td>{time(visit.checkedInAt)}</td>
      <td>{t(`method.${visit.method}`)}</td>
      <td>{host ?? "—"}</td>
      <td>
        {t(`status.${visit.status}`)}{" "}
        {visit.status === "WAITING" && (
          <span
            className={waitingLong ? "badge badge-warn" : "muted"}
            data-testid={waitingLong ? "waiting-long" : undefined}
          >
            {minutes ? t("waitingFor", { minutes }) : t("justArrived")}
          </span>
        )}
      </td>
      {canCheckOut && (
        <td>
          <button
            type="button"
            className="btn btn-secondary"
            onClick={checkOut}
            disabled={pending}
            aria-busy={pending || undefined}
            data-testid="desk-check-out"
          >
            {t("checkOut")}
            <span className="sr-only">: {visit.visitorName}</span>
          </button>
          {error && (
            <p className="field-error" role="alert">
              {error}
            </p>
          )}
        </td>
      )}
    </tr>
  );
}
