// The incident register (incidentenregister): register an incident (from an alarm's DRAFT or
// fresh), record the step plan, the aftercare (nazorg) questions and the response to the
// perpetrator (within 48 hours), close it. Registering schedules the reminders; the scheduler's
// handlers below mark them, so the managers' lists show what is due and overdue.
import type { Actor } from "@/src/domain/access/actor";
import { requirePermission } from "@/src/domain/access/permissions";
import { recordAudit } from "@/src/domain/audit/record-audit";
import { createBan } from "@/src/domain/bans/manage-bans";
import type { DomainContext, Tx } from "@/src/domain/db";
import { AppError } from "@/src/domain/errors";
import { incidentAccess } from "@/src/domain/incidents/incident-access";
import {
  AFTERCARE_KINDS,
  AFTERCARE_OUTCOMES,
  type AftercareKind,
  type AftercareOutcome,
  aftercareDueDates,
  banReasonFor,
  COMPLAINT_STATUSES,
  type ComplaintStatus,
  closeBlockers,
  INCIDENT_CATEGORIES,
  type IncidentCategory,
  RESPONSE_KINDS,
  type ResponseKind,
  responseDeadline,
  type StepState,
} from "@/src/domain/incidents/step-plan";
import { cancelJob, scheduleJob } from "@/src/domain/scheduler/jobs";

export const INCIDENT_AFTERCARE_JOB = "incident.aftercare_due";
export const INCIDENT_RESPONSE_REMINDER_JOB = "incident.response_reminder";
export const INCIDENT_RESPONSE_OVERDUE_JOB = "incident.response_overdue";

export const aftercareJobKey = (taskId: string) => `incident-aftercare:${taskId}`;
export const responseReminderKey = (incidentId: string) => `incident-response-reminder:${incidentId}`;
export const responseOverdueKey = (incidentId: string) => `incident-response-overdue:${incidentId}`;

export const DESCRIPTION_MAX = 4000;
export const NOTE_MAX = 1000;
/** A registration may be made a little ahead of the server's clock (clock skew), not more. */
const FUTURE_SLACK_MS = 5 * 60 * 1000;

export interface IncidentRegistration {
  /** Complete this DRAFT (opened by an alarm's all-clear); without: a fresh registration. */
  incidentId?: string | null;
  locationId: string;
  occurredAt: Date;
  roomId?: string | null;
  affectedStaffId?: string | null;
  visitorId?: string | null;
  category: IncidentCategory;
  description: string;
  endedEarly: boolean;
  acuteDanger: boolean;
}

function staffId(actor: Actor): string | null {
  return actor.type === "STAFF" ? actor.id : null;
}

function invalid(field: string, code = "invalid"): never {
  throw new AppError("VALIDATION", `Invalid ${field}`, { [field]: [code] });
}

