"use client";
// The doorman console (portier): live door states (door.state_changed over the desk room), a
// release button per door with the refusal explained, who is in the sluis, an override with a
// mandatory reason, the staff door's badge reader (keyboard wedge), the evacuation switch, and the
// simulator panel for simulated doors. Touch targets are at least 44 px.
import { useTranslations } from "next-intl";
import { type FormEvent, useState, useTransition } from "react";
import type { DoorSnapshot, DoorView } from "@/src/domain/doors/doors";
import { useLiveSnapshot } from "@/src/realtime/client/use-live-snapshot";
import { useRealtimeEvent } from "@/src/realtime/client/use-realtime-event";
import {
  badgeAtDoorAction,
  emergencyReleaseAction,
  lockDoorAction,
  overrideDoorAction,
  releaseDoorAction,
  simulateDoorAction,
} from "@/src/staff/doors/actions";

const BIG = { minHeight: 44, minWidth: 44 } as const;

type Result = Awaited<ReturnType<typeof releaseDoorAction>>;

export function DoorConsole({
  initial,
  renderedAt,
  canEmergency,
}: {
  initial: DoorSnapshot;
  renderedAt: string;
  canEmergency: boolean;
}) {
  const t = useTranslations("doors");
  const [snap, setSnap] = useState(initial);
  useLiveSnapshot(renderedAt);
  useRealtimeEvent("door.state_changed", (p) => {
    if (p.locationId === initial.locationId) setSnap(p);
  });
  const [reason, setReason] = useState("");
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const toggleEvacuation = (on: boolean) =>
    start(async () => {
      if (on && !window.confirm(t("evacuation.confirm"))) return;
      const r = await emergencyReleaseAction(snap.locationId, on, reason);
      setError(r.ok ? null : r.code);
    });
  const nameOf = (id: string) => snap.doors.find((d) => d.id === id)?.name ?? id;

  return (
    <div className="stack">
      <p>{t("egress")}</p>
      {snap.emergencyRelease && (
        <div
          role="status"
          data-testid="evacuation-banner"
          className="card"
          style={{ background: "#8b0000", color: "#fff", fontWeight: 700 }}
        >
          {t("evacuation.on")} {snap.emergencyReleaseReason ? `(${snap.emergencyReleaseReason})` : ""}
        </div>
      )}
      <section className="card stack" aria-labelledby="sluis-title" data-testid="sluis">
        <h2 id="sluis-title" style={{ margin: 0 }}>
          {t("sluis.title")}
        </h2>
        {snap.sluis.length === 0 ? (
          <p style={{ margin: 0 }}>{t("sluis.empty")}</p>
        ) : (
          <ul style={{ margin: 0 }}>
            {snap.sluis.map((s) => (
              <li key={s.group} data-testid="sluis-occupant">
                {t("sluis.who", { name: s.visitorName, group: s.group })}
              </li>
            ))}
          </ul>
        )}
      </section>
      {snap.doors.length === 0 && <p>{t("noDoors")}</p>}
      <div className="stack">
        {snap.doors.map((d) => (
          <DoorCard key={d.id} door={d} nameOf={nameOf} />
        ))}
      </div>
      {canEmergency && (
        <section className="card stack" aria-labelledby="evac-title">
          <h2 id="evac-title" style={{ margin: 0 }}>
            {t("evacuation.title")}
          </h2>
          {!snap.emergencyRelease && (
            <div className="field">
              <label htmlFor="evac-reason">{t("evacuation.reason")}</label>
              <input id="evac-reason" value={reason} onChange={(e) => setReason(e.target.value)} style={BIG} />
            </div>
          )}
          <div className="row">
            {snap.emergencyRelease ? (
              <button
                type="button"
                style={BIG}
                disabled={pending}
                onClick={() => toggleEvacuation(false)}
                data-testid="evacuation-stop"
              >
                {t("evacuation.stop")}
              </button>
            ) : (
              <button
                type="button"
                className="danger"
                style={BIG}
                disabled={pending}
                onClick={() => toggleEvacuation(true)}
                data-testid="evacuation-start"
              >
                {t("evacuation.start")}
              </button>
            )}
          </div>
          {error && <p role="alert">{error}</p>}
        </section>
      )}
    </div>
  );
}

