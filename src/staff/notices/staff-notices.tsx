"use client";
// Notices for the signed-in staff member, on every staff page (mounted in the staff layout):
// - to the host: "your visitor is here" (visit.checked_in) and wait-time reminders
//   (visit.wait_reminder) — both arrive in the host's own socket room only;
// - to colleagues present: a risky conversation began in room X (risk_conversation.started), and
//   the check-in prompts "alles goed?" (risk_check.prompted) with "Alles goed" / "Niet goed";
//   a prompt closes for everyone once answered (risk_check.answered).
// Every notice has data-testid="staff-notice" (end-to-end tests wait for it). Open prompts are
// re-read from the server on mount and after a reconnect: socket.io delivers at most once.
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState, useTransition } from "react";
import { useRealtime } from "@/src/realtime/client/realtime-provider";
import { useRealtimeEvent } from "@/src/realtime/client/use-realtime-event";
import { answerRiskCheckAction, loadRiskPromptsAction, type RiskPrompt } from "@/src/staff/notices/actions";

type Notice =
  | { id: string; kind: "arrived"; text: string }
  | { id: string; kind: "wait"; text: string }
  | { id: string; kind: "risk-started"; text: string }
  | { id: string; kind: "risk-prompt"; prompt: RiskPrompt };

const MAX_NOTICES = 6;

export function StaffNotices({ staffId, canAnswerRisk }: { staffId: string; canAnswerRisk: boolean }) {
  const t = useTranslations("visits.notices");
  const { state: connection } = useRealtime();
  const [notices, setNotices] = useState<Notice[]>([]);
  const seq = useRef(0);

  const push = useCallback((n: Notice) => {
    setNotices((list) => [n, ...list.filter((x) => x.id !== n.id)].slice(0, MAX_NOTICES));
  }, []);
  const dismiss = useCallback((id: string) => setNotices((list) => list.filter((n) => n.id !== id)), []);
  const showPrompt = useCallback((p: RiskPrompt) => {
    // One prompt per conversation: the newest replaces an older one.
    setNotices((list) => [
      { id: `risk-${p.visitId}`, kind: "risk-prompt", prompt: p } as Notice,
      ...list.filter((n) => n.id !== `risk-${p.visitId}`),
    ]);
  }, []);
  const forMe = (p: { staffIds: string[]; hostId: string | null }) =>
    canAnswerRisk && p.hostId !== staffId && (p.staffIds.length === 0 || p.staffIds.includes(staffId));

  useEffect(() => {
    if (!canAnswerRisk || connection !== "connected") return;
    let cancelled = false;
    void loadRiskPromptsAction().then((r) => {
      if (!cancelled && r.ok) for (const p of r.data) showPrompt(p);
    });
    return () => {
      cancelled = true;
    };
  }, [canAnswerRisk, connection, showPrompt]);

  useRealtimeEvent("visit.checked_in", (p) => {
    if (p.hostId !== staffId) return;
    push({ id: `arrived-${p.visitId}`, kind: "arrived", text: t("arrived", { name: p.visitorName }) });
  });
  useRealtimeEvent("visit.wait_reminder", (p) => {
    if (p.hostId !== staffId) return;
    push({
      id: `wait-${p.visitId}`,
      kind: "wait",
      text: t("waitReminder", { name: p.visitorName, minutes: p.minutes }),
    });
  });
  useRealtimeEvent("visit.updated", (p) => {
    // Picked up or gone: its arrival and wait notices are done.
    if (p.status !== "WAITING") {
      setNotices((list) => list.filter((n) => n.id !== `arrived-${p.visitId}` && n.id !== `wait-${p.visitId}`));
    }
  });
  useRealtimeEvent("visit.checked_out", (p) => {
    setNotices((list) => list.filter((n) => !n.id.endsWith(`-${p.visitId}`)));
  });
  useRealtimeEvent("risk_conversation.started", (p) => {
    if (!forMe(p)) return;
    push({
      id: `risk-started-${p.visitId}-${seq.current++}`,
      kind: "risk-started",
      text: t("riskStarted", { room: p.roomName ?? t("noRoom"), host: p.hostName ?? "?" }),
    });
  });
  useRealtimeEvent("risk_check.prompted", (p) => {
    if (forMe(p)) showPrompt(p);
  });
  useRealtimeEvent("risk_check.answered", (p) => {
    setNotices((list) =>
      list.filter(
        (n) => !(n.kind === "risk-prompt" && n.prompt.visitId === p.visitId && n.prompt.riskCheckId === p.riskCheckId),
      ),
    );
  });

  return (
    <section
      aria-label={t("region")}
      aria-live="polite"
      data-testid="staff-notices"
      style={{
        position: "fixed",
        right: "1rem",
        bottom: "1rem",
        zIndex: 50,
        display: "flex",
        flexDirection: "column",
        gap: "0.5rem",
        maxWidth: "min(26rem, calc(100vw - 2rem))",
      }}
    >
      {notices.map((n) =>
        n.kind === "risk-prompt" ? (
          <RiskPromptCard key={n.id} prompt={n.prompt} onDone={() => dismiss(n.id)} />
        ) : (
          <div
            key={n.id}
            className={`alert ${n.kind === "wait" ? "alert-warn" : "alert-ok"} row`}
            data-testid="staff-notice"
            data-kind={n.kind}
            style={{
              background: "var(--surface)",
              boxShadow: "0 4px 16px rgb(0 0 0 / 0.2)",
              justifyContent: "space-between",
            }}
          >
            <span style={{ color: "var(--text)", fontWeight: 600 }}>{n.text}</span>
            <button type="button" className="btn btn-secondary" onClick={() => dismiss(n.id)}>
              {t("close")}
            </button>
          </div>
        ),
      )}
    </section>
  );
}

function RiskPromptCard({ prompt, onDone }: { prompt: RiskPrompt; onDone: () => void }) {
  const t = useTranslations("visits.notices");
  const tErrors = useTranslations("errors");
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const headingId = `risk-prompt-${prompt.riskCheckId}`;

  function answer(ok: boolean) {
    setError(null);
    startTransition(async () => {
      const result = await answerRiskCheckAction({ riskCheckId: prompt.riskCheckId, ok });
      if (result.ok || result.code === "NOT_FOUND") onDone();
      else setError(tErrors(result.code));
    });
  }

  return (
    <div
      className="alert alert-warn stack"
      data-testid="staff-notice"
      data-kind="risk-prompt"
      data-visit-id={prompt.visitId}
      style={{ background: "var(--surface)", boxShadow: "0 4px 16px rgb(0 0 0 / 0.25)", borderWidth: "3px" }}
    >
      <p id={headingId} style={{ margin: 0, color: "var(--text)", fontWeight: 700 }}>
        {t("riskPrompt", { room: prompt.roomName ?? t("noRoom"), host: prompt.hostName ?? "?" })}
      </p>
      {prompt.missed > 0 && (
        <p style={{ margin: 0, color: "var(--text)" }}>{t("riskMissed", { missed: prompt.missed })}</p>
      )}
      <div className="row">
        <button type="button" className="btn" disabled={pending} onClick={() => answer(true)} data-testid="risk-ok">
          {t("riskOk")}
        </button>
        <button
          type="button"
          className="btn btn-danger"
          disabled={pending}
          onClick={() => answer(false)}
          aria-describedby={headingId}
          data-testid="risk-not-ok"
        >
          {t("riskNotOk")}
        </button>
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
