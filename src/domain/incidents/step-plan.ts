// The framework's step plan after an incident ("Stappenplan afhandeling (bijna)incident",
// Handelingskader Veiligheid en Weerbaarheid, section 4), as pure rules: which steps an incident
// asks for given its behaviour category and outcome, which are done, and what still blocks
// closing it. Also the deadlines: aftercare (nazorg) and the 48-hour response to the perpetrator.
// No database, no clock: everything comes in as arguments.

export const INCIDENT_CATEGORIES = ["IK_GEDRAG", "JULLIE_GEDRAG", "JIJ_GEDRAG", "PHYSICAL"] as const;
export type IncidentCategory = (typeof INCIDENT_CATEGORIES)[number];

/** Aangifte: filed, planned, or deliberately not filed (then a reason is required). */
export const COMPLAINT_STATUSES = ["FILED", "PLANNED", "NOT_FILED"] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

/** How the perpetrator was answered (section 4.4). */
export const RESPONSE_KINDS = [
  "WARNING",
  "INCIDENT_CONVERSATION",
  "CONTACT_RESTRICTION",
  "BUILDING_BAN",
  "COST_LIABILITY",
  "CRIMINAL_COMPLAINT",
  "POLICE_REPORT",
] as const;
export type ResponseKind = (typeof RESPONSE_KINDS)[number];

export const AFTERCARE_KINDS = ["FIRST", "FOLLOW_UP", "FINAL"] as const;
export type AftercareKind = (typeof AFTERCARE_KINDS)[number];

export const AFTERCARE_OUTCOMES = ["DECLINED", "COLLEAGUE_SUPPORT", "PROFESSIONAL", "CARE_TEAM"] as const;
export type AftercareOutcome = (typeof AFTERCARE_OUTCOMES)[number];

export const RESPONSE_WINDOW_HOURS = 48;
/** The reminder before the response is due. */
export const RESPONSE_REMINDER_HOURS_BEFORE = 12;
export const DEFAULT_AFTERCARE_FOLLOW_UP_DAYS = 3;
/** "Een paar dagen tot max. 2 weken later." */
export const AFTERCARE_FINAL_DAYS = 14;
/** "Kort na het incident": the first question is due the same day (within 24 hours). */
export const AFTERCARE_FIRST_HOURS = 24;

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

export type StepKey =
  | "REDIRECTED"
  | "MANAGER_INFORMED"
  | "CALL_112"
  | "CRIMINAL_COMPLAINT"
  | "VPT_REPORT"
  | "RESPONSE_48H"
  | "AFTERCARE";

export interface StepState {
  category: IncidentCategory;
  endedEarly: boolean;
  acuteDanger: boolean;
  managerInformed: boolean;
  vptReported: boolean;
  called112: boolean;
  complaintStatus: ComplaintStatus | null;
  complaintReason: string | null;
  responded: boolean;
  aftercareOpen: number;
}

export interface Step {
  key: StepKey;
  /** The framework asks for it in this situation (else: shown as advice only). */
  required: boolean;
  done: boolean;
  /** Closing the incident waits for this step. */
  blocksClose: boolean;
}

/** Aggression aimed at the worker: reported to the police (VPT) even without a complaint. */
export function isAggression(category: IncidentCategory): boolean {
  return category === "JIJ_GEDRAG" || category === "PHYSICAL";
}

/** The complaint step is settled: filed, or not filed with a recorded reason. */
export function complaintSettled(s: Pick<StepState, "complaintStatus" | "complaintReason">): boolean {
  if (s.complaintStatus === "FILED") return true;
  return s.complaintStatus === "NOT_FILED" && !!s.complaintReason?.trim();
}

/** The steps for an incident, in the order the framework lists them. */
export function stepPlan(s: StepState): Step[] {
  const steps: Step[] = [];
  const aggression = isAggression(s.category);
  // Emotional behaviour redirected successfully: no report needed (it is registered anyway).
  if (!aggression && !s.endedEarly) steps.push({ key: "REDIRECTED", required: false, done: true, blocksClose: false });
  // Every incident is reported to the manager; always, also near-incidents (4.2).
  steps.push({ key: "MANAGER_INFORMED", required: true, done: s.managerInformed, blocksClose: true });
  if (s.acuteDanger) steps.push({ key: "CALL_112", required: true, done: s.called112, blocksClose: false });
  // (Threat of) physical violence: ALWAYS a criminal complaint; no close without a status or a reason.
  if (s.category === "PHYSICAL") {
    steps.push({ key: "CRIMINAL_COMPLAINT", required: true, done: complaintSettled(s), blocksClose: true });
  } else if (s.complaintStatus) {
    steps.push({ key: "CRIMINAL_COMPLAINT", required: false, done: complaintSettled(s), blocksClose: false });
  }
  // No complaint filed: still a VPT report to the police (dossieropbouw), for aggression.
  if (s.complaintStatus !== "FILED" && (aggression || s.endedEarly)) {
    steps.push({ key: "VPT_REPORT", required: aggression, done: s.vptReported, blocksClose: false });
  }
  steps.push({ key: "RESPONSE_48H", required: true, done: s.responded, blocksClose: false });
  steps.push({ key: "AFTERCARE", required: true, done: s.aftercareOpen === 0, blocksClose: false });
  return steps;
}

/** The steps that keep the incident from being closed (empty: it may be closed). */
export function closeBlockers(s: StepState): StepKey[] {
  return stepPlan(s)
    .filter((step) => step.blocksClose && !step.done)
    .map((step) => step.key);
}

/** Due dates of the three aftercare questions, from the time of the incident. */
export function aftercareDueDates(
  occurredAt: Date,
  followUpDays: number | null | undefined,
): Record<AftercareKind, Date> {
  const days = clampFollowUpDays(followUpDays);
  const t = occurredAt.getTime();
  return {
    FIRST: new Date(t + AFTERCARE_FIRST_HOURS * HOUR),
    FOLLOW_UP: new Date(t + days * DAY),
    FINAL: new Date(t + AFTERCARE_FINAL_DAYS * DAY),
  };
}

/** A follow-up after 1 to 13 days (the last question is at 14); null/invalid: the default 3. */
export function clampFollowUpDays(days: number | null | undefined): number {
  if (days === null || days === undefined || !Number.isInteger(days)) return DEFAULT_AFTERCARE_FOLLOW_UP_DAYS;
  return Math.min(AFTERCARE_FINAL_DAYS - 1, Math.max(1, days));
}

/** The perpetrator's response is due 48 hours after the incident; the reminder 12 hours before. */
export function responseDeadline(occurredAt: Date): { dueAt: Date; remindAt: Date } {
  const dueAt = new Date(occurredAt.getTime() + RESPONSE_WINDOW_HOURS * HOUR);
  return { dueAt, remindAt: new Date(dueAt.getTime() - RESPONSE_REMINDER_HOURS_BEFORE * HOUR) };
}

/** A building ban is one of the responses; it maps the category to the ban's reason. */
export function banReasonFor(category: IncidentCategory): "PHYSICAL_VIOLENCE" | "THREAT" | "AGGRESSION" {
  if (category === "PHYSICAL") return "PHYSICAL_VIOLENCE";
  if (category === "JIJ_GEDRAG") return "THREAT";
  return "AGGRESSION";
}
