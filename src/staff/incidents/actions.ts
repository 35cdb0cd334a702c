"use server";
// Server actions of the incident screens. Each checks its permission first, then validates the
// form, then calls the domain (which checks need to know, the step plan and writes the audit trail).
import { revalidatePath } from "next/cache";
import { getLocale } from "next-intl/server";
import { requirePermission } from "@/src/domain/access/permissions";
import { AppError } from "@/src/domain/errors";
import { saveIncidentSettings } from "@/src/domain/incidents/incident-settings";
import {
  closeIncident,
  completeAftercare,
  recordResponse,
  recordSteps,
  registerIncident,
} from "@/src/domain/incidents/incidents";
import { endOfDay, isCalendarDay, parseWallClock, zonedInstant } from "@/src/domain/local-day";
import { redirect } from "@/src/i18n/navigation";
import { type ActionResult, runAction } from "@/src/server/action-result";
import { getStaffActor } from "@/src/server/auth/get-actor";
import { formValues } from "@/src/server/form-data";
import { domain } from "@/src/server/runtime";
import {
  aftercareSchema,
  closeSchema,
  registerSchema,
  responseSchema,
  settingsSchema,
  stepsSchema,
} from "@/src/staff/incidents/schemas";

async function staffWith(permission: "incidents.register" | "incidents.manage") {
  const actor = requirePermission(await getStaffActor(), permission);
  if (actor.type !== "STAFF") throw new AppError("FORBIDDEN");
  return actor;
}

function refresh() {
  revalidatePath("/[locale]/staff/incidents", "layout");
}

async function timeZoneOf(locationId: string): Promise<string> {
  const ctx = await domain();
  const l = await ctx.db.location.findUnique({ where: { id: locationId }, select: { timeZone: true } });
  if (!l) throw new AppError("VALIDATION", "Unknown location", { locationId: ["invalid_value"] });
  return l.timeZone;
}

/** Registers an incident (fresh or an alarm's draft), then opens it. */
export async function registerIncidentAction(
  _prev: unknown,
  formData: FormData,
): Promise<ActionResult<{ id: string }>> {
  const result = await runAction(async () => {
    const actor = await staffWith("incidents.register");
    const input = registerSchema.parse(formValues(formData));
    const tz = await timeZoneOf(input.locationId);
    const [dayPart, timePart] = input.occurredAt.split("T") as [string, string];
    if (!isCalendarDay(dayPart) || parseWallClock(timePart) === null) {
      throw new AppError("VALIDATION", "Invalid time", { occurredAt: ["invalid"] });
    }
    const occurredAt = zonedInstant(dayPart, timePart, tz);
    return registerIncident(await domain(), actor, { ...input, occurredAt });
  });
  if (!result.ok) return result;
  refresh();
  return redirect({
    href: `/staff/incidents/${encodeURIComponent(result.data.id)}?registered=1`,
    locale: await getLocale(),
  });
}

export async function recordStepsAction(_prev: unknown, formData: FormData): Promise<ActionResult<{ saved: true }>> {
  return runAction(async () => {
    const actor = await staffWith("incidents.register");
    const input = stepsSchema.parse(formValues(formData));
    await recordSteps(await domain(), actor, input.id, {
      managerInformed: input.managerInformed,
      vptReported: input.vptReported,
      called112: input.called112,
      complaintStatus: input.complaintStatus,
      complaintReason: input.complaintReason ?? null,
    });
    refresh();
    return { saved: true as const };
  });
}

export async function completeAftercareAction(
  _prev: unknown,
  formData: FormData,
): Promise<ActionResult<{ saved: true }>> {
  return runAction(async () => {
    const actor = await staffWith("incidents.register");
    const input = aftercareSchema.parse(formValues(formData));
    await completeAftercare(await domain(), actor, input.taskId, { outcome: input.outcome, note: input.note });
    refresh();
    return { saved: true as const };
  });
}

export async function recordResponseAction(
  _prev: unknown,
  formData: FormData,
): Promise<ActionResult<{ banId: string | null }>> {
  return runAction(async () => {
    const actor = await staffWith("incidents.register");
    const input = responseSchema.parse(formValues(formData));
    const ctx = await domain();
    let banEndsAt: Date | null = null;
    if (input.kind === "BUILDING_BAN") {
      if (!input.banEndsAt || !isCalendarDay(input.banEndsAt)) {
        throw new AppError("VALIDATION", "End date required", { banEndsAt: ["required"] });
      }
      const incident = await ctx.db.incident.findUnique({ where: { id: input.id }, select: { locationId: true } });
      if (!incident) throw new AppError("NOT_FOUND");
      banEndsAt = endOfDay(input.banEndsAt, await timeZoneOf(incident.locationId));
      if (banEndsAt <= ctx.clock.now())
        throw new AppError("VALIDATION", "In the past", { banEndsAt: ["before_start"] });
    }
    const result = await recordResponse(ctx, actor, input.id, { kind: input.kind, note: input.note, banEndsAt });
    refresh();
    revalidatePath("/[locale]/staff/bans", "page");
    return result;
  });
}

export async function closeIncidentAction(_prev: unknown, formData: FormData): Promise<ActionResult<{ closed: true }>> {
  return runAction(async () => {
    const actor = await staffWith("incidents.register");
    const { id } = closeSchema.parse(formValues(formData));
    await closeIncident(await domain(), actor, id);
    refresh();
    return { closed: true as const };
  });
}

export async function saveIncidentSettingsAction(
  _prev: unknown,
  formData: FormData,
): Promise<ActionResult<{ saved: true }>> {
  return runAction(async () => {
    const actor = await staffWith("incidents.manage");
    const input = settingsSchema.parse(formValues(formData));
    await saveIncidentSettings(await domain(), actor, input.locationId, {
      safetyOfficerId: input.safetyOfficerId,
      neighbourhoodOfficer: input.neighbourhoodOfficer,
      emergencyContacts: input.emergencyContacts,
      aftercareFollowUpDays: input.aftercareFollowUpDays,
    });
    refresh();
    revalidatePath("/[locale]/staff/alarm-settings", "page");
    return { saved: true as const };
  });
}
