"use client";
// The room tablet's panic button (silent: this screen never makes a sound). Two levels, each by
// press and hold. Raising goes over the socket with an acknowledgement; without an answer within
// RAISE_ACK_MS it tries POST /api/alarms; when both fail it says loudly that the alarm was NOT
// delivered and shows the fallback (112, the desk's phone). A fresh alarm is PENDING for the
// cancel window, shown only here; then it shows per responder delivered / seen / coming / can't
// from `alarm.updated`, and returns to normal when the alarm is closed. It always shows whether
// it is connected and how many responders it can reach (`tablet.status`).
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState } from "react";
import type { AlarmView } from "@/src/domain/alarms/alarm-view";
import type { AlarmLevel } from "@/src/generated/prisma/enums";
import { useRealtime } from "@/src/realtime/client/realtime-provider";
import { useRealtimeEvent } from "@/src/realtime/client/use-realtime-event";
import type { AlarmAckResult } from "@/src/realtime/events";
import { alarmRequest } from "@/src/staff/alarms/emit-with-fallback";
import { ResponderList } from "@/src/staff/alarms/responder-list";
import { comingCount } from "@/src/staff/alarms/responder-state";
import { FallbackCall } from "@/src/tablet/fallback-call";
import { HoldButton } from "@/src/tablet/hold-button";
import type { TabletData } from "@/src/tablet/load-tablet";
import { useTabletStatus } from "@/src/tablet/use-tablet-status";

/** How long the socket may take to acknowledge a press before the HTTP fallback is tried. */
export const RAISE_ACK_MS = 2_000;
const HTTP_TIMEOUT_MS = 5_000;
/** How long a first connection may take before the tablet says it is not connected. */
const CONNECT_GRACE_MS = 4_000;
/** How long "cancelled" / "closed" stays on screen before the buttons return. */
const NOTICE_MS = 8_000;

const COLORS: Record<AlarmLevel, string> = { ASSISTANCE: "#8a4b00", EMERGENCY: "#b3261e" };

type Notice = "cancelled" | "cancelTooLate" | "closed";

async function httpJson(url: string, body?: unknown): Promise<AlarmAckResult | null> {
  try {
    const res = await fetch(url, {
      method: body === undefined ? "GET" : "POST",
      headers: body === undefined ? undefined : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: "no-store",
      signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
    });
    const json = (await res.json().catch(() => null)) as (AlarmAckResult & { alarm?: AlarmView | null }) | null;
    if (!res.ok || !json) return { ok: false, code: (json as { code?: string } | null)?.code ?? `HTTP_${res.status}` };
    return { ...json, alarm: json.alarm ?? undefined };
  } catch {
    return null;
  }
}