/** Registers an incident; answers its id. Creates the aftercare tasks and the 48-hour deadline. */
export async function registerIncident(
  ctx: DomainContext,
  actor: Actor,
  input: IncidentRegistration,
): Promise<{ id: string }> {
  requirePermission(actor, "incidents.register");
  const now = ctx.clock.now();
  if (!INCIDENT_CATEGORIES.includes(input.category)) invalid("category");
  const description = input.description.trim();
  if (!description) invalid("description", "required");
  if (description.length > DESCRIPTION_MAX) invalid("description", "too_long");
  if (Number.isNaN(input.occurredAt.getTime())) invalid("occurredAt");
  if (input.occurredAt.getTime() > now.getTime() + FUTURE_SLACK_MS) invalid("occurredAt", "future");

  const result = await ctx.db.$transaction(async (tx) => {
    const draft = input.incidentId ? await tx.incident.findUnique({ where: { id: input.incidentId } }) : null;
    if (input.incidentId) {
      if (!draft || !(await incidentAccess(tx, actor, draft)).view) throw new AppError("NOT_FOUND");
      if (draft.status !== "DRAFT") throw new AppError("CONFLICT", "Already registered");
    }
    const locationId = draft?.locationId ?? input.locationId;
    const location = await tx.location.findUnique({
      where: { id: locationId },
      select: { id: true, aftercareFollowUpDays: true },
    });
    if (!location) invalid("locationId");
    if (actor.type === "STAFF" && actor.role !== "ADMIN" && !actor.locationIds.includes(locationId)) {
      invalid("locationId");
    }
    if (input.roomId) {
      const room = await tx.room.findUnique({ where: { id: input.roomId }, select: { locationId: true } });
      if (room?.locationId !== locationId) invalid("roomId");
    }
    if (input.affectedStaffId) {
      const member = await tx.staffLocation.findUnique({
        where: { staffId_locationId: { staffId: input.affectedStaffId, locationId } },
      });
      if (!member) invalid("affectedStaffId");
    }
    if (input.visitorId) {
      const visitor = await tx.visitor.findUnique({ where: { id: input.visitorId }, select: { id: true } });
      if (!visitor) invalid("visitorId");
    }
    const data = {
      occurredAt: input.occurredAt,
      roomId: input.roomId || null,
      affectedStaffId: input.affectedStaffId || null,
      visitorId: input.visitorId || null,
      category: input.category,
      description,
      endedEarly: input.endedEarly,
      acuteDanger: input.acuteDanger,
      status: "OPEN",
      registeredAt: now,
      registeredById: staffId(actor),
      responseDueAt: responseDeadline(input.occurredAt).dueAt,
    };
    const incident = draft
      ? await tx.incident.update({ where: { id: draft.id }, data })
      : await tx.incident.create({ data: { ...data, locationId, createdAt: now, createdById: staffId(actor) } });
    await scheduleFollowUps(tx, incident.id, input.occurredAt, location.aftercareFollowUpDays, now);
    await recordAudit(tx, actor, {
      action: "incident.registered",
      subjectType: "Incident",
      subjectId: incident.id,
      locationId,
      data: {
        fromDraft: !!draft,
        alarmId: incident.alarmId,
        category: input.category,
        endedEarly: input.endedEarly,
        acuteDanger: input.acuteDanger,
      },
      at: now,
    });
    return { id: incident.id };
  });
  return result;
}

/** Three aftercare questions and the response deadline, each with its scheduler job. */
async function scheduleFollowUps(tx: Tx, incidentId: string, occurredAt: Date, followUpDays: number | null, now: Date) {
  const due = aftercareDueDates(occurredAt, followUpDays);
  for (const kind of AFTERCARE_KINDS) {
    const task = await tx.incidentAftercareTask.create({ data: { incidentId, kind, dueAt: due[kind] } });
    await scheduleJob(tx, {
      kind: INCIDENT_AFTERCARE_JOB,
      key: aftercareJobKey(task.id),
      dueAt: maxDate(due[kind], now),
      payload: { taskId: task.id },
    });
  }
  const { dueAt, remindAt } = responseDeadline(occurredAt);
  await scheduleJob(tx, {
    kind: INCIDENT_RESPONSE_REMINDER_JOB,
    key: responseReminderKey(incidentId),
    dueAt: maxDate(remindAt, now),
    payload: { incidentId },
  });
  await scheduleJob(tx, {
    kind: INCIDENT_RESPONSE_OVERDUE_JOB,
    key: responseOverdueKey(incidentId),
    dueAt: maxDate(dueAt, now),
    payload: { incidentId },
  });
}

const maxDate = (a: Date, b: Date) => (a > b ? a : b);

async function loadForChange(tx: Tx, actor: Actor, id: string, need: "view" | "manage") {
  const incident = await tx.incident.findUnique({ where: { id } });
  if (!incident) throw new AppError("NOT_FOUND");
  const access = await incidentAccess(tx, actor, incident);
  if (!access.view) throw new AppError("NOT_FOUND");
  if (need === "manage" && !access.manage) throw new AppError("FORBIDDEN");
  if (incident.status === "DRAFT") throw new AppError("CONFLICT", "Register the incident first");
  return incident;
}

