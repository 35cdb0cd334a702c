// Reading incidents: one incident with its step plan, aftercare and the location's contacts
// (every read by someone other than its author is an audit event), the prefill of a DRAFT from
// its alarm, and the managers' lists (open incidents, overdue tasks, per location).
import type { Actor } from "@/src/domain/access/actor";
import { canSeeLocation, requirePermission } from "@/src/domain/access/permissions";
import { recordAudit } from "@/src/domain/audit/record-audit";
import type { DomainContext } from "@/src/domain/db";
import { AppError } from "@/src/domain/errors";
import { incidentAccess, isLocationManager, safetyOfficerLocations } from "@/src/domain/incidents/incident-access";
import { stepStateOf } from "@/src/domain/incidents/incidents";
import { closeBlockers, type Step, type StepKey, stepPlan } from "@/src/domain/incidents/step-plan";
import { displayName } from "@/src/domain/visits/visit-summary";

/** Police numbers the framework names; the location adds its own contacts. */
export const POLICE_EMERGENCY = "112";
export const POLICE_NON_EMERGENCY = "0900-8844";

export interface IncidentContacts {
  safetyOfficer: { id: string; name: string; email: string } | null;
  neighbourhoodOfficer: string;
  emergencyContacts: string;
  deskPhone: string | null;
  police: { emergency: string; nonEmergency: string };
}

export interface AftercareTaskView {
  id: string;
  kind: string;
  dueAt: string;
  remindedAt: string | null;
  doneAt: string | null;
  outcome: string | null;
  note: string | null;
  overdue: boolean;
}