/** `title`: the room's name (the tablet's page heading), else the device's. */
export function PanicTablet({ data, title }: { data: TabletData; title: string }) {
  const t = useTranslations("alarms");
  const { socket, state: connection } = useRealtime();
  const { reachable } = useTabletStatus();
  const [alarm, setAlarm] = useState<AlarmView | null>(data.alarm);
  const [sending, setSending] = useState(false);
  const [failed, setFailed] = useState<AlarmLevel | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const alarmRef = useRef(alarm);
  alarmRef.current = alarm;

  /** Applies a newer view of an alarm this tablet shows (or a room alarm when it shows none). */
  const apply = useCallback(
    (view: AlarmView) => {
      const current = alarmRef.current;
      if (current && current.id !== view.id && view.status !== "OPEN") return;
      if (view.status === "OPEN" || (view.status === "PENDING" && view.deviceId === data.deviceId)) {
        setAlarm(view);
        return;
      }
      if (current?.id === view.id) {
        setAlarm(null);
        if (view.status === "CLOSED") setNotice("closed");
        else if (view.status === "CANCELLED" && view.deviceId === data.deviceId) setNotice("cancelled");
      }
    },
    [data.deviceId],
  );

  // The room's alarm as the server has it (after a reconnect, or when an update may have been missed).
  const resync = useCallback(async () => {
    const r = await httpJson("/api/alarms");
    if (!r?.ok) return;
    const current = alarmRef.current;
    if (r.alarm) apply(r.alarm);
    else if (current) {
      setAlarm(null);
      if (current.status === "OPEN") setNotice("closed");
    }
  }, [apply]);

  const wasConnected = useRef(false);
  useEffect(() => {
    if (connection === "connected") {
      if (wasConnected.current) void resync();
      wasConnected.current = true;
    }
  }, [connection, resync]);

  useRealtimeEvent("alarm.pending", (view) => apply(view));
  useRealtimeEvent("alarm.updated", (view) => apply(view));

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice]);

  const raise = useCallback(
    async (level: AlarmLevel) => {
      setSending(true);
      setFailed(null);
      setNotice(null);
      try {
        let result = await alarmRequest(socket, "alarm.raise", { level }, RAISE_ACK_MS);
        if (!result?.ok) result = await httpJson("/api/alarms", { level });
        if (result?.ok && result.alarm) {
          // The answer is authoritative (a press may also have joined the room's open alarm).
          if (result.alarm.status === "OPEN" || result.alarm.status === "PENDING") setAlarm(result.alarm);
          else apply(result.alarm);
        } else {
          setFailed(level);
        }
      } finally {
        setSending(false);
      }
    },
    [socket, apply],
  );

  const cancel = useCallback(async () => {
    const current = alarmRef.current;
    if (!current) return;
    setCancelling(true);
    try {
      let result = await alarmRequest(socket, "alarm.cancel", { alarmId: current.id }, RAISE_ACK_MS);
      if (!result) result = await httpJson(`/api/alarms/${encodeURIComponent(current.id)}/cancel`, {});
      if (result?.ok && result.alarm) {
        apply(result.alarm);
      } else {
        setNotice("cancelTooLate");
        await resync();
      }
    } finally {
      setCancelling(false);
    }
  }, [socket, apply, resync]);

  const disconnected = useNotConnected(connection);
  const pending = alarm?.status === "PENDING" && alarm.deviceId === data.deviceId ? alarm : null;
  const open = alarm?.status === "OPEN" ? alarm : null;

  return (
    <div className="stack" style={{ gap: "1.25rem" }} data-testid="panic-tablet">
      <h1 style={{ fontSize: "clamp(2rem, 6vw, 3rem)", margin: 0 }}>{title}</h1>
      <TabletStatusBar connection={connection} reachable={reachable} />

      {disconnected && (
        <section
          role="alert"
          data-testid="tablet-disconnected"
          className="stack"
          style={{
            background: "var(--danger)",
            color: "#fff",
            borderRadius: "var(--radius)",
            padding: "1.25rem",
            gap: "0.5rem",
          }}
        >
          <h2 style={{ margin: 0, fontSize: "2rem" }}>{t("tablet.disconnectedTitle")}</h2>
          <p style={{ margin: 0, fontSize: "1.25rem" }}>{t("tablet.disconnectedText")}</p>
          <FallbackCall deskPhone={data.deskPhone} />
        </section>
      )}

      {!data.roomBound && (
        <p className="alert alert-error" role="alert" data-testid="tablet-no-room" style={{ fontSize: "1.25rem" }}>
          {t("tablet.noRoom")}
        </p>
      )}

      {!disconnected && reachable === 0 && !open && !pending && (
        <p className="alert alert-warn" data-testid="tablet-nobody-reachable" style={{ fontSize: "1.15rem" }}>
          {t("tablet.nobodyReachable")}
        </p>
      )}

      {failed && (
        <section
          role="alert"
          data-testid="tablet-not-delivered"
          className="stack"
          style={{
            background: "var(--danger)",
            color: "#fff",
            borderRadius: "var(--radius)",
            padding: "1.5rem",
            gap: "0.75rem",
            border: "6px solid #000",
          }}
        >
          <h2 style={{ margin: 0, fontSize: "clamp(2rem, 6vw, 3rem)" }}>{t("tablet.notDeliveredTitle")}</h2>
          <p style={{ margin: 0, fontSize: "1.35rem" }}>{t("tablet.notDeliveredText")}</p>
          <FallbackCall deskPhone={data.deskPhone} />
          <button
            type="button"
            className="btn btn-large"
            style={{ alignSelf: "flex-start", background: "#fff", color: "var(--danger)" }}
            onClick={() => void raise(failed)}
            disabled={sending}
            data-testid="tablet-retry"
          >
            {t("tablet.retry")}
          </button>
        </section>
      )}

      {sending && (
        <p role="status" className="alert alert-warn" style={{ fontSize: "1.5rem" }} data-testid="tablet-sending">
          {t("tablet.sending")}
        </p>
      )}

      {pending ? (
        <PendingView alarm={pending} cancelling={cancelling} onCancel={() => void cancel()} onOverdue={resync} />
      ) : open ? (
        <OpenView alarm={open} deskPhone={data.deskPhone} onRaise={raise} busy={sending} />
      ) : (
        <>
          {notice && (
            <p
              role="status"
              className={notice === "cancelTooLate" ? "alert alert-warn" : "alert alert-ok"}
              style={{ fontSize: "1.35rem" }}
              data-testid={`tablet-notice-${notice}`}
            >
              {t(`tablet.${notice}`)}
            </p>
          )}
          {!failed && <IdleButtons onRaise={raise} busy={sending} />}
        </>
      )}
    </div>
  );
}