export interface StepUpdate {
  managerInformed?: boolean;
  vptReported?: boolean;
  called112?: boolean;
  complaintStatus?: ComplaintStatus | null;
  complaintReason?: string | null;
}

/** Records what was done of the step plan (anyone who may see the incident: the victim files the complaint). */
export async function recordSteps(ctx: DomainContext, actor: Actor, id: string, update: StepUpdate): Promise<void> {
  requirePermission(actor, "incidents.register");
  if (update.complaintStatus && !COMPLAINT_STATUSES.includes(update.complaintStatus)) invalid("complaintStatus");
  const reason = update.complaintReason?.trim() || null;
  if (reason && reason.length > NOTE_MAX) invalid("complaintReason", "too_long");
  if (update.complaintStatus === "NOT_FILED" && !reason) invalid("complaintReason", "required");
  const now = ctx.clock.now();
  await ctx.db.$transaction(async (tx) => {
    const incident = await loadForChange(tx, actor, id, "view");
    if (incident.status === "CLOSED") throw new AppError("CONFLICT", "The incident is closed");
    const stamp = (flag: boolean | undefined, current: Date | null) =>
      flag === undefined ? current : flag ? (current ?? now) : null;
    const data = {
      managerInformedAt: stamp(update.managerInformed, incident.managerInformedAt),
      vptReportedAt: stamp(update.vptReported, incident.vptReportedAt),
      called112At: stamp(update.called112, incident.called112At),
      ...(update.complaintStatus !== undefined
        ? {
            complaintStatus: update.complaintStatus,
            complaintReason: update.complaintStatus === "NOT_FILED" ? reason : null,
          }
        : {}),
    };
    await tx.incident.update({ where: { id }, data });
    await recordAudit(tx, actor, {
      action: "incident.steps_recorded",
      subjectType: "Incident",
      subjectId: id,
      locationId: incident.locationId,
      data: {
        managerInformed: !!data.managerInformedAt,
        vptReported: !!data.vptReportedAt,
        called112: !!data.called112At,
        complaintStatus: data.complaintStatus ?? incident.complaintStatus,
        complaintReasonGiven: !!(data.complaintReason ?? incident.complaintReason),
      },
      at: now,
    });
  });
}

/** The manager asked the victim about aftercare: the outcome (and a short note). */
export async function completeAftercare(
  ctx: DomainContext,
  actor: Actor,
  taskId: string,
  input: { outcome: AftercareOutcome; note?: string | null },
): Promise<void> {
  requirePermission(actor, "incidents.register");
  if (!AFTERCARE_OUTCOMES.includes(input.outcome)) invalid("outcome");
  const note = input.note?.trim() || null;
  if (note && note.length > NOTE_MAX) invalid("note", "too_long");
  const now = ctx.clock.now();
  await ctx.db.$transaction(async (tx) => {
    const task = await tx.incidentAftercareTask.findUnique({ where: { id: taskId } });
    if (!task) throw new AppError("NOT_FOUND");
    const incident = await loadForChange(tx, actor, task.incidentId, "manage");
    if (task.doneAt) throw new AppError("CONFLICT", "Already recorded");
    await tx.incidentAftercareTask.update({
      where: { id: taskId },
      data: { doneAt: now, doneById: staffId(actor), outcome: input.outcome, note },
    });
    await cancelJob(tx, aftercareJobKey(taskId));
    await recordAudit(tx, actor, {
      action: "incident.aftercare_recorded",
      subjectType: "Incident",
      subjectId: incident.id,
      locationId: incident.locationId,
      data: { taskId, kind: task.kind, outcome: input.outcome },
      at: now,
    });
  });
}

