"use client";
// The visitor kiosk: idle screen with the language choice and called queue numbers, scanning
// (camera, keyboard-wedge scanner, typed code), the walk-in form, the house rules and every outcome
// the server answers. The flow is kiosk-machine.ts; this wires it to the server, the scanners,
// the realtime events and the timers. Everything of one visitor lives under `key={session}`, so a
// reset forgets it all; the URL never changes (nothing goes into the browser history).
import "./kiosk.css";
import { NextIntlClientProvider, useTranslations } from "next-intl";
import { useCallback, useEffect, useReducer, useRef, useState } from "react";
import type { KioskLanguage } from "@/src/domain/visits/kiosk-outcome";
import {
  COUNTDOWN_MS,
  checkOutInputFor,
  finalOutcomeMs,
  holdsVisitorState,
  INACTIVITY_MS,
  initialKioskState,
  isFinalOutcome,
  isStaffBadge,
  type KioskRequest,
  kioskReducer,
  looksLikeCode,
} from "@/src/kiosk/components/kiosk-machine";
import {
  EvacuationScreen,
  IdleScreen,
  LeaveScreen,
  OutcomeScreen,
  QueueNumberScreen,
  RulesScreen,
  ScanScreen,
  UnreachableScreen,
  WalkInScreen,
} from "@/src/kiosk/components/kiosk-screens";
import { kioskMessages, LANGUAGE_DIR } from "@/src/kiosk/i18n/messages";
import type { ScanSource } from "@/src/kiosk/scan/types";
import { useKeyboardWedge } from "@/src/kiosk/scan/use-keyboard-wedge";
import { useInactivityReset } from "@/src/kiosk/use-inactivity-reset";
import { callKiosk, fetchKioskState, type KioskStateView } from "@/src/kiosk/use-kiosk-api";
import { useRealtime } from "@/src/realtime/client/realtime-provider";
import { useRealtimeEvent } from "@/src/realtime/client/use-realtime-event";

/** Background retries while the server is unreachable: after these delays (ms), then only by hand. */
const RETRY_DELAYS_MS = [3_000, 5_000, 10_000, 15_000];

export interface KioskAppProps {
  /** The kiosk's location and the called queue numbers, loaded by the page on the server. */
  initial: KioskStateView;
  /** The language the kiosk starts in and returns to after each visitor. */
  defaultLanguage?: KioskLanguage;
}