/**
 * Not connected, as the tablet must say it: at once when the connection is lost or refused, and
 * also when the first connection is still not made after CONNECT_GRACE_MS (a connection attempt
 * can hang without ever failing).
 */
function useNotConnected(connection: string): boolean {
  const [notConnected, setNotConnected] = useState(false);
  useEffect(() => {
    if (connection === "connected") {
      setNotConnected(false);
      return;
    }
    if (connection === "disconnected") {
      setNotConnected(true);
      return;
    }
    const timer = setTimeout(() => setNotConnected(true), CONNECT_GRACE_MS);
    return () => clearTimeout(timer);
  }, [connection]);
  return notConnected;
}

function TabletStatusBar({ connection, reachable }: { connection: string; reachable: number | null }) {
  const t = useTranslations("alarms.tablet");
  const connected = connection === "connected";
  return (
    <p
      className="row"
      role="status"
      style={{ gap: "0.75rem", fontSize: "1.15rem", margin: 0 }}
      data-testid="tablet-status"
      data-reachable={reachable ?? ""}
    >
      <span className={`badge ${connected ? "badge-ok" : "badge-danger"}`}>
        {connected ? t("connected") : connection === "connecting" ? t("connecting") : t("disconnectedTitle")}
      </span>
      {connected && (
        <span
          className={`badge ${reachable == null ? "badge-off" : reachable > 0 ? "badge-ok" : "badge-warn"}`}
          data-testid="tablet-reachable"
        >
          {reachable == null ? t("reachableUnknown") : t("reachable", { count: reachable })}
        </span>
      )}
    </p>
  );
}

function IdleButtons({ onRaise, busy }: { onRaise: (level: AlarmLevel) => void; busy: boolean }) {
  const t = useTranslations("alarms");
  return (
    <section className="stack" aria-labelledby="panic-title" data-testid="panic-idle">
      <h2 id="panic-title" style={{ margin: 0 }}>
        {t("tablet.title")}
      </h2>
      <p id="panic-hint" style={{ margin: 0, fontSize: "1.2rem" }}>
        {t("tablet.holdHint")}
      </p>
      <div className="grid" style={{ gridTemplateColumns: "repeat(auto-fit, minmax(16rem, 1fr))", gap: "1.25rem" }}>
        {(["ASSISTANCE", "EMERGENCY"] as const).map((level) => (
          <HoldButton
            key={level}
            label={t("tablet.holdLabel", { level: t(`levels.${level}`) })}
            describedBy="panic-hint"
            color={COLORS[level]}
            onTrigger={() => onRaise(level)}
            disabled={busy}
            testId={`panic-hold-${level}`}
          >
            <span style={{ display: "block", fontSize: "clamp(2rem, 6vw, 3rem)", fontWeight: 800 }}>
              {t(`levels.${level}`)}
            </span>
            <span style={{ display: "block", fontSize: "1.2rem", marginTop: "0.5rem" }}>
              {t(`levelHints.${level}`)}
            </span>
          </HoldButton>
        ))}
      </div>
    </section>
  );
}

