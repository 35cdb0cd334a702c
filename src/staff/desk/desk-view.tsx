"use client";
// The desk screen's live part. Starts from the server's data and follows the realtime events:
// arrivals and departures (visit.checked_in / visit.checked_out), silent desk alerts
// (desk.alert_raised / desk.alert_acknowledged), picked up / moved / no-show (visit.updated) and
// the queue (queue.changed). Sound is off by default and opt-in per desk (remembered in this
// browser); even then only wait-time and risky-conversation alerts sound. Ban matches, declined
// house rules and "see the desk" never make a sound: a banned visitor must not notice that the
// desk was alerted.
import { useFormatter, useTranslations } from "next-intl";
import { type ReactNode, useCallback, useEffect, useState, useTransition } from "react";
import type { DeskAlertView } from "@/src/domain/desk/desk-alerts";
import type { VisitSummary } from "@/src/domain/events/domain-events";
import { useLiveSnapshot } from "@/src/realtime/client/use-live-snapshot";
import { useRealtimeEvent } from "@/src/realtime/client/use-realtime-event";
import {
  acknowledgeAlertAction,
  checkOutVisitAction,
  moveVisitAction,
  noShowVisitAction,
  pickUpVisitAction,
} from "@/src/staff/desk/actions";
import type { DeskData } from "@/src/staff/desk/load-desk";

const MINUTE = 60_000;
const SOUND_KEY = "portier.desk.sound";
/** Alert kinds that may sound (when the desk turned sound on). Never BAN_MATCH: see the top. */
const AUDIBLE = new Set(["WAIT_TIME", "RISK_NOT_OK", "RISK_UNANSWERED", "ALARM_CALL_112"]);

/** Waiting visitors first, longest wait first; then those with their host. */
function byTimeWaited(visits: VisitSummary[]): VisitSummary[] {
  const rank = (v: VisitSummary) => (v.status === "WAITING" ? 0 : 1);
  return [...visits].sort((a, b) => rank(a) - rank(b) || a.checkedInAt.localeCompare(b.checkedInAt));
}

const isOpen = (v: VisitSummary) => v.status === "WAITING" || v.status === "WITH_HOST";

/** A short, soft two-tone chime made in the browser (no audio file to load). */
function chime() {
  try {
    const audio = new AudioContext();
    const gain = audio.createGain();
    gain.gain.value = 0.15;
    gain.connect(audio.destination);
    [660, 880].forEach((hz, i) => {
      const osc = audio.createOscillator();
      osc.frequency.value = hz;
      osc.connect(gain);
      osc.start(audio.currentTime + i * 0.25);
      osc.stop(audio.currentTime + i * 0.25 + 0.2);
    });
    setTimeout(() => void audio.close(), 1000);
  } catch {
    // No audio available (or not allowed yet): the alert is visible anyway.
  }
}

