// What the kiosk sends and what it is told. Plain types, shared by the route handlers and the
// kiosk screens. Nothing here ever carries another visitor's data or the reason for a refusal.

export const KIOSK_LANGUAGES = ["nl", "en", "ar", "pl", "tr"] as const;
export type KioskLanguage = (typeof KIOSK_LANGUAGES)[number];
export const isKioskLanguage = (v: unknown): v is KioskLanguage => KIOSK_LANGUAGES.includes(v as KioskLanguage);

export interface WalkInFull {
  mode: "FULL";
  firstName: string;
  lastName: string;
  /** Optional: lets a ban on name + date of birth match. yyyy-mm-dd */
  dateOfBirth?: string;
  /** Whom the visitor comes to see, or why. */
  purpose: string;
}

export interface WalkInMinimal {
  mode: "MINIMAL";
  firstName: string;
  age: number;
  nationalityGroup: "NL" | "EU" | "NON_EU";
}

export type KioskInput =
  | { kind: "scan"; text: string; queueNumber?: number }
  | { kind: "walk-in"; fields: WalkInFull | WalkInMinimal; queueNumber?: number };

export interface RulesToAccept {
  version: number;
  language: string;
  title: string;
  body: string;
}

/** The kiosk's next screen. */
export type KioskOutcome =
  /** Show the house rules; send `pending` back with the decision. */
  | { step: "rules"; pending: string; firstName: string | null; rules: RulesToAccept }
  /** Done: welcome, take a seat; report to the desk after `waitAlertMinutes`. */
  | { step: "checked-in"; firstName: string | null; leaveCode: string; waitAlertMinutes: number }
  /**
   * Friendly "please ask the desk" (unknown, used, expired or forged code; declined rules).
   * "slow-down": the kiosk's own answer to a 429 (too many attempts), never sent by the server.
   */
  | { step: "see-desk"; reason: "code" | "declined" | "wrong-location" | "slow-down" }
  /** Identity document refused: kind, specific message. */
  | { step: "document-refused"; reason: "unreadable" | "check_digits" | "expired" }
  /** "Please wait, a colleague will help you" (also after a silent ban alert). */
  | { step: "please-wait" }
  /** At capacity: a queue number. */
  | { step: "queued"; number: number; ahead: number }
  /** No code: ask the walk-in questions for this location's registration mode. */
  | { step: "walk-in-form"; mode: "FULL" | "MINIMAL" }
  | { step: "checked-out"; firstName: string | null }
  /** A staff member's badge: signed in or out (staff presence); greeted by first name and time of day. */
  | {
      step: "staff-presence";
      status: "signed-in" | "signed-out";
      firstName: string;
      greeting: "morning" | "afternoon" | "evening";
    }
  /** Evacuation in progress: leave by the nearest exit (check-ins are refused with this code). */
  | { step: "evacuation"; code?: "EVACUATION_IN_PROGRESS" };

export type CheckOutInput = { kind: "scan"; text: string } | { kind: "leave-code"; code: string };