function PendingView({
  alarm,
  cancelling,
  onCancel,
  onOverdue,
}: {
  alarm: AlarmView;
  cancelling: boolean;
  onCancel: () => void;
  onOverdue: () => Promise<void>;
}) {
  const t = useTranslations("alarms.tablet");
  // Counted on this browser's clock from when the window was first shown (the server decides).
  const windowMs = new Date(alarm.confirmAt).getTime() - new Date(alarm.raisedAt).getTime();
  const [shownAt] = useState(() => Date.now());
  const [now, setNow] = useState(shownAt);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, []);
  const left = Math.max(0, Math.ceil((windowMs - (now - shownAt)) / 1000));
  // Still pending well after the window: re-read the server's state in case an update was missed.
  const overdue = now - shownAt > windowMs + 2_000;
  const asked = useRef(0);
  useEffect(() => {
    if (!overdue || now - asked.current < 2_000) return;
    asked.current = now;
    void onOverdue();
  }, [overdue, now, onOverdue]);

  return (
    <section className="stack" style={{ gap: "1rem" }} data-testid="panic-pending" aria-live="assertive">
      <h2 style={{ margin: 0, fontSize: "clamp(2rem, 6vw, 3rem)" }}>{t("pendingTitle", { seconds: left })}</h2>
      <p style={{ margin: 0, fontSize: "1.3rem" }}>{t("pendingText")}</p>
      <button
        type="button"
        className="btn btn-large"
        onClick={onCancel}
        disabled={cancelling}
        data-testid="panic-cancel"
        style={{
          minHeight: "8rem",
          fontSize: "clamp(2rem, 6vw, 3rem)",
          background: "#16202b",
          color: "#fff",
          borderRadius: "1.25rem",
        }}
      >
        {cancelling ? t("cancelling") : t("cancel")}
      </button>
    </section>
  );
}

function OpenView({
  alarm,
  deskPhone,
  onRaise,
  busy,
}: {
  alarm: AlarmView;
  deskPhone: string | null;
  onRaise: (level: AlarmLevel) => void;
  busy: boolean;
}) {
  const t = useTranslations("alarms");
  const coming = comingCount(alarm);
  return (
    <section
      className="stack"
      style={{ gap: "1rem" }}
      data-testid="panic-open"
      data-alarm-id={alarm.id}
      data-coming={coming}
      aria-live="polite"
    >
      <p className="row" style={{ margin: 0, gap: "0.5rem" }}>
        <span className="badge badge-danger">{t(`levels.${alarm.level}`)}</span>
      </p>
      {coming > 0 ? (
        <div className="alert alert-ok" data-testid="panic-help-coming">
          <h2 style={{ margin: 0, fontSize: "clamp(2rem, 6vw, 3rem)" }}>{t("tablet.helpComing")}</h2>
          <p style={{ margin: 0, fontSize: "1.3rem" }}>{t("tablet.comingCount", { count: coming })}</p>
        </div>
      ) : (
        <div className="alert alert-warn" data-testid="panic-sent">
          <h2 style={{ margin: 0, fontSize: "clamp(2rem, 6vw, 3rem)" }}>{t("tablet.sentTitle")}</h2>
          <p style={{ margin: 0, fontSize: "1.3rem" }}>{t("tablet.sentText")}</p>
        </div>
      )}
      {alarm.responders.length ? (
        <ResponderList alarm={alarm} large />
      ) : (
        <div className="alert alert-error stack" role="alert">
          <p style={{ margin: 0, fontSize: "1.3rem" }}>{t("tablet.nobodyPaged")}</p>
          <FallbackCall deskPhone={deskPhone} />
        </div>
      )}
      {alarm.level === "ASSISTANCE" && (
        <HoldButton
          label={t("tablet.holdLabel", { level: t("levels.EMERGENCY") })}
          color={COLORS.EMERGENCY}
          onTrigger={() => onRaise("EMERGENCY")}
          disabled={busy}
          testId="panic-upgrade-EMERGENCY"
          style={{ minHeight: "5rem", padding: "1rem" }}
        >
          <span style={{ fontSize: "1.5rem", fontWeight: 800 }}>{t("levels.EMERGENCY")}</span>
        </HoldButton>
      )}
    </section>
  );
}
