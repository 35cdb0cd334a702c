"use client";
// The responder's pager. While this page is open: every page (`alarm.paged`) is acknowledged the
// moment it arrives (that acknowledgement is the server's proof of delivery), then shown full
// screen with room, floor, level and TEST marking, a loud generated siren, vibration, and big
// "Ik kom eraan" / "Kan niet" buttons; `alarm.seen` is reported when it is on screen. Below: the
// open alarms this person was paged for, live, each with the all clear. The screen is kept awake.
import { useFormatter, useTranslations } from "next-intl";
import { type ReactNode, useCallback, useEffect, useRef, useState } from "react";
import type { AlarmResponse, AlarmView } from "@/src/domain/alarms/alarm-view";
import { pagerView, withOwnRow } from "@/src/domain/alarms/pager-view";
import { Link } from "@/src/i18n/navigation";
import { useRealtime } from "@/src/realtime/client/realtime-provider";
import { useLiveSnapshot } from "@/src/realtime/client/use-live-snapshot";
import { useRealtimeEvent } from "@/src/realtime/client/use-realtime-event";
import { respondToAlarmAction } from "@/src/staff/alarms/actions";
import { CloseAlarmForm, type ClosedAlarm } from "@/src/staff/alarms/close-alarm-form";
import { alarmRequest } from "@/src/staff/alarms/emit-with-fallback";
import { ResponderList, useRoomLabel } from "@/src/staff/alarms/responder-list";
import { useAlarmSound } from "@/src/staff/alarms/use-alarm-sound";
import { useScreenWakeLock } from "@/src/ui/use-wake-lock";

const REQUEST_TIMEOUT_MS = 5_000;

const byRaised = (a: AlarmView, b: AlarmView) => a.raisedAt.localeCompare(b.raisedAt);

/**
 * The pager's state, shared by the pager page and the watcher on every other staff page: the open
 * alarms I am paged for, each page acknowledged on receipt, `alarm.sync` on every (re)connect,
 * "seen" reported for the alarm on screen, the answer, the siren while one is unanswered.
 */
export function usePagerAlarms(staffId: string, initial: AlarmView[]) {
  const t = useTranslations("alarms");
  const { socket, state: connection } = useRealtime();
  // A new server snapshot (a refresh after reconnecting) replaces what is shown.
  const [alarms, setAlarms] = useState(initial);
  const [shownFrom, setShownFrom] = useState(initial);
  if (shownFrom !== initial) {
    setShownFrom(initial);
    setAlarms(initial);
  }
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const mine = useCallback((a: AlarmView) => a.responders.find((r) => r.staffId === staffId) ?? null, [staffId]);

  const upsert = useCallback(
    (view: AlarmView) => {
      setAlarms((list) => {
        const rest = list.filter((a) => a.id !== view.id);
        return view.status === "OPEN" && mine(view) ? [...rest, view].sort(byRaised) : rest;
      });
    },
    [mine],
  );

  useRealtimeEvent("alarm.paged", (view, ack) => {
    // Proof of delivery first, before anything else can go wrong.
    if (typeof ack === "function") ack({ ok: true });
    // A page is mine by arriving here: its first copy has no row of my own yet (sharedPagerView).
    setAlarms((list) => {
      const next = withOwnRow(
        view,
        list.find((a) => a.id === view.id),
        staffId,
      );
      const rest = list.filter((a) => a.id !== view.id);
      return next.status === "OPEN" ? [...rest, next].sort(byRaised) : rest;
    });
  });
  useRealtimeEvent("alarm.updated", (view) => upsert(view));

  // On every (re)connect, once the listener above exists: ask for every open alarm I am paged for
  // (a page sent before this page listened would otherwise only come again after the resend delay).
  useEffect(() => {
    if (!socket || connection !== "connected") return;
    let stopped = false;
    socket
      .timeout(REQUEST_TIMEOUT_MS)
      .emitWithAck("alarm.sync")
      .then((r) => {
        if (stopped || !r?.ok || !r.alarms) return;
        const open = r.alarms.filter((a: AlarmView) => a.status === "OPEN" && mine(a));
        setAlarms(open.sort(byRaised));
      })
      .catch(() => {}); // no answer: the server re-sends unacknowledged pages by itself
    return () => {
      stopped = true;
    };
  }, [socket, connection, mine]);

  // The alarm on screen: the oldest one I have not answered yet.
  const active = alarms.find((a) => !mine(a)?.response) ?? null;
  const sound = useAlarmSound(!!active);

  // Report "seen" once per alarm when it is on screen (and the page itself is visible).
  const visible = usePageVisible();
  const seenSent = useRef(new Set<string>());
  useEffect(() => {
    if (!active || !visible || connection !== "connected") return;
    if (mine(active)?.seenAt || seenSent.current.has(active.id)) return;
    seenSent.current.add(active.id);
    void alarmRequest(socket, "alarm.seen", { alarmId: active.id }, REQUEST_TIMEOUT_MS).then((r) => {
      if (r?.ok && r.alarm) upsert(r.alarm);
      else seenSent.current.delete(active.id); // try again on the next render or reconnect
    });
  }, [active, visible, connection, socket, mine, upsert]);

  const respond = async (alarm: AlarmView, response: AlarmResponse) => {
    setBusy(true);
    setError(null);
    const r = await alarmRequest(socket, "alarm.respond", { alarmId: alarm.id, response }, REQUEST_TIMEOUT_MS);
    if (r?.ok && r.alarm) {
      setBusy(false);
      upsert(r.alarm);
      return;
    }
    // No socket answer (not connected, or too slow): the same answer over HTTP.
    const viaHttp = r ? null : await respondToAlarmAction(alarm.id, response).catch(() => null);
    setBusy(false);
    if (viaHttp?.ok) upsert(viaHttp.data);
    else setError(t("pager.answerFailed"));
  };

  return { alarms, active, mine, upsert, respond, busy, error, sound, connection };
}

