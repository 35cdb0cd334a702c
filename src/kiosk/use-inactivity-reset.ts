"use client";
// Back to the start after a while without a touch or a key: a visitor who walks away leaves
// nothing behind for the next one. During the last seconds a countdown shows (any touch stops it).
import { useEffect, useRef, useState } from "react";

const ACTIVITY_EVENTS = ["pointerdown", "keydown", "touchstart", "wheel", "input", "scroll"] as const;

/** Where the idle timer stands: reset now, show the countdown (whole seconds left), or nothing. Pure. */
export function inactivityStatus(
  now: number,
  lastActivity: number,
  timeoutMs: number,
  countdownMs: number,
): { reset: boolean; secondsLeft: number | null } {
  const remaining = timeoutMs - (now - lastActivity);
  if (remaining <= 0) return { reset: true, secondsLeft: null };
  if (remaining <= countdownMs) return { reset: false, secondsLeft: Math.ceil(remaining / 1000) };
  return { reset: false, secondsLeft: null };
}

export interface InactivityOptions {
  /** Only while the kiosk holds something of a visitor. */
  enabled: boolean;
  timeoutMs: number;
  countdownMs: number;
  onReset: () => void;
  /** Changes to this value count as activity too (e.g. a new screen). */
  activityKey?: unknown;
}

/** Returns the seconds left while the countdown shows, else null. */
export function useInactivityReset({
  enabled,
  timeoutMs,
  countdownMs,
  onReset,
  activityKey,
}: InactivityOptions): number | null {
  const [secondsLeft, setSecondsLeft] = useState<number | null>(null);
  const last = useRef(0);
  const onResetRef = useRef(onReset);
  onResetRef.current = onReset;

  // biome-ignore lint/correctness/useExhaustiveDependencies: activityKey is a trigger on purpose
  useEffect(() => {
    last.current = Date.now();
    setSecondsLeft(null);
  }, [enabled, activityKey]);

  useEffect(() => {
    if (!enabled) return;
    last.current = Date.now();
    const touched = () => {
      last.current = Date.now();
      setSecondsLeft(null);
    };
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, touched, { capture: true, passive: true });
    const timer = setInterval(() => {
      const status = inactivityStatus(Date.now(), last.current, timeoutMs, countdownMs);
      if (status.reset) {
        last.current = Date.now();
        setSecondsLeft(null);
        onResetRef.current();
      } else {
        setSecondsLeft(status.secondsLeft);
      }
    }, 250);
    return () => {
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, touched, { capture: true });
      clearInterval(timer);
      setSecondsLeft(null);
    };
  }, [enabled, timeoutMs, countdownMs]);

  return enabled ? secondsLeft : null;
}