export function KioskApp({ initial, defaultLanguage = "nl" }: KioskAppProps) {
  const [state, dispatch] = useReducer(kioskReducer, defaultLanguage, (l) => initialKioskState(l));
  const [info, setInfo] = useState<KioskStateView>(initial);
  const stateRef = useRef(state);
  stateRef.current = state;
  const locationId = info.location.id;
  // Requests belong to the session they were made in; an answer for an earlier visitor is dropped.
  const sessionRef = useRef(0);
  const inFlight = useRef(false);
  const lastIdentify = useRef<KioskRequest | null>(null);
  const evacuatingRef = useRef(!!initial.evacuation);
  evacuatingRef.current = !!info.evacuation;

  const reset = useCallback(() => {
    sessionRef.current += 1;
    inFlight.current = false;
    lastIdentify.current = null;
    dispatch({ type: "reset" });
  }, []);

  const send = useCallback(async (request: KioskRequest) => {
    if (inFlight.current) return; // a double scan or tap while a request is in flight
    inFlight.current = true;
    const session = sessionRef.current;
    if (request.path === "identify") lastIdentify.current = request;
    dispatch({ type: "request" });
    const result = await callKiosk(request);
    if (session !== sessionRef.current) return;
    inFlight.current = false;
    if (result.ok) dispatch({ type: "answer", outcome: result.outcome });
    else if (result.problem === "revoked") window.location.reload();
    else if (result.problem === "refused") dispatch({ type: "answer", outcome: { step: "see-desk", reason: "code" } });
    else if (result.problem === "slow-down")
      dispatch({ type: "answer", outcome: { step: "see-desk", reason: "slow-down" } });
    else dispatch({ type: "unreachable", request });
  }, []);

  const identifyScan = useCallback(
    (text: string, language: KioskLanguage, queueNumber: number | null) =>
      send({
        path: "identify",
        body: { language, input: { kind: "scan", text, ...(queueNumber ? { queueNumber } : {}) } },
      }),
    [send],
  );

  /** Camera, keyboard-wedge scanner and the typed code field all end here. */
  const onScan = useCallback(
    (text: string, source: ScanSource) => {
      if (inFlight.current) return;
      const s = stateRef.current;
      const screen = s.screen;
      // A staff badge on the leave screen is a sign-out, not a visitor's check-out.
      if (screen.name === "leave" && isStaffBadge(text)) {
        void identifyScan(text.trim(), s.language, null);
        return;
      }
      // During an evacuation the idle screen is the evacuation screen: a scan there is a check-out.
      if (screen.name === "idle" && evacuatingRef.current) {
        if (isStaffBadge(text)) void identifyScan(text.trim(), s.language, null);
        else {
          const input = checkOutInputFor(text);
          if (input) void send({ path: "check-out", body: { input } });
        }
        return;
      }
      if (screen.name === "leave") {
        const input = checkOutInputFor(text);
        if (input) void send({ path: "check-out", body: { input } });
        else if (source === "manual") dispatch({ type: "notice", notice: "unknown-code" });
        return;
      }
      if (!looksLikeCode(text)) {
        // Garbage from a scanner is ignored; a typed code that cannot be one gets a kind hint.
        if (source === "manual" && screen.name === "scan") dispatch({ type: "notice", notice: "unknown-code" });
        return;
      }
      if (screen.name === "idle" || screen.name === "scan") {
        void identifyScan(text, s.language, s.queueNumber);
      } else if (screen.name === "outcome" && isFinalOutcome(screen.outcome) && screen.outcome.step !== "evacuation") {
        // The next visitor scans while the previous answer is still showing: start afresh for them.
        reset();
        void identifyScan(text, s.defaultLanguage, null);
      }
      // Other screens (house rules, walk-in form, a problem): a scan is swallowed and ignored.
    },
    [send, identifyScan, reset],
  );

  // The keyboard wedge listens on every screen so a scanner's Enter never "clicks" a focused
  // button; onScan decides what a scan means on the current screen.
  useKeyboardWedge(onScan);

  // A final outcome shows briefly, then the kiosk is ready for the next visitor.
  useEffect(() => {
    const screen = state.screen;
    if (screen.name !== "outcome" || !isFinalOutcome(screen.outcome)) return;
    const timer = setTimeout(reset, finalOutcomeMs(screen.outcome));
    return () => clearTimeout(timer);
  }, [state.screen, reset]);

  // Server unreachable: try the same request again in the background a few times.
  useEffect(() => {
    const screen = state.screen;
    if (screen.name !== "unreachable" || state.busy || screen.attempts > RETRY_DELAYS_MS.length) return;
    const timer = setTimeout(() => void send(screen.request), RETRY_DELAYS_MS[screen.attempts - 1]);
    return () => clearTimeout(timer);
  }, [state.screen, state.busy, send]);

  const secondsLeft = useInactivityReset({
    enabled: holdsVisitorState(state),
    timeoutMs: INACTIVITY_MS,
    countdownMs: COUNTDOWN_MS,
    onReset: reset,
    activityKey: state.screen,
  });

  // Called queue numbers, live; the state is read again whenever the socket (re)connects.
  const refresh = useCallback(async () => {
    const next = await fetchKioskState();
    if (next === "revoked") window.location.reload();
    else if (next) setInfo(next);
  }, []);
  const { state: connection } = useRealtime();
  useEffect(() => {
    if (connection === "connected") void refresh();
  }, [connection, refresh]);
  useRealtimeEvent("evacuation.status_changed", (p) => {
    if (p.locationId !== locationId) return;
    setInfo((prev) => ({ ...prev, evacuation: p.active }));
    if (p.active) reset();
  });
  useRealtimeEvent("queue.changed", (snapshot) => {
    if (snapshot.locationId !== locationId) return;
    setInfo((prev) => ({ ...prev, calledNumbers: snapshot.called.map((t) => t.number) }));
  });
  // New house rules while a visitor reads the old ones: ask again (scans only; a walk-in form
  // sent twice would register the visitor twice).
  useRealtimeEvent("house_rules.published", (payload) => {
    const s = stateRef.current;
    const last = lastIdentify.current;
    if (payload.locationId !== locationId || s.screen.name !== "outcome" || s.screen.outcome.step !== "rules") return;
    if (
      payload.version > s.screen.outcome.rules.version &&
      last?.path === "identify" &&
      last.body.input.kind === "scan"
    )
      void send(last);
  });

  const language = state.language;
  const screen = state.screen;
  const evacuation = screen.name === "outcome" && screen.outcome.step === "evacuation";
  // While an evacuation runs the idle screen is the evacuation screen (check-out still offered).
  const evacuating = !!info.evacuation && screen.name === "idle";

  return (
    <NextIntlClientProvider locale={language} messages={kioskMessages[language]} timeZone="Europe/Amsterdam">
      <div
        className="kiosk"
        lang={language}
        dir={LANGUAGE_DIR[language]}
        data-testid="kiosk"
        data-language={language}
        data-screen={screen.name}
        data-session={state.session}
        aria-busy={state.busy || undefined}
      >
        <div className="kiosk-session" key={state.session}>
          {screen.name === "idle" && (
            <IdleScreen
              language={language}
              calledNumbers={info.calledNumbers}
              hasCapacity={info.location.hasCapacity}
              queueNumber={state.queueNumber}
              busy={state.busy}
              onLanguage={(l) => dispatch({ type: "language", language: l })}
              onScan={() => dispatch({ type: "open", screen: "scan" })}
              onWalkIn={() => dispatch({ type: "open-walk-in", mode: info.location.registrationMode })}
              onQueueNumber={() => dispatch({ type: "open", screen: "queue-number" })}
              onLeave={() => dispatch({ type: "open", screen: "leave" })}
            />
          )}
          {screen.name === "scan" && (
            <ScanScreen
              busy={state.busy}
              notice={state.notice}
              queueNumber={state.queueNumber}
              onScan={onScan}
              onTyping={() => state.notice && dispatch({ type: "notice", notice: null })}
              onWalkIn={() => dispatch({ type: "open-walk-in", mode: info.location.registrationMode })}
              onBack={() => dispatch({ type: "open", screen: "idle" })}
            />
          )}
          {screen.name === "queue-number" && (
            <QueueNumberScreen
              onSubmit={(n) => dispatch({ type: "queue-number", number: n })}
              onBack={() => dispatch({ type: "open", screen: "idle" })}
            />
          )}
          {screen.name === "leave" && (
            <LeaveScreen
              busy={state.busy}
              notice={state.notice}
              onScan={onScan}
              onTyping={() => state.notice && dispatch({ type: "notice", notice: null })}
              onBack={() => dispatch({ type: "open", screen: "idle" })}
            />
          )}
          {screen.name === "walk-in" && (
            <WalkInScreen
              mode={screen.mode}
              busy={state.busy}
              queueNumber={state.queueNumber}
              onSubmit={(fields) =>
                void send({
                  path: "identify",
                  body: {
                    language,
                    input: {
                      kind: "walk-in",
                      fields,
                      ...(state.queueNumber ? { queueNumber: state.queueNumber } : {}),
                    },
                  },
                })
              }
              onBack={() => dispatch({ type: "open", screen: "idle" })}
            />
          )}
          {screen.name === "outcome" && screen.outcome.step === "rules" && (
            <RulesScreen
              key={screen.outcome.pending}
              outcome={screen.outcome}
              language={language}
              busy={state.busy}
              onDecision={(decision) =>
                screen.outcome.step === "rules" &&
                void send({ path: "check-in", body: { pending: screen.outcome.pending, decision } })
              }
            />
          )}
          {screen.name === "outcome" && screen.outcome.step !== "rules" && !evacuation && (
            <OutcomeScreen outcome={screen.outcome} onDone={reset} />
          )}
          {screen.name === "unreachable" && (
            <UnreachableScreen
              busy={state.busy}
              retrying={screen.attempts <= RETRY_DELAYS_MS.length}
              onRetry={() => void send(screen.request)}
              onHome={reset}
            />
          )}
        </div>
        {state.busy && screen.name !== "unreachable" && <BusyNotice />}
        {secondsLeft !== null && !evacuation && <Countdown seconds={secondsLeft} />}
      </div>
      {(evacuation || evacuating) && (
        // Leaving is always offered: also on the answer to a refused check-in, or to a scan with no
        // visit to end (a newcomer at the evacuation screen).
        <EvacuationScreen onLeave={() => dispatch({ type: "open", screen: "leave" })} />
      )}
    </NextIntlClientProvider>
  );
}

function BusyNotice() {
  const t = useTranslations("kiosk");
  return (
    <div className="kiosk-busy" role="status" data-testid="kiosk-busy">
      <span className="kiosk-busy-box">
        <span className="kiosk-spinner" aria-hidden="true" />
        {t("busy")}
      </span>
    </div>
  );
}

function Countdown({ seconds }: { seconds: number }) {
  const t = useTranslations("kiosk.countdown");
  return (
    <div className="kiosk-countdown" role="status" data-testid="kiosk-countdown" data-seconds={seconds}>
      <span>{t("text", { seconds })}</span>
      {/* Any touch counts as activity; the button just makes that obvious. */}
      <button type="button" className="kiosk-btn kiosk-btn-light">
        {t("continue")}
      </button>
    </div>
  );
}
