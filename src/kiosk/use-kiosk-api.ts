"use client";
// The kiosk's calls to /api/kiosk/*. Every answer becomes one of four things the screen can show:
// the next screen (an outcome), "revoked" (reload: the device shell then shows the revoked screen),
// "unreachable" (network error, time-out, 5xx: "please ask the desk" and retry), "slow-down" (429:
// too many attempts from this kiosk — a kind "try again in a few minutes or ask the desk", no
// retry) or "refused" (another 4xx: a friendly "please ask the desk"). Never a blank or broken screen.
import type { KioskOutcome } from "@/src/domain/visits/kiosk-outcome";
import type { KioskRequest } from "@/src/kiosk/components/kiosk-machine";

export type KioskCallResult =
  | { ok: true; outcome: KioskOutcome }
  | { ok: false; problem: "revoked" }
  | { ok: false; problem: "unreachable" }
  | { ok: false; problem: "slow-down" }
  | { ok: false; problem: "refused"; code: string };

const STEPS: ReadonlySet<string> = new Set([
  "rules",
  "checked-in",
  "see-desk",
  "document-refused",
  "please-wait",
  "queued",
  "walk-in-form",
  "checked-out",
  "staff-presence",
  "evacuation",
]);

/** How long the kiosk waits for an answer before it counts the server as unreachable. */
export const REQUEST_TIMEOUT_MS = 15_000;

/** Turns an HTTP status and its parsed JSON body into what the kiosk shows. Pure. */
export function interpretKioskResponse(status: number, body: unknown): KioskCallResult {
  if (status === 401) return { ok: false, problem: "revoked" };
  if (status === 429) return { ok: false, problem: "slow-down" };
  if (status >= 500 || status === 0) return { ok: false, problem: "unreachable" };
  if (status >= 400) {
    const code =
      body && typeof body === "object" && typeof (body as { code?: unknown }).code === "string"
        ? (body as { code: string }).code
        : "UNKNOWN";
    return { ok: false, problem: "refused", code };
  }
  if (body && typeof body === "object" && STEPS.has(String((body as { step?: unknown }).step))) {
    return { ok: true, outcome: body as KioskOutcome };
  }
  // A 2xx that is not a kiosk answer (a proxy's page, a half response): treat it as a hiccup.
  return { ok: false, problem: "unreachable" };
}

export async function callKiosk(request: KioskRequest, timeoutMs = REQUEST_TIMEOUT_MS): Promise<KioskCallResult> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const res = await fetch(`/api/kiosk/${request.path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(request.body),
      cache: "no-store",
      signal: controller.signal,
    });
    const body = await res.json().catch(() => null);
    return interpretKioskResponse(res.status, body);
  } catch {
    return { ok: false, problem: "unreachable" };
  } finally {
    clearTimeout(timer);
  }
}

/** What GET /api/kiosk/state answers (src/kiosk/api/load-kiosk-state.ts). */
export interface KioskStateView {
  location: {
    id: string;
    name: string;
    kind: string;
    registrationMode: "FULL" | "MINIMAL";
    waitAlertMinutes: number;
    hasCapacity: boolean;
  };
  calledNumbers: number[];
  /** An evacuation runs at the location (older servers: absent). */
  evacuation?: boolean;
}

/** The kiosk's idle information; null when it could not be read (the last known state stays). */
export async function fetchKioskState(): Promise<KioskStateView | "revoked" | null> {
  try {
    const res = await fetch("/api/kiosk/state", { cache: "no-store" });
    if (res.status === 401) return "revoked";
    if (!res.ok) return null;
    const body = (await res.json()) as KioskStateView;
    return body && typeof body === "object" && body.location ? body : null;
  } catch {
    return null;
  }
}