export interface IncidentDetail {
  id: string;
  status: string;
  locationId: string;
  locationName: string;
  timeZone: string;
  alarmId: string | null;
  occurredAt: string;
  roomName: string | null;
  affectedStaffName: string | null;
  visitorName: string | null;
  visitorId: string | null;
  category: string | null;
  description: string | null;
  endedEarly: boolean;
  acuteDanger: boolean;
  registeredAt: string | null;
  managerInformedAt: string | null;
  vptReportedAt: string | null;
  called112At: string | null;
  complaintStatus: string | null;
  complaintReason: string | null;
  responseDueAt: string | null;
  responseKind: string | null;
  responseAt: string | null;
  responseNote: string | null;
  responseOverdue: boolean;
  banId: string | null;
  closedAt: string | null;
  steps: Step[];
  blockers: StepKey[];
  aftercare: AftercareTaskView[];
  contacts: IncidentContacts;
  canManage: boolean;
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** One incident for someone with need to know; a read by anyone but its author is audited. */
export async function getIncident(ctx: DomainContext, actor: Actor, id: string): Promise<IncidentDetail> {
  requirePermission(actor, "incidents.register");
  const now = ctx.clock.now();
  const incident = await ctx.db.incident.findUnique({
    where: { id },
    include: { aftercare: { orderBy: { dueAt: "asc" } } },
  });
  if (!incident) throw new AppError("NOT_FOUND");
  const access = await incidentAccess(ctx.db, actor, incident);
  if (!access.view) throw new AppError("NOT_FOUND");
  const [location, room, affected, visitor] = await Promise.all([
    ctx.db.location.findUniqueOrThrow({ where: { id: incident.locationId } }),
    incident.roomId ? ctx.db.room.findUnique({ where: { id: incident.roomId }, select: { name: true } }) : null,
    incident.affectedStaffId
      ? ctx.db.staffMember.findUnique({ where: { id: incident.affectedStaffId }, select: { name: true } })
      : null,
    incident.visitorId
      ? ctx.db.visitor.findUnique({ where: { id: incident.visitorId }, select: { firstName: true, lastName: true } })
      : null,
  ]);
  const officer = location.safetyOfficerId
    ? await ctx.db.staffMember.findUnique({
        where: { id: location.safetyOfficerId },
        select: { id: true, name: true, email: true },
      })
    : null;
  if (!access.author) {
    await ctx.db.$transaction((tx) =>
      recordAudit(tx, actor, {
        action: "incident.viewed",
        subjectType: "Incident",
        subjectId: id,
        locationId: incident.locationId,
        at: now,
      }),
    );
  }
  const state = stepStateOf(incident, incident.aftercare);
  return {
    id: incident.id,
    status: incident.status,
    locationId: incident.locationId,
    locationName: location.name,
    timeZone: location.timeZone,
    alarmId: incident.alarmId,
    occurredAt: incident.occurredAt.toISOString(),
    roomName: room?.name ?? null,
    affectedStaffName: affected?.name ?? null,
    visitorName: visitor ? [visitor.firstName, visitor.lastName].filter(Boolean).join(" ") : null,
    visitorId: incident.visitorId,
    category: incident.category,
    description: incident.description,
    endedEarly: !!incident.endedEarly,
    acuteDanger: !!incident.acuteDanger,
    registeredAt: iso(incident.registeredAt),
    managerInformedAt: iso(incident.managerInformedAt),
    vptReportedAt: iso(incident.vptReportedAt),
    called112At: iso(incident.called112At),
    complaintStatus: incident.complaintStatus,
    complaintReason: incident.complaintReason,
    responseDueAt: iso(incident.responseDueAt),
    responseKind: incident.responseKind,
    responseAt: iso(incident.responseAt),
    responseNote: incident.responseNote,
    responseOverdue: !incident.responseAt && !!incident.responseDueAt && incident.responseDueAt <= now,
    banId: incident.banId,
    closedAt: iso(incident.closedAt),
    steps: incident.status === "DRAFT" ? [] : stepPlan(state),
    blockers: incident.status === "DRAFT" ? [] : closeBlockers(state),
    aftercare: incident.aftercare.map((t) => ({
      id: t.id,
      kind: t.kind,
      dueAt: t.dueAt.toISOString(),
      remindedAt: iso(t.remindedAt),
      doneAt: iso(t.doneAt),
      outcome: t.outcome,
      note: t.note,
      overdue: !t.doneAt && t.dueAt <= now,
    })),
    contacts: {
      safetyOfficer: officer,
      neighbourhoodOfficer: location.neighbourhoodOfficer ?? "",
      emergencyContacts: location.emergencyContacts,
      deskPhone: location.deskPhone,
      police: { emergency: POLICE_EMERGENCY, nonEmergency: POLICE_NON_EMERGENCY },
    },
    canManage: access.manage,
  };
}

export interface DraftPrefill {
  incidentId: string;
  locationId: string;
  occurredAt: string;
  roomId: string | null;
  affectedStaffId: string | null;
  visitorId: string | null;
  visitorName: string | null;
}

/**
 * What an alarm's DRAFT already knows: the location, the time the alarm was raised, its room, and
 * the visit going on in that room then (its host is the staff member affected, its visitor the
 * visitor involved), for the registering person to check.
 */
export async function draftPrefill(ctx: DomainContext, actor: Actor, incidentId: string): Promise<DraftPrefill> {
  requirePermission(actor, "incidents.register");
  const incident = await ctx.db.incident.findUnique({ where: { id: incidentId } });
  if (!incident || !(await incidentAccess(ctx.db, actor, incident)).view) throw new AppError("NOT_FOUND");
  if (incident.status !== "DRAFT") throw new AppError("CONFLICT", "Already registered");
  const alarm = incident.alarmId
    ? await ctx.db.alarm.findUnique({ where: { id: incident.alarmId }, select: { roomId: true, raisedAt: true } })
    : null;
  const visit = alarm?.roomId
    ? await ctx.db.visit.findFirst({
        where: {
          roomId: alarm.roomId,
          checkedInAt: { lte: alarm.raisedAt },
          OR: [{ checkedOutAt: null }, { checkedOutAt: { gte: alarm.raisedAt } }],
        },
        orderBy: { checkedInAt: "desc" },
        select: { hostId: true, visitor: { select: { id: true, firstName: true, lastName: true } } },
      })
    : null;
  return {
    incidentId,
    locationId: incident.locationId,
    occurredAt: incident.occurredAt.toISOString(),
    roomId: alarm?.roomId ?? null,
    affectedStaffId: visit?.hostId ?? null,
    visitorId: visit?.visitor?.id ?? null,
    visitorName: visit?.visitor ? [visit.visitor.firstName, visit.visitor.lastName].filter(Boolean).join(" ") : null,
  };
}

/** How far back the registration form lists the location's visitors to choose from. */
export const RECENT_VISITORS_HOURS = 24;

export interface RecentVisitor {
  visitorId: string;
  /** First name and initial, as the desk sees them. */
  name: string;
  /** Their latest check-in here in the period. */
  checkedInAt: string;
}

/**
 * The visitors who checked in at a location in the last RECENT_VISITORS_HOURS, latest first: the
 * registering person picks the visitor involved by name instead of looking up a number. No more
 * than the desk's register shows (first name and initial, the time).
 */
export async function recentVisitorsAt(ctx: DomainContext, actor: Actor, locationId: string): Promise<RecentVisitor[]> {
  requirePermission(actor, "incidents.register");
  if (!canSeeLocation(actor, locationId)) throw new AppError("NOT_FOUND");
  const since = new Date(ctx.clock.now().getTime() - RECENT_VISITORS_HOURS * 3_600_000);
  const visits = await ctx.db.visit.findMany({
    where: { locationId, checkedInAt: { gte: since }, visitorId: { not: null } },
    orderBy: { checkedInAt: "desc" },
    select: { checkedInAt: true, visitor: { select: { id: true, firstName: true, lastName: true } } },
    take: 500,
  });
  const seen = new Map<string, RecentVisitor>();
  for (const v of visits) {
    if (!v.visitor || seen.has(v.visitor.id)) continue;
    seen.set(v.visitor.id, {
      visitorId: v.visitor.id,
      name: displayName(v.visitor),
      checkedInAt: v.checkedInAt.toISOString(),
    });
  }
  return [...seen.values()];
}

export interface IncidentListItem {
  id: string;
  status: string;
  locationId: string;
  locationName: string;
  occurredAt: string;
  category: string | null;
  responseDueAt: string | null;
  responseOverdue: boolean;
  responded: boolean;
  openAftercare: number;
  overdueAftercare: number;
  blockers: StepKey[];
}

export interface OverdueTask {
  incidentId: string;
  locationName: string;
  kind: "RESPONSE" | "AFTERCARE_FIRST" | "AFTERCARE_FOLLOW_UP" | "AFTERCARE_FINAL";
  dueAt: string;
}

/**
 * The managers' lists: every incident not closed (drafts too) at the locations the actor manages
 * or is the safety officer of, plus those they wrote or are affected by; and the overdue tasks.
 */
export async function listOpenIncidents(
  ctx: DomainContext,
  actor: Actor,
  filter: { locationId?: string | null } = {},
): Promise<{ incidents: IncidentListItem[]; overdue: OverdueTask[]; managed: boolean }> {
  requirePermission(actor, "incidents.register");
  if (actor.type !== "STAFF") throw new AppError("FORBIDDEN");
  const now = ctx.clock.now();
  const officerOf = await safetyOfficerLocations(ctx.db, actor);
  const managedLocations =
    actor.role === "ADMIN"
      ? null
      : [...new Set([...actor.locationIds.filter((l) => isLocationManager(actor, l)), ...officerOf])];
  const mine = [{ createdById: actor.id }, { registeredById: actor.id }, { affectedStaffId: actor.id }];
  const scope = managedLocations === null ? {} : { OR: [{ locationId: { in: managedLocations } }, ...mine] };
  const where = {
    status: { not: "CLOSED" },
    ...scope,
    ...(filter.locationId && canSeeLocation(actor, filter.locationId) ? { locationId: filter.locationId } : {}),
  };
  const rows = await ctx.db.incident.findMany({
    where,
    include: { aftercare: true },
    orderBy: { occurredAt: "desc" },
    take: 500,
  });
  const names = new Map(
    (
      await ctx.db.location.findMany({
        where: { id: { in: [...new Set(rows.map((r) => r.locationId))] } },
        select: { id: true, name: true },
      })
    ).map((l) => [l.id, l.name]),
  );
  const overdue: OverdueTask[] = [];
  const incidents = rows.map((r) => {
    const locationName = names.get(r.locationId) ?? "";
    const responseOverdue = r.status !== "DRAFT" && !r.responseAt && !!r.responseDueAt && r.responseDueAt <= now;
    if (responseOverdue) {
      overdue.push({ incidentId: r.id, locationName, kind: "RESPONSE", dueAt: r.responseDueAt!.toISOString() });
    }
    const late = r.aftercare.filter((t) => !t.doneAt && t.dueAt <= now);
    for (const t of late) {
      overdue.push({
        incidentId: r.id,
        locationName,
        kind: `AFTERCARE_${t.kind}` as OverdueTask["kind"],
        dueAt: t.dueAt.toISOString(),
      });
    }
    return {
      id: r.id,
      status: r.status,
      locationId: r.locationId,
      locationName,
      occurredAt: r.occurredAt.toISOString(),
      category: r.category,
      responseDueAt: iso(r.responseDueAt),
      responseOverdue,
      responded: !!r.responseAt,
      openAftercare: r.aftercare.filter((t) => !t.doneAt).length,
      overdueAftercare: late.length,
      blockers: r.status === "DRAFT" ? [] : closeBlockers(stepStateOf(r, r.aftercare)),
    };
  });
  overdue.sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  return { incidents, overdue, managed: managedLocations === null || managedLocations.length > 0 };
}