/** Whether this tab is shown (a page on a locked phone or in a background tab is not "seen"). */
function usePageVisible(): boolean {
  const [visible, setVisible] = useState(true);
  useEffect(() => {
    const update = () => setVisible(document.visibilityState === "visible");
    update();
    document.addEventListener("visibilitychange", update);
    return () => document.removeEventListener("visibilitychange", update);
  }, []);
  return visible;
}

export function Pager({ staffId, initial, renderedAt }: { staffId: string; initial: AlarmView[]; renderedAt: string }) {
  const t = useTranslations("alarms");
  const format = useFormatter();
  useLiveSnapshot(renderedAt);
  const wake = useScreenWakeLock();
  const { alarms, active, mine, upsert, respond, busy, error, sound, connection } = usePagerAlarms(staffId, initial);
  const [closed, setClosed] = useState<ClosedAlarm | null>(null);

  const time = (iso: string) => format.dateTime(new Date(iso), { hour: "2-digit", minute: "2-digit" });
  const answered = alarms.filter((a) => a.id !== active?.id);

  return (
    <div className="stack" data-testid="pager">
      <h1 style={{ margin: 0 }}>{t("pager.title")}</h1>
      <p style={{ margin: 0 }}>{t("pager.intro")}</p>

      {connection === "disconnected" && (
        <p className="alert alert-error" role="alert" data-testid="pager-disconnected">
          {t("pager.connectionLost")}
        </p>
      )}

      <div className="row" style={{ gap: "0.75rem" }}>
        {sound.supported && !sound.enabled && (
          <button type="button" className="btn btn-large" onClick={sound.unlock} data-testid="pager-sound-on">
            {t("pager.soundOn")}
          </button>
        )}
        {sound.enabled && (
          <>
            <span className="badge badge-ok" data-testid="pager-sound-state">
              {t("pager.soundIsOn")}
            </span>
            <button type="button" className="btn btn-secondary" onClick={sound.unlock}>
              {t("pager.soundTest")}
            </button>
          </>
        )}
        <span className={`badge ${wake.held ? "badge-ok" : "badge-warn"}`} data-testid="pager-wake-lock">
          {wake.held ? t("pager.wakeLock") : t("pager.noWakeLock")}
        </span>
      </div>
      {sound.supported && !sound.enabled && <p className="muted">{t("pager.soundNeeded")}</p>}
      <p className="muted">{t("pager.install")}</p>

      {closed && (
        <div className="alert alert-ok" role="status" data-testid="pager-closed">
          <ClosedNotice closed={closed} />
        </div>
      )}

      <section aria-labelledby="pager-open-heading" className="stack">
        <h2 id="pager-open-heading">{t("pager.openHeading")}</h2>
        {alarms.length === 0 ? (
          <p data-testid="pager-none">{t("pager.none")}</p>
        ) : (
          <ul className="stack" style={{ listStyle: "none", padding: 0, margin: 0 }} data-testid="pager-list">
            {answered.map((a) => (
              <li key={a.id} className="card stack" data-testid="pager-alarm" data-alarm-id={a.id}>
                <AlarmHeadline alarm={a} time={time} />
                <p style={{ margin: 0 }} data-testid="pager-my-answer">
                  {t("pager.yourAnswer", {
                    answer: mine(a)?.response
                      ? t(`responder.${mine(a)?.response === "COMING" ? "coming" : "cant"}`)
                      : "—",
                  })}
                </p>
                <ResponderList alarm={pagerView(a, staffId)} />
                <details>
                  <summary style={{ minHeight: "var(--touch)", padding: "0.6rem 0", cursor: "pointer" }}>
                    {t("close.title")}
                  </summary>
                  <CloseAlarmForm
                    alarm={a}
                    onClosed={(c) => {
                      setClosed(c);
                      upsert(c.alarm);
                    }}
                  />
                </details>
              </li>
            ))}
          </ul>
        )}
      </section>

      {active && (
        <PageAlert
          key={active.id}
          alarm={active}
          more={alarms.filter((a) => !mine(a)?.response).length - 1}
          time={time}
          busy={busy}
          error={error}
          soundEnabled={sound.enabled || !sound.supported}
          onUnlock={sound.unlock}
          onRespond={(response) => void respond(active, response)}
        />
      )}
    </div>
  );
}

