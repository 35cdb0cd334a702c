"use client";
// "Alles veilig": close an alarm with an outcome and an optional note (alarm.close over the
// socket, answered with the closed alarm and the incident draft it opened).
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import type { AlarmView } from "@/src/domain/alarms/alarm-view";
import type { AlarmOutcome } from "@/src/generated/prisma/enums";
import { useRealtime } from "@/src/realtime/client/realtime-provider";
import { closeAlarmAction } from "@/src/staff/alarms/actions";
import { alarmRequest } from "@/src/staff/alarms/emit-with-fallback";

const OUTCOMES: AlarmOutcome[] = ["RESOLVED", "FALSE_ALARM", "POLICE_CALLED"];
const CLOSE_TIMEOUT_MS = 10_000;

export interface ClosedAlarm {
  alarm: AlarmView;
  incidentId: string | null;
}

export function CloseAlarmForm({ alarm, onClosed }: { alarm: AlarmView; onClosed: (closed: ClosedAlarm) => void }) {
  const t = useTranslations("alarms");
  const { socket } = useRealtime();
  const id = useId();
  const [outcome, setOutcome] = useState<AlarmOutcome | null>(null);
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!outcome) return;
    setBusy(true);
    setError(null);
    const trimmed = note.trim() || undefined;
    const result = await alarmRequest(
      socket,
      "alarm.close",
      { alarmId: alarm.id, outcome, ...(trimmed ? { note: trimmed } : {}) },
      CLOSE_TIMEOUT_MS,
    );
    if (result?.ok && result.alarm) {
      setBusy(false);
      onClosed({ alarm: result.alarm, incidentId: result.incidentId ?? null });
      return;
    }
    // No socket answer (not connected, or too slow): the same request over HTTP. A refusal is final.
    if (result) {
      setBusy(false);
      setError(t("close.failed", { code: result.code ?? "INTERNAL" }));
      return;
    }
    const viaHttp = await closeAlarmAction(alarm.id, outcome, trimmed).catch(() => null);
    setBusy(false);
    if (viaHttp?.ok) onClosed(viaHttp.data);
    else setError(t("close.failed", { code: viaHttp?.code ?? "NETWORK" }));
  };

  return (
    <form onSubmit={submit} className="stack" style={{ gap: "0.75rem" }} data-testid="alarm-close-form">
      <fieldset className="stack" style={{ border: 0, padding: 0, margin: 0, gap: "0.5rem" }}>
        <legend style={{ fontWeight: 700, marginBottom: "0.5rem" }}>
          {t("close.title")} — {t("close.outcome")}
        </legend>
        <div className="row" style={{ gap: "0.5rem" }}>
          {OUTCOMES.map((o) => (
            <label
              key={o}
              className="btn btn-secondary"
              style={{ gap: "0.5rem", outline: outcome === o ? "3px solid var(--primary)" : undefined }}
            >
              <input
                type="radio"
                name={`${id}-outcome`}
                value={o}
                checked={outcome === o}
                onChange={() => setOutcome(o)}
                style={{ width: "1.25rem", height: "1.25rem" }}
                data-testid={`alarm-outcome-${o}`}
              />
              {t(`outcomes.${o}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-note`}>{t("close.note")}</label>
        <textarea
          id={`${id}-note`}
          value={note}
          maxLength={2000}
          rows={2}
          onChange={(e) => setNote(e.target.value)}
          data-testid="alarm-close-note"
        />
      </div>
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
      <button
        type="submit"
        className="btn"
        disabled={!outcome || busy}
        style={{ alignSelf: "flex-start" }}
        data-testid="alarm-close-submit"
      >
        {busy ? t("close.closing") : t("close.submit")}
      </button>
    </form>
  );
}
