// The kiosk's flow as a plain reducer, so it can be tested without a browser. One visitor at a
// time: every screen after the idle one belongs to that visitor, and `reset` forgets all of it
// (the React tree under the kiosk is keyed by `session`, so form fields are emptied too).
// Nothing here touches the URL: the kiosk never adds to the browser history.

import type {
  CheckOutInput,
  KioskInput,
  KioskLanguage,
  KioskOutcome,
  WalkInFull,
  WalkInMinimal,
} from "@/src/domain/visits/kiosk-outcome";
import { classifyScan } from "@/src/domain/visits/scan-classify";

/** One request the kiosk sends (kept so it can be retried when the server was unreachable). */
export type KioskRequest =
  | { path: "identify"; body: { language: KioskLanguage; input: KioskInput } }
  | { path: "check-in"; body: { pending: string; decision: "accept" | "decline" } }
  | { path: "check-out"; body: { input: CheckOutInput } };

export type KioskScreen =
  | { name: "idle" }
  | { name: "scan" }
  | { name: "queue-number" }
  | { name: "leave" }
  | { name: "walk-in"; mode: "FULL" | "MINIMAL" }
  | { name: "outcome"; outcome: KioskOutcome }
  /** Server unreachable, 5xx or a network error: "please ask the desk", retried in the background. */
  | { name: "unreachable"; request: KioskRequest; attempts: number };

export interface KioskMachineState {
  /** Increments at every reset: the key of everything that belongs to one visitor. */
  session: number;
  defaultLanguage: KioskLanguage;
  language: KioskLanguage;
  screen: KioskScreen;
  /** A request is in flight: further scans and taps are ignored until it answers. */
  busy: boolean;
  /** The queue number this visitor typed (walk-in locations with a capacity). */
  queueNumber: number | null;
  /** The manual code field held something that cannot be a code (checked here, before any request). */
  notice: "unknown-code" | null;
}

export type KioskAction =
  | { type: "language"; language: KioskLanguage }
  | { type: "open"; screen: "idle" | "scan" | "queue-number" | "leave" }
  | { type: "open-walk-in"; mode: "FULL" | "MINIMAL" }
  | { type: "queue-number"; number: number }
  | { type: "notice"; notice: "unknown-code" | null }
  | { type: "request" }
  | { type: "answer"; outcome: KioskOutcome }
  | { type: "unreachable"; request: KioskRequest }
  | { type: "reset" };

export function initialKioskState(defaultLanguage: KioskLanguage = "nl", session = 0): KioskMachineState {
  return {
    session,
    defaultLanguage,
    language: defaultLanguage,
    screen: { name: "idle" },
    busy: false,
    queueNumber: null,
    notice: null,
  };
}

export function kioskReducer(state: KioskMachineState, action: KioskAction): KioskMachineState {
  switch (action.type) {
    case "reset":
      return initialKioskState(state.defaultLanguage, state.session + 1);
    case "language":
      return { ...state, language: action.language };
    case "open":
      if (state.busy) return state;
      return { ...state, screen: { name: action.screen }, notice: null };
    case "open-walk-in":
      if (state.busy) return state;
      return { ...state, screen: { name: "walk-in", mode: action.mode }, notice: null };
    case "queue-number":
      return { ...state, queueNumber: action.number, screen: { name: "idle" }, notice: null };
    case "notice":
      return { ...state, notice: action.notice };
    case "request":
      return { ...state, busy: true, notice: null };
    case "answer": {
      const outcome = action.outcome;
      // The server asks for the walk-in questions (e.g. a form of the other mode was sent).
      if (outcome.step === "walk-in-form")
        return { ...state, busy: false, screen: { name: "walk-in", mode: outcome.mode } };
      // A queue number that was used to check in is spent; a new one replaces it.
      const queueNumber =
        outcome.step === "queued" ? outcome.number : outcome.step === "checked-in" ? null : state.queueNumber;
      return { ...state, busy: false, queueNumber, screen: { name: "outcome", outcome } };
    }
    case "unreachable": {
      const attempts = state.screen.name === "unreachable" ? state.screen.attempts + 1 : 1;
      return { ...state, busy: false, screen: { name: "unreachable", request: action.request, attempts } };
    }
  }
}

/** Outcomes after which the visitor is done: the kiosk returns to idle by itself shortly after. */
const FINAL_STEPS: ReadonlySet<KioskOutcome["step"]> = new Set([
  "checked-in",
  "checked-out",
  "staff-presence",
  "see-desk",
  "please-wait",
  "queued",
  "document-refused",
  "evacuation",
]);

export const isFinalOutcome = (outcome: KioskOutcome) => FINAL_STEPS.has(outcome.step);

/** How long a final outcome stays on screen (ms). The leave code needs a little longer to note down. */
export function finalOutcomeMs(outcome: KioskOutcome): number {
  if (outcome.step === "checked-in") return 10_000;
  if (outcome.step === "evacuation") return 60_000;
  return 8_000;
}

/** The idle timeout: back to the start after this long without a touch or key. */
export const INACTIVITY_MS = 45_000;
/** The countdown shows during the last part of the idle timeout. */
export const COUNTDOWN_MS = 10_000;