function AlarmHeadline({ alarm, time }: { alarm: AlarmView; time: (iso: string) => string }) {
  const t = useTranslations("alarms");
  const room = useRoomLabel();
  return (
    <div className="row" style={{ gap: "0.5rem", alignItems: "baseline" }}>
      {alarm.test && <span className="badge badge-warn">{t("testMark")}</span>}
      <span className="badge badge-danger">{t(`levels.${alarm.level}`)}</span>
      <strong style={{ fontSize: "1.2rem" }}>{room(alarm)}</strong>
      <span className="muted">
        {alarm.locationName} · {t("pager.alertAt", { time: time(alarm.openedAt ?? alarm.raisedAt) })}
      </span>
    </div>
  );
}

export function ClosedNotice({ closed }: { closed: ClosedAlarm }) {
  const t = useTranslations("alarms");
  const room = useRoomLabel();
  const outcome = closed.alarm.outcome;
  return (
    <div className="stack" style={{ gap: "0.25rem" }}>
      <p style={{ margin: 0 }}>
        {t("desk.closedNotice", { room: room(closed.alarm), outcome: outcome ? t(`outcomes.${outcome}`) : "—" })}
      </p>
      {closed.incidentId && (
        <p style={{ margin: 0 }} data-testid="alarm-incident-draft" data-incident-id={closed.incidentId}>
          <strong>{t("desk.incidentDraft")}</strong> · {t("desk.incidentDraftId", { id: closed.incidentId })} ·{" "}
          <Link
            href={`/staff/incidents/new?draft=${encodeURIComponent(closed.incidentId)}`}
            data-testid="alarm-incident-register"
          >
            {t("desk.incidentRegister")}
          </Link>
        </p>
      )}
    </div>
  );
}