function useDeskSound(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(false);
  useEffect(() => {
    setOn(window.localStorage.getItem(SOUND_KEY) === "on");
  }, []);
  const set = useCallback((value: boolean) => {
    setOn(value);
    window.localStorage.setItem(SOUND_KEY, value ? "on" : "off");
  }, []);
  return [on, set];
}
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
  canManage = false,
}: {
  location: DeskLocation;
  data: DeskData;
  canCheckOut: boolean;
  /** visits.manage: pick up, move to a room, no-show. */
  canManage?: boolean;
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
  const [sound, setSound] = useDeskSound();

  useRealtimeEvent("visit.checked_in", (p) => {
    if (!here(p)) return;
    setState((s) => {
      const known = s.visits.some((v) => v.visitId === p.visitId) || s.departed.some((v) => v.visitId === p.visitId);
      const visits = [...s.visits.filter((v) => v.visitId !== p.visitId), p];
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
  useRealtimeEvent("visit.updated", (p) => {
    if (!here(p)) return;
    setState((s) => ({
      ...s,
      // A no-show leaves the list (it is not a departure of someone who was in).
      visits: isOpen(p)
        ? [...s.visits.filter((v) => v.visitId !== p.visitId), p]
        : s.visits.filter((v) => v.visitId !== p.visitId),
    }));
  });
  useRealtimeEvent("desk.alert_raised", (p) => {
    if (!here(p)) return;
    setState((s) => ({ ...s, alerts: [p, ...s.alerts.filter((a) => a.id !== p.id)] }));
    setAnnouncement(t("announce.alert"));
    if (sound && AUDIBLE.has(p.kind)) chime();
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
  const replaceVisit = useCallback((next: VisitSummary) => {
    setState((s) => ({
      ...s,
      visits: isOpen(next)
        ? s.visits.map((v) => (v.visitId === next.visitId ? next : v))
        : s.visits.filter((v) => v.visitId !== next.visitId),
    }));
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

      <div className="row">
        <label className="row" style={{ minHeight: "var(--touch)", gap: "0.5rem", cursor: "pointer" }}>
          <input
            type="checkbox"
            checked={sound}
            onChange={(e) => setSound(e.target.checked)}
            data-testid="desk-sound"
            style={{ width: "1.5rem", height: "1.5rem" }}
          />
          {t("sound.label")}
        </label>
        <span className="muted">{t("sound.hint")}</span>
      </div>

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
                  <th scope="col">{t("visits.columns.room")}</th>
                  <th scope="col">{t("visits.columns.status")}</th>
                  {(canCheckOut || canManage) && <th scope="col">{t("visits.columns.actions")}</th>}
                </tr>
              </thead>
              <tbody>
                {byTimeWaited(state.visits).map((v) => (
                  <VisitRow
                    key={v.visitId}
                    visit={v}
                    now={now}
                    waitAlertMinutes={location.waitAlertMinutes}
                    host={v.hostId ? (state.hosts[v.hostId] ?? null) : null}
                    rooms={state.rooms}
                    time={time}
                    canCheckOut={canCheckOut}
                    canManage={canManage}
                    onCheckedOut={removeVisit}
                    onChanged={replaceVisit}
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

/** Ban matches and "not OK" in a risky conversation first (someone may be in danger), then the newest. */
function byUrgency(alerts: DeskAlertView[]): DeskAlertView[] {
  const rank = (a: DeskAlertView) =>
    a.kind === "ALARM_CALL_112" || a.kind === "BAN_MATCH" || a.kind === "RISK_NOT_OK"
      ? 0
      : a.kind === "RISK_UNANSWERED"
        ? 1
        : 2;
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
  } else if (alert.kind === "WAIT_TIME") {
    const name = visitName ?? d.visitorName ?? "?";
    title = t("waitTime.title", { name, minutes: Number(d.minutes ?? 0) });
    body = <p style={{ margin: 0 }}>{t("waitTime.advice")}</p>;
  } else if (alert.kind === "RISK_NOT_OK") {
    title = t("riskNotOk.title", { room: d.roomName ?? t("riskNoRoom"), host: d.hostName ?? "?" });
    body = <p style={{ margin: 0 }}>{t("riskNotOk.advice")}</p>;
  } else if (alert.kind === "RISK_UNANSWERED") {
    title = t("riskUnanswered.title", { room: d.roomName ?? t("riskNoRoom"), host: d.hostName ?? "?" });
    body = <p style={{ margin: 0 }}>{t("riskUnanswered.advice", { missed: Number(d.missed ?? 1) })}</p>;
  } else if (alert.kind === "TABLET_SILENT") {
    title = t("tabletSilent.title", { room: d.roomName ?? t("riskNoRoom"), device: d.deviceName ?? "?" });
    body = <p style={{ margin: 0 }}>{t("tabletSilent.advice", { since: d.lastSeenAt ? time(d.lastSeenAt) : "?" })}</p>;
  } else if (alert.kind === "DOOR_HELD_OPEN") {
    // A door stood open past its threshold (src/domain/doors): someone may be holding it for others.
    title = t("doorHeldOpen.title", { door: String(d.doorName ?? "?") });
    body = <p style={{ margin: 0 }}>{t("doorHeldOpen.advice", { seconds: Number(d.seconds ?? 0) })}</p>;
  } else if (alert.kind === "DOOR_CONTROLLER_OFFLINE") {
    title = t("doorOffline.title", { door: String(d.doorName ?? "?") });
    body = <p style={{ margin: 0 }}>{t(d.safeState === "RELEASED" ? "doorOffline.released" : "doorOffline.locked")}</p>;
  } else if (alert.kind === "ALARM_CALL_112") {
    // An alarm escalated to step 2 (src/domain/alarms): call 112, with the location's contacts.
    const contacts = String(d.emergencyContacts ?? "").trim();
    title = t("alarmCall112.title", { room: d.roomName ?? t("riskNoRoom") });
    body = (
      <>
        <p style={{ margin: 0 }}>{t("alarmCall112.advice")}</p>
        {contacts && (
          <>
            <p style={{ margin: 0, fontWeight: 700 }}>{t("alarmCall112.contacts")}</p>
            <p style={{ margin: 0, whiteSpace: "pre-line" }} data-field="emergencyContacts">
              {contacts}
            </p>
          </>
        )}
        {d.deskPhone && <p style={{ margin: 0 }}>{t("alarmCall112.deskPhone", { phone: String(d.deskPhone) })}</p>}
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
      className={`alert ${alert.kind === "WAIT_TIME" ? "alert-warn" : "alert-error"} stack`}
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
  rooms,
  time,
  canCheckOut,
  canManage,
  onCheckedOut,
  onChanged,
}: {
  visit: VisitSummary;
  now: number;
  waitAlertMinutes: number;
  host: string | null;
  rooms: { id: string; name: string }[];
  time: (iso: string) => string;
  canCheckOut: boolean;
  canManage: boolean;
  onCheckedOut: (visitId: string) => void;
  onChanged: (visit: VisitSummary) => void;
}) {
  const t = useTranslations("desk.visits");
  const tErrors = useTranslations("errors");
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [roomId, setRoomId] = useState(visit.roomId ?? "");
  const minutes = Math.max(0, Math.floor((now - new Date(visit.checkedInAt).getTime()) / MINUTE));
  // The server's alert level, or the clock when that event has not arrived yet.
  const waitingLong = visit.status === "WAITING" && (visit.waitAlertLevel > 0 || minutes >= waitAlertMinutes);
  const roomName = rooms.find((r) => r.id === visit.roomId)?.name ?? null;
  const selectId = `desk-room-${visit.visitId}`;

  function act(run: () => Promise<{ ok: true } | { ok: false; code: string }>, after: () => void) {
    setError(null);
    startTransition(async () => {
      const result = await run();
      if (result.ok) after();
      else setError(tErrors(result.code));
    });
  }
  const checkOut = () =>
    act(
      () => checkOutVisitAction(visit.visitId),
      () => onCheckedOut(visit.visitId),
    );
  const pickUp = () =>
    act(
      () => pickUpVisitAction(visit.visitId),
      () => onChanged({ ...visit, status: "WITH_HOST", pickedUpAt: new Date(now).toISOString() }),
    );
  const noShow = () =>
    act(
      () => noShowVisitAction(visit.visitId),
      () => onChanged({ ...visit, status: "NO_SHOW" }),
    );
  const move = () => {
    if (!roomId || roomId === visit.roomId) return;
    act(
      () => moveVisitAction(visit.visitId, roomId),
      () => onChanged({ ...visit, roomId }),
    );
  };

  return (
    <tr
      data-testid={`desk-visit-${visit.visitId}`}
      data-status={visit.status}
      data-wait-level={visit.waitAlertLevel}
      style={waitingLong ? { background: "var(--warn-bg)" } : undefined}
    >
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
        {visit.risky && (
          <>
            {" "}
            <span className="badge badge-warn" data-testid="flag-risky">
              {t("flags.risky")}
            </span>
          </>
        )}
      </th>
      <td>{time(visit.checkedInAt)}</td>
      <td>{t(`method.${visit.method}`)}</td>
      <td>{host ?? "—"}</td>
      <td data-testid="desk-visit-room">{roomName ?? "—"}</td>
      <td>
        {t(`status.${visit.status}`)}{" "}
        {visit.status === "WAITING" && (
          <span
            className={waitingLong ? "badge badge-warn" : "muted"}
            data-testid={waitingLong ? "waiting-long" : "waiting-time"}
          >
            {minutes ? t("waitingFor", { minutes }) : t("justArrived")}
          </span>
        )}
      </td>
      {(canCheckOut || canManage) && (
        <td>
          <div className="row" style={{ gap: "0.5rem" }}>
            {canManage && visit.status === "WAITING" && (
              <button
                type="button"
                className="btn"
                onClick={pickUp}
                disabled={pending}
                aria-busy={pending || undefined}
                data-testid="desk-pick-up"
              >
                {t("pickUp")}
                <span className="sr-only">: {visit.visitorName}</span>
              </button>
            )}
            {canManage && rooms.length > 0 && (
              <span className="row" style={{ gap: "0.25rem" }}>
                <label htmlFor={selectId} className="sr-only">
                  {t("roomFor", { name: visit.visitorName })}
                </label>
                <select
                  id={selectId}
                  value={roomId}
                  onChange={(e) => setRoomId(e.target.value)}
                  data-testid="desk-room-select"
                  style={{ minHeight: "var(--touch)" }}
                >
                  <option value="">{t("chooseRoom")}</option>
                  {rooms.map((r) => (
                    <option key={r.id} value={r.id}>
                      {r.name}
                    </option>
                  ))}
                </select>
                <button
                  type="button"
                  className="btn btn-secondary"
                  onClick={move}
                  disabled={pending || !roomId || roomId === visit.roomId}
                  data-testid="desk-move"
                >
                  {t("move")}
                  <span className="sr-only">: {visit.visitorName}</span>
                </button>
              </span>
            )}
            {canManage && visit.status === "WAITING" && (
              <button
                type="button"
                className="btn btn-secondary"
                onClick={noShow}
                disabled={pending}
                data-testid="desk-no-show"
              >
                {t("noShow")}
                <span className="sr-only">: {visit.visitorName}</span>
              </button>
            )}
            {canCheckOut && (
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
            )}
          </div>
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
