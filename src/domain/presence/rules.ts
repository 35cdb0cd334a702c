// Pure rules of staff presence (aanwezigheidsregister), free of the database so they are tested
// with a plain clock: the badge-code rule, the double-scan rule and the end-of-day closing time.
import { addDays, localClock, localDay, localInstant, parseWallClock } from "@/src/domain/local-day";

/**
 * Staff badges Portier recognises at the kiosk: `BADGE-` and 1 to 32 letters or digits, e.g.
 * `BADGE-0001`. A scanner with Caps Lock on types `badge-0001`: case does not matter, the code is
 * compared in capitals. Anything else is not a badge (invites, passes and MRZs keep their rules).
 */
export const BADGE_RE = /^BADGE-[A-Z0-9]{1,32}$/;

/** The canonical form of a scanned badge code (capitals, no surrounding space), or null. */
export function parseBadge(text: string): string | null {
  if (typeof text !== "string") return null;
  const canonical = text.trim().toUpperCase();
  return BADGE_RE.test(canonical) ? canonical : null;
}

/** The string whose HMAC is stored as StaffMember.badgeHash (the same as setBadge in manage-staff.ts). */
export const badgeHashInput = (code: string) => `badge:${code.trim()}`;

/**
 * A scanner often reads a badge twice (the card lingers, the person taps again because nothing
 * seemed to happen). A badge scan within this window of the last change that a badge made for the
 * same staff member answers that change again instead of flipping it back.
 */
export const DOUBLE_SCAN_MS = 10_000;

export interface LastChange {
  /** Whether the staff member is signed in now (anywhere). */
  signedIn: boolean;
  /** When the last sign-in or sign-out happened, and how. */
  at: Date;
  method: "BADGE_KIOSK" | "BADGE_DESK" | "DASHBOARD" | "END_OF_DAY";
  /** The location of that change. */
  locationId: string;
}

export type BadgeDecision = "sign-in" | "sign-out" | "repeat";

/**
 * What a badge scan at `locationId` does: signed in here → sign out; signed out, or signed in
 * elsewhere → sign in here (which closes the other one). A scan within DOUBLE_SCAN_MS of a
 * badge change at the same location repeats that change's answer.
 */
export function decideBadgeScan(last: LastChange | null, locationId: string, now: Date): BadgeDecision {
  if (
    last &&
    last.locationId === locationId &&
    (last.method === "BADGE_KIOSK" || last.method === "BADGE_DESK") &&
    now.getTime() - last.at.getTime() >= 0 &&
    now.getTime() - last.at.getTime() < DOUBLE_SCAN_MS
  ) {
    return "repeat";
  }
  return last?.signedIn && last.locationId === locationId ? "sign-out" : "sign-in";
}

const DEFAULT_CLOSES_AT = 22 * 60;

/** The location's closing instant on a local day (an invalid closesAt falls back to 22:00). */
export function closingOn(day: string, closesAt: string, timeZone: string): Date {
  return localInstant(day, parseWallClock(closesAt) ?? DEFAULT_CLOSES_AT, timeZone);
}

/** The next closing strictly after `now`: today's if still ahead, else tomorrow's. */
export function nextClosing(now: Date, closesAt: string, timeZone: string): { day: string; at: Date } {
  const today = localDay(now, timeZone);
  const at = closingOn(today, closesAt, timeZone);
  if (at.getTime() > now.getTime()) return { day: today, at };
  const tomorrow = addDays(today, 1);
  return { day: tomorrow, at: closingOn(tomorrow, closesAt, timeZone) };
}

/** The scheduler key of a location's end-of-day job for one local day. */
export const endOfDayJobKey = (locationId: string, day: string) => `presence.end_of_day:${locationId}:${day}`;
export const END_OF_DAY_JOB = "presence.end_of_day";

/** "Goedemorgen / Goedemiddag / Goedenavond": the part of the day at an instant in a time zone. */
export function greetingAt(at: Date, timeZone: string): "morning" | "afternoon" | "evening" {
  const { minutes } = localClock(at, timeZone);
  if (minutes >= 5 * 60 && minutes < 12 * 60) return "morning";
  if (minutes >= 12 * 60 && minutes < 18 * 60) return "afternoon";
  return "evening";
}
