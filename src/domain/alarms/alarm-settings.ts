// A location's alarm settings (issue 5): when an unanswered alarm pages every present staff member,
// when the desk is told to call 112, the emergency contacts shown then, and the desk's phone number
// (the fallback a room tablet shows when it cannot reach the server). Managers and admins of the
// location change them (permission incident_team.manage), audited with the values before and after.
// Alarms already open keep the escalation times they were opened with.
import type { Actor } from "@/src/domain/access/actor";
import { canSeeLocation, requirePermission } from "@/src/domain/access/permissions";
import { recordAudit } from "@/src/domain/audit/record-audit";
import type { DomainContext } from "@/src/domain/db";
import { AppError } from "@/src/domain/errors";

export const ESCALATE_ALL_BOUNDS = { min: 10, max: 600 } as const;
export const CALL_112_BOUNDS = { min: 20, max: 1800 } as const;
export const CONTACTS_MAX = 2000;
export const CONTACTS_MAX_LINES = 20;
export const DESK_PHONE_MAX = 30;
const PHONE = /^\+?[0-9][0-9 ()\-.]{1,28}[0-9]$/;

export interface AlarmSettings {
  alarmEscalateAllSeconds: number;
  alarmCall112Seconds: number;
  emergencyContacts: string;
  deskPhone: string | null;
}

/** Field error codes for a proposed setting (empty: valid). Pure. */
export function alarmSettingsProblems(s: AlarmSettings): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  const within = (v: number, b: { min: number; max: number }) => Number.isInteger(v) && v >= b.min && v <= b.max;
  if (!within(s.alarmEscalateAllSeconds, ESCALATE_ALL_BOUNDS)) errors.alarmEscalateAllSeconds = ["range"];
  if (!within(s.alarmCall112Seconds, CALL_112_BOUNDS)) errors.alarmCall112Seconds = ["range"];
  else if (!errors.alarmEscalateAllSeconds && s.alarmCall112Seconds <= s.alarmEscalateAllSeconds) {
    errors.alarmCall112Seconds = ["after_escalate"];
  }
  if (s.emergencyContacts.length > CONTACTS_MAX || s.emergencyContacts.split("\n").length > CONTACTS_MAX_LINES) {
    errors.emergencyContacts = ["too_long"];
  }
  if (s.deskPhone !== null && (s.deskPhone.length > DESK_PHONE_MAX || !PHONE.test(s.deskPhone))) {
    errors.deskPhone = ["phone"];
  }
  return errors;
}

/** Trims the text fields: blank lines and trailing spaces go, an empty phone is none. */
export function normaliseAlarmSettings(s: AlarmSettings): AlarmSettings {
  return {
    alarmEscalateAllSeconds: s.alarmEscalateAllSeconds,
    alarmCall112Seconds: s.alarmCall112Seconds,
    emergencyContacts: s.emergencyContacts
      .replace(/\r\n?/g, "\n")
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean)
      .join("\n"),
    deskPhone: s.deskPhone?.trim() || null,
  };
}

const select = {
  id: true,
  name: true,
  alarmEscalateAllSeconds: true,
  alarmCall112Seconds: true,
  emergencyContacts: true,
  deskPhone: true,
} as const;

export async function loadAlarmSettings(ctx: DomainContext, actor: Actor, locationId: string) {
  requirePermission(actor, "incident_team.manage");
  if (!canSeeLocation(actor, locationId)) throw new AppError("NOT_FOUND");
  const location = await ctx.db.location.findUnique({ where: { id: locationId }, select });
  if (!location) throw new AppError("NOT_FOUND");
  return location;
}

export async function updateAlarmSettings(
  ctx: DomainContext,
  actor: Actor,
  locationId: string,
  input: AlarmSettings,
): Promise<AlarmSettings> {
  requirePermission(actor, "incident_team.manage");
  if (!canSeeLocation(actor, locationId)) throw new AppError("NOT_FOUND");
  const next = normaliseAlarmSettings(input);
  const problems = alarmSettingsProblems(next);
  if (Object.keys(problems).length) throw new AppError("VALIDATION", "Invalid alarm settings", problems);
  const now = ctx.clock.now();
  return ctx.db.$transaction(async (tx) => {
    const before = await tx.location.findUnique({ where: { id: locationId }, select });
    if (!before) throw new AppError("NOT_FOUND");
    const after = await tx.location.update({ where: { id: locationId }, data: next, select });
    const changed = (Object.keys(next) as (keyof AlarmSettings)[]).filter((k) => before[k] !== after[k]);
    if (changed.length) {
      await recordAudit(tx, actor, {
        action: "location.alarm_settings_changed",
        subjectType: "Location",
        subjectId: locationId,
        locationId,
        data: {
          before: Object.fromEntries(changed.map((k) => [k, before[k]])),
          after: Object.fromEntries(changed.map((k) => [k, after[k]])),
        },
        at: now,
      });
    }
    return {
      alarmEscalateAllSeconds: after.alarmEscalateAllSeconds,
      alarmCall112Seconds: after.alarmCall112Seconds,
      emergencyContacts: after.emergencyContacts,
      deskPhone: after.deskPhone,
    };
  });
}