/** Does the kiosk hold anything of a visitor (so the inactivity reset must run)? */
export function holdsVisitorState(state: KioskMachineState): boolean {
  return (
    state.screen.name !== "idle" ||
    state.language !== state.defaultLanguage ||
    state.queueNumber !== null ||
    state.notice !== null
  );
}

/**
 * A cheap check before a scan goes to the server (which is the judge): could this be an invite,
 * a client pass or a document's MRZ? Garbage (a half read, keys pressed by accident) is dropped.
 */
export function looksLikeCode(text: string): boolean {
  return text.trim().length > 0 && classifyScan(text.trim()).kind !== "unknown";
}

/** A staff badge (personeelspas): it signs its holder in or out on any screen that takes a scan. */
export const isStaffBadge = (text: string) => classifyScan(text.trim()).kind === "badge";

/** The leave code shown at check-in: 6 or 7 digits (spaces typed between them do not matter). */
export function asLeaveCode(text: string): string | null {
  const digits = text.replace(/\s/g, "");
  return /^\d{6,7}$/.test(digits) ? digits : null;
}

/** What the check-out screen sends for a scan or a typed code, or null when it cannot be one. */
export function checkOutInputFor(text: string): CheckOutInput | null {
  const code = asLeaveCode(text);
  if (code) return { kind: "leave-code", code };
  return looksLikeCode(text) ? { kind: "scan", text: text.trim() } : null;
}

/** A typed queue number, or null. */
export function parseQueueNumber(text: string): number | null {
  const digits = text.replace(/\s/g, "");
  if (!/^\d{1,6}$/.test(digits)) return null;
  const n = Number(digits);
  return n >= 1 && n <= 100_000 ? n : null;
}

// ---- The walk-in form ------------------------------------------------------------------------

export type WalkInError = "required" | "choose" | "age" | "date" | "tooLong";

export interface WalkInFullDraft {
  firstName: string;
  lastName: string;
  day: string;
  month: string;
  year: string;
  purpose: string;
}

export interface WalkInMinimalDraft {
  firstName: string;
  age: string;
  nationalityGroup: "" | "NL" | "EU" | "NON_EU";
}

export type WalkInValidation<F, D> =
  | { ok: true; fields: F }
  | { ok: false; errors: Partial<Record<keyof D | "dateOfBirth", WalkInError>> };

const NAME_MAX = 60;
const PURPOSE_MAX = 200;

function nameError(value: string): WalkInError | null {
  const v = value.trim();
  if (!v) return "required";
  if (v.length > NAME_MAX) return "tooLong";
  return null;
}

/** "27", "3", "1985" → "1985-03-27"; "" when all three are empty; null when it is not a real past date. */
export function dateOfBirthFrom(day: string, month: string, year: string, today = new Date()): string | null {
  const [d, m, y] = [day.trim(), month.trim(), year.trim()];
  if (!d && !m && !y) return "";
  if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y)) return null;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(m) - 1 || date.getUTCDate() !== Number(d))
    return null;
  if (Number(y) < 1900 || date.getTime() > today.getTime()) return null;
  return `${y}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`;
}

export function validateWalkInFull(
  draft: WalkInFullDraft,
  today = new Date(),
): WalkInValidation<WalkInFull, WalkInFullDraft> {
  const errors: Partial<Record<keyof WalkInFullDraft | "dateOfBirth", WalkInError>> = {};
  const first = nameError(draft.firstName);
  if (first) errors.firstName = first;
  const last = nameError(draft.lastName);
  if (last) errors.lastName = last;
  const dateOfBirth = dateOfBirthFrom(draft.day, draft.month, draft.year, today);
  if (dateOfBirth === null) errors.dateOfBirth = "date";
  const purpose = draft.purpose.trim();
  if (!purpose) errors.purpose = "required";
  else if (purpose.length > PURPOSE_MAX) errors.purpose = "tooLong";
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const fields: WalkInFull = {
    mode: "FULL",
    firstName: draft.firstName.trim(),
    lastName: draft.lastName.trim(),
    purpose,
  };
  if (dateOfBirth) fields.dateOfBirth = dateOfBirth;
  return { ok: true, fields };
}

export function validateWalkInMinimal(draft: WalkInMinimalDraft): WalkInValidation<WalkInMinimal, WalkInMinimalDraft> {
  const errors: Partial<Record<keyof WalkInMinimalDraft, WalkInError>> = {};
  const first = nameError(draft.firstName);
  if (first) errors.firstName = first;
  const ageText = draft.age.trim();
  const age = Number(ageText);
  if (!ageText) errors.age = "required";
  else if (!/^\d{1,3}$/.test(ageText) || age > 120) errors.age = "age";
  if (!draft.nationalityGroup) errors.nationalityGroup = "choose";
  if (Object.keys(errors).length > 0 || !draft.nationalityGroup) return { ok: false, errors };
  return {
    ok: true,
    fields: { mode: "MINIMAL", firstName: draft.firstName.trim(), age, nationalityGroup: draft.nationalityGroup },
  };
}