function DoorCard({ door, nameOf }: { door: DoorView; nameOf: (id: string) => string }) {
  const t = useTranslations("doors");
  const te = useTranslations("errors");
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ text: string; refused: boolean } | null>(null);
  const [overrideReason, setOverrideReason] = useState("");
  const [badge, setBadge] = useState("");

  const show = (r: Result) => {
    if (!r.ok) {
      setMessage({ text: te(r.code as never), refused: true });
      return;
    }
    const o = r.data;
    if (o.ok) setMessage({ text: t(`done.${o.status}`), refused: false });
    else
      setMessage({
        text: t(`refused.${o.code}`, {
          doors: "blockingDoorIds" in o ? o.blockingDoorIds.map(nameOf).join(", ") : "",
        }),
        refused: true,
      });
  };
  const run = (fn: () => Promise<Result>) => start(async () => show(await fn()));
  const simulate = (action: "open" | "close" | "cut" | "restore") =>
    start(async () => {
      const r = await simulateDoorAction(door.id, action);
      if (!r.ok) setMessage({ text: te(r.code as never), refused: true });
    });
  const onOverride = (e: FormEvent) => {
    e.preventDefault();
    run(() => overrideDoorAction(door.id, overrideReason));
    setOverrideReason("");
  };
  const onBadge = (e: FormEvent) => {
    e.preventDefault();
    const code = badge;
    setBadge("");
    run(() => badgeAtDoorAction(door.id, code));
  };
  const stateColor = door.released ? "#0b6e2e" : "#1f2937";

  return (
    <article
      className="card stack"
      data-testid={`door-${door.id}`}
      data-door-name={door.name}
      aria-labelledby={`door-title-${door.id}`}
    >
      <div className="row" style={{ alignItems: "baseline", flexWrap: "wrap" }}>
        <h2 id={`door-title-${door.id}`} style={{ margin: 0, flex: 1 }}>
          {door.name}
        </h2>
        <span>
          {t(`kind.${door.kind}`)} · {t(`zone.${door.fromZone}`)} → {t(`zone.${door.toZone}`)}
        </span>
      </div>
      <p style={{ margin: 0, fontWeight: 700, color: stateColor }} data-testid="door-state">
        <span data-field="lock">{door.released ? t("state.released") : t("state.locked")}</span>
        {door.released && door.releaseReason ? ` (${t(`reason.${door.releaseReason}` as never)})` : ""} ·{" "}
        <span data-field="sensor">{door.open ? t("state.open") : t("state.closed")}</span> ·{" "}
        <span data-field="controller">{door.online ? t("state.online") : t("state.offline")}</span>
        {door.queued && (
          <>
            {" "}
            · <span data-field="queued">{t("state.queued")}</span>
          </>
        )}
      </p>
      <div className="row" style={{ flexWrap: "wrap" }}>
        <button type="button" style={BIG} disabled={pending} onClick={() => run(() => releaseDoorAction(door.id))}>
          {t("release")}
        </button>
        {door.interlockGroup && (
          <button
            type="button"
            style={BIG}
            disabled={pending}
            onClick={() => run(() => releaseDoorAction(door.id, true))}
          >
            {t("releaseQueued")}
          </button>
        )}
        <button type="button" style={BIG} disabled={pending} onClick={() => run(() => lockDoorAction(door.id))}>
          {t("lock")}
        </button>
      </div>
      {message && (
        <p
          role={message.refused ? "alert" : "status"}
          data-testid="door-message"
          style={{ margin: 0, fontWeight: 700, color: message.refused ? "#9b1c1c" : "#0b6e2e" }}
        >
          {message.text}
        </p>
      )}
      <details>
        <summary style={{ minHeight: 44, display: "flex", alignItems: "center", cursor: "pointer" }}>
          {t("override.title")}
        </summary>
        <form onSubmit={onOverride} className="stack">
          <p style={{ margin: 0 }}>{t("override.help")}</p>
          <div className="field">
            <label htmlFor={`override-${door.id}`}>{t("override.reason")}</label>
            <input
              id={`override-${door.id}`}
              required
              minLength={3}
              maxLength={500}
              value={overrideReason}
              onChange={(e) => setOverrideReason(e.target.value)}
              style={BIG}
            />
          </div>
          <button type="submit" className="danger" style={BIG} disabled={pending}>
            {t("override.submit")}
          </button>
        </form>
      </details>
      {door.kind === "STAFF_ONLY" && (
        <form onSubmit={onBadge} className="row" style={{ alignItems: "flex-end" }}>
          <div className="field" style={{ flex: 1 }}>
            <label htmlFor={`badge-${door.id}`}>{t("badge.label")}</label>
            <input
              id={`badge-${door.id}`}
              autoComplete="off"
              value={badge}
              onChange={(e) => setBadge(e.target.value)}
              style={BIG}
            />
          </div>
          <button type="submit" style={BIG} disabled={pending || !badge.trim()}>
            {t("badge.submit")}
          </button>
        </form>
      )}
      {door.driver === "SIMULATOR" && (
        <fieldset className="stack" data-testid="simulator" style={{ border: "1px dashed #6b7280", padding: 8 }}>
          <legend>{t("simulator.title")}</legend>
          <div className="row" style={{ flexWrap: "wrap" }}>
            <button type="button" style={BIG} disabled={pending || door.open} onClick={() => simulate("open")}>
              {t("simulator.open")}
            </button>
            <button type="button" style={BIG} disabled={pending || !door.open} onClick={() => simulate("close")}>
              {t("simulator.close")}
            </button>
            {door.online ? (
              <button type="button" style={BIG} disabled={pending} onClick={() => simulate("cut")}>
                {t("simulator.cut")}
              </button>
            ) : (
              <button type="button" style={BIG} disabled={pending} onClick={() => simulate("restore")}>
                {t("simulator.restore")}
              </button>
            )}
          </div>
        </fieldset>
      )}
    </article>
  );
}