export interface ResponseInput {
  kind: ResponseKind;
  note?: string | null;
  /** A building ban: its last day's end (required for BUILDING_BAN). */
  banEndsAt?: Date | null;
  banReviewAt?: Date | null;
}

/**
 * The response to the perpetrator. A building ban (pandverbod) is created through the bans module,
 * so the kiosk matches it at the visitor's next check-in (the desk is alerted silently).
 */
export async function recordResponse(
  ctx: DomainContext,
  actor: Actor,
  id: string,
  input: ResponseInput,
): Promise<{ banId: string | null }> {
  requirePermission(actor, "incidents.register");
  if (!RESPONSE_KINDS.includes(input.kind)) invalid("kind");
  const note = input.note?.trim() || null;
  if (note && note.length > NOTE_MAX) invalid("note", "too_long");
  const now = ctx.clock.now();
  const incident = await ctx.db.$transaction((tx) => loadForChange(tx, actor, id, "manage"));
  if (incident.responseAt) throw new AppError("CONFLICT", "Already responded");
  let banId: string | null = null;
  if (input.kind === "BUILDING_BAN") {
    if (actor.type !== "STAFF") throw new AppError("FORBIDDEN");
    if (!incident.visitorId) invalid("kind", "visitor_unknown");
    if (!input.banEndsAt || Number.isNaN(input.banEndsAt.getTime())) invalid("banEndsAt", "required");
    const [me, location] = await Promise.all([
      ctx.db.staffMember.findUnique({ where: { id: actor.id }, select: { name: true } }),
      ctx.db.location.findUnique({ where: { id: incident.locationId }, select: { deskPhone: true } }),
    ]);
    const ban = await createBan(ctx, actor, {
      locationId: incident.locationId,
      scope: "BUILDING",
      reasonCategory: banReasonFor((incident.category ?? "JIJ_GEDRAG") as IncidentCategory),
      startsAt: now,
      endsAt: input.banEndsAt,
      reviewAt: input.banReviewAt ?? input.banEndsAt,
      contactName: me?.name ?? "—",
      contactPhone: location?.deskPhone ?? null,
      notes: `Incident ${incident.id}`,
      visitorId: incident.visitorId,
    });
    banId = ban.id;
  }
  await ctx.db.$transaction(async (tx) => {
    const done = await tx.incident.updateMany({
      where: { id, responseAt: null },
      data: { responseKind: input.kind, responseAt: now, responseNote: note, ...(banId ? { banId } : {}) },
    });
    if (done.count !== 1) throw new AppError("CONFLICT", "Already responded");
    await cancelJob(tx, responseReminderKey(id));
    await cancelJob(tx, responseOverdueKey(id));
    await recordAudit(tx, actor, {
      action: "incident.response_recorded",
      subjectType: "Incident",
      subjectId: id,
      locationId: incident.locationId,
      data: { kind: input.kind, banId, withinDeadline: !!incident.responseDueAt && now <= incident.responseDueAt },
      at: now,
    });
  });
  return { banId };
}

/** The step-plan state of a stored incident. */
export function stepStateOf(
  incident: {
    category: string | null;
    endedEarly: boolean | null;
    acuteDanger: boolean | null;
    managerInformedAt: Date | null;
    vptReportedAt: Date | null;
    called112At: Date | null;
    complaintStatus: string | null;
    complaintReason: string | null;
    responseAt: Date | null;
  },
  aftercare: { doneAt: Date | null }[],
): StepState {
  return {
    category: (incident.category ?? "IK_GEDRAG") as IncidentCategory,
    endedEarly: !!incident.endedEarly,
    acuteDanger: !!incident.acuteDanger,
    managerInformed: !!incident.managerInformedAt,
    vptReported: !!incident.vptReportedAt,
    called112: !!incident.called112At,
    complaintStatus: (incident.complaintStatus as ComplaintStatus | null) ?? null,
    complaintReason: incident.complaintReason,
    responded: !!incident.responseAt,
    aftercareOpen: aftercare.filter((t) => !t.doneAt).length,
  };
}