/** The full-screen alert of a page not yet answered. */
export function PageAlert({
  alarm,
  more,
  time,
  busy,
  error,
  soundEnabled,
  onUnlock,
  onRespond,
  footer,
}: {
  alarm: AlarmView;
  more: number;
  time: (iso: string) => string;
  busy: boolean;
  error: string | null;
  soundEnabled: boolean;
  onUnlock: () => void;
  onRespond: (response: AlarmResponse) => void;
  /** Extra content under the answer buttons (the watcher's link to the pager page). */
  footer?: ReactNode;
}) {
  const t = useTranslations("alarms");
  const room = useRoomLabel();
  const comingRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    comingRef.current?.focus(); // one PageAlert per alarm (keyed by its id)
  }, []);
  const bg = alarm.level === "EMERGENCY" ? "#b3261e" : "#8a4b00";
  return (
    <div
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="page-alert-title"
      aria-describedby="page-alert-where"
      data-testid="pager-alert"
      data-alarm-id={alarm.id}
      data-test={alarm.test ? "true" : "false"}
      style={{
        position: "fixed",
        inset: 0,
        zIndex: 1000,
        background: bg,
        color: "#fff",
        display: "flex",
        flexDirection: "column",
        justifyContent: "space-between",
        gap: "1rem",
        padding: "1.5rem",
        overflowY: "auto",
      }}
    >
      <div className="stack" style={{ gap: "0.75rem" }}>
        {alarm.test && (
          <p
            style={{
              margin: 0,
              alignSelf: "flex-start",
              background: "#ffe066",
              color: "#16202b",
              fontWeight: 900,
              fontSize: "2rem",
              padding: "0.25rem 1rem",
              borderRadius: "var(--radius)",
            }}
            data-testid="pager-alert-test"
          >
            {t("testMark")} — {t("testAlarm")}
          </p>
        )}
        <h1 id="page-alert-title" style={{ margin: 0, fontSize: "clamp(2.25rem, 9vw, 4rem)", lineHeight: 1.1 }}>
          {t("pager.alertTitle", { level: t(`levels.${alarm.level}`) })}
        </h1>
        <div id="page-alert-where" style={{ fontSize: "clamp(1.5rem, 6vw, 2.5rem)", fontWeight: 700 }}>
          <div data-testid="pager-alert-room">{room(alarm)}</div>
          <div style={{ fontSize: "0.6em", fontWeight: 400 }}>
            {alarm.locationName} · {t("pager.alertAt", { time: time(alarm.openedAt ?? alarm.raisedAt) })}
          </div>
        </div>
        {more > 0 && <p style={{ margin: 0 }}>+{more}</p>}
        {!soundEnabled && (
          <button
            type="button"
            className="btn btn-large"
            onClick={onUnlock}
            style={{ alignSelf: "flex-start", background: "#fff", color: "#16202b", borderColor: "#fff" }}
          >
            {t("pager.soundOn")}
          </button>
        )}
        {error && (
          <p
            role="alert"
            style={{ margin: 0, background: "#fff", color: "#b3261e", padding: "0.5rem", fontWeight: 700 }}
          >
            {error}
          </p>
        )}
      </div>
      <div className="grid" style={{ gridTemplateColumns: "repeat(auto-fit, minmax(12rem, 1fr))", gap: "1rem" }}>
        <button
          ref={comingRef}
          type="button"
          disabled={busy}
          onClick={() => onRespond("COMING")}
          data-testid="pager-coming"
          style={{
            minHeight: "6rem",
            fontSize: "clamp(1.75rem, 6vw, 2.5rem)",
            fontWeight: 800,
            background: "#fff",
            color: "#1b6e3a",
            border: "4px solid #fff",
            borderRadius: "1rem",
            cursor: "pointer",
          }}
        >
          {t("pager.coming")}
        </button>
        <button
          type="button"
          disabled={busy}
          onClick={() => onRespond("CANT")}
          data-testid="pager-cant"
          style={{
            minHeight: "6rem",
            fontSize: "clamp(1.5rem, 5vw, 2rem)",
            fontWeight: 700,
            background: "transparent",
            color: "#fff",
            border: "4px solid #fff",
            borderRadius: "1rem",
            cursor: "pointer",
          }}
        >
          {t("pager.cant")}
        </button>
      </div>
      {footer}
    </div>
  );
}
