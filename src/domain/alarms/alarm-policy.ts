// The alarm's timing rules, pure: no database, no clock of its own (tests use plain dates).
import type { AlarmLevel, AlarmSource, AlarmStatus } from "@/src/generated/prisma/enums";

/** A room tablet's alarm waits this long for the presser to cancel before anyone is paged. */
export const CANCEL_WINDOW_MS = 5000;
/** A page not acknowledged by a socket within this time is sent to that socket again. */
export const RESEND_AFTER_MS = 2000;
/** A test alarm nobody closed ends by itself after this long (it must not ring for ever). */
export const TEST_ALARM_MAX_MS = 10 * 60 * 1000;

export interface EscalationStep {
  step: 1 | 2;
  dueAt: Date;
}

/**
 * When an opened alarm escalates if nobody is coming: step 1 (page every present staff member)
 * after `alarmEscalateAllSeconds`, step 2 (the desk calls 112) after `alarmCall112Seconds`, both
 * counted from the moment the responders were first paged.
 */
export function escalationSteps(
  location: { alarmEscalateAllSeconds: number; alarmCall112Seconds: number },
  openedAt: Date,
): EscalationStep[] {
  const at = (seconds: number) => new Date(openedAt.getTime() + Math.max(0, seconds) * 1000);
  return [
    { step: 1, dueAt: at(location.alarmEscalateAllSeconds) },
    { step: 2, dueAt: at(location.alarmCall112Seconds) },
  ];
}

/** An escalation step fires when the alarm is still open, has not reached that step, and nobody answered "coming". */
export function shouldEscalate(
  alarm: { status: AlarmStatus; escalation: number },
  pages: { response: string | null }[],
  step: number,
): boolean {
  if (alarm.status !== "OPEN") return false;
  if (alarm.escalation >= step) return false;
  return !pages.some((p) => p.response === "COMING");
}

/** A second press joins the open alarm: EMERGENCY wins over ASSISTANCE. */
export function joinLevel(a: AlarmLevel, b: AlarmLevel): AlarmLevel {
  return a === "EMERGENCY" || b === "EMERGENCY" ? "EMERGENCY" : "ASSISTANCE";
}

/** Only a room tablet's press has a cancel window; buttons, the risk check and tests page at once. */
export function hasCancelWindow(source: AlarmSource): boolean {
  return source === "ROOM_TABLET";
}

/** When the alarm pages its responders. */
export function confirmAtFor(source: AlarmSource, raisedAt: Date): Date {
  return hasCancelWindow(source) ? new Date(raisedAt.getTime() + CANCEL_WINDOW_MS) : raisedAt;
}

/** The presser may cancel while the alarm is PENDING (nobody has been paged yet). */
export function canCancel(alarm: { status: AlarmStatus }): boolean {
  return alarm.status === "PENDING";
}