/** Closes an incident once nothing blocks it (manager informed; a complaint status or reason for physical violence). */
export async function closeIncident(ctx: DomainContext, actor: Actor, id: string): Promise<void> {
  requirePermission(actor, "incidents.register");
  const now = ctx.clock.now();
  await ctx.db.$transaction(async (tx) => {
    const incident = await loadForChange(tx, actor, id, "manage");
    if (incident.status === "CLOSED") throw new AppError("CONFLICT", "Already closed");
    const tasks = await tx.incidentAftercareTask.findMany({ where: { incidentId: id }, select: { doneAt: true } });
    const blockers = closeBlockers(stepStateOf(incident, tasks));
    if (blockers.length) {
      throw new AppError("VALIDATION", "Steps still open", { steps: blockers.map((b) => `blocked_${b}`) });
    }
    await tx.incident.update({ where: { id }, data: { status: "CLOSED", closedAt: now, closedById: staffId(actor) } });
    await recordAudit(tx, actor, {
      action: "incident.closed",
      subjectType: "Incident",
      subjectId: id,
      locationId: incident.locationId,
      at: now,
    });
  });
}

// Scheduler handlers: each marks what is due, once, and leaves a trace in the audit trail. The
// managers' lists (incident-lists.ts) show them as reminders and overdue tasks.

export async function aftercareDue(ctx: DomainContext, taskId: string): Promise<boolean> {
  const now = ctx.clock.now();
  const locationId = await ctx.db.$transaction(async (tx) => {
    const task = await tx.incidentAftercareTask.findUnique({ where: { id: taskId }, include: { incident: true } });
    if (!task || task.doneAt || task.remindedAt) return null;
    await tx.incidentAftercareTask.update({ where: { id: taskId }, data: { remindedAt: now } });
    await recordAudit(
      tx,
      { type: "SYSTEM" },
      {
        action: "incident.aftercare_due",
        subjectType: "Incident",
        subjectId: task.incidentId,
        locationId: task.incident.locationId,
        data: { taskId, kind: task.kind as AftercareKind },
        at: now,
      },
    );
    return task.incident.locationId;
  });
  return tasksChanged(ctx, locationId);
}

/** After a task became due: tells the location's screens (see "incident.tasks_changed"). */
function tasksChanged(ctx: DomainContext, locationId: string | null): boolean {
  if (locationId === null) return false;
  ctx.events.publish("incident.tasks_changed", { locationId });
  return true;
}

export async function responseReminder(ctx: DomainContext, incidentId: string): Promise<boolean> {
  return markResponse(ctx, incidentId, "responseRemindedAt", "incident.response_reminder");
}

export async function responseOverdue(ctx: DomainContext, incidentId: string): Promise<boolean> {
  return markResponse(ctx, incidentId, "responseOverdueAt", "incident.response_overdue");
}

async function markResponse(
  ctx: DomainContext,
  incidentId: string,
  field: "responseRemindedAt" | "responseOverdueAt",
  action: string,
): Promise<boolean> {
  const now = ctx.clock.now();
  const locationId = await ctx.db.$transaction(async (tx) => {
    const done = await tx.incident.updateMany({
      where: { id: incidentId, responseAt: null, [field]: null },
      data: { [field]: now },
    });
    if (done.count !== 1) return null;
    const incident = await tx.incident.findUniqueOrThrow({ where: { id: incidentId }, select: { locationId: true } });
    await recordAudit(
      tx,
      { type: "SYSTEM" },
      {
        action,
        subjectType: "Incident",
        subjectId: incidentId,
        locationId: incident.locationId,
        at: now,
      },
    );
    return incident.locationId;
  });
  return tasksChanged(ctx, locationId);
}
