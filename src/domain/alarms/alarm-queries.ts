// Reading alarms: what a (re)connecting pager, the desk, a reloaded tablet and the shift briefing
// see, whom an alarm would page now, and each alarm's timeline (audit events and pages). The
// changes themselves are in alarms.ts.
import type { Actor } from "@/src/domain/access/actor";
import { can, canSeeLocation, requirePermission } from "@/src/domain/access/permissions";
import { type AlarmView, loadAlarmView, loadAlarmViews } from "@/src/domain/alarms/alarm-view";
import { liveTablet } from "@/src/domain/alarms/alarms";
import { pagingTargets } from "@/src/domain/alarms/incident-team";
import { recordAudit } from "@/src/domain/audit/record-audit";
import type { Db, DomainContext, Tx } from "@/src/domain/db";
import { AppError } from "@/src/domain/errors";

export interface AlarmTimelineEntry {
  at: string;
  kind:
    | "raised"
    | "joined"
    | "cancelled"
    | "opened"
    | "paged"
    | "delivered"
    | "seen"
    | "coming"
    | "cant"
    | "escalated"
    | "closed";
  /** The responder (paged, delivered, seen, coming, cant) or the staff member who closed it. */
  staffId: string | null;
  name: string | null;
  /** escalated: 1 (all present staff paged) or 2 (desk told to call 112). */
  step?: number;
  /** Extra details from the audit event (level, source, outcome, note, basis …). */
  data?: Record<string, unknown>;
}

export interface AlarmTimeline {
  alarm: AlarmView;
  entries: AlarmTimelineEntry[];
}

/** Open alarms this person has been paged for: what a (re)connecting pager must receive. */
export async function openAlarmsForStaff(ctx: DomainContext, staffId: string): Promise<AlarmView[]> {
  // The open alarms first (few, often none), then which of them paged this person.
  const open = await ctx.db.alarm.findMany({ where: { status: "OPEN" }, select: { id: true } });
  if (!open.length) return [];
  const paged = await ctx.db.alarmPage.findMany({
    where: { staffId, alarmId: { in: open.map((a) => a.id) } },
    select: { alarmId: true },
  });
  if (!paged.length) return [];
  return loadAlarmViews(ctx.db, { status: "OPEN", id: { in: paged.map((p) => p.alarmId) } });
}

/** Open alarms of a location (the desk, and responders looking at the list). */
export async function openAlarmsAt(ctx: DomainContext, actor: Actor, locationId: string): Promise<AlarmView[]> {
  if (!can(actor, "alarms.manage") && !can(actor, "alarms.respond")) throw new AppError("FORBIDDEN");
  if (!canSeeLocation(actor, locationId)) throw new AppError("NOT_FOUND");
  return loadAlarmViews(ctx.db, { locationId, status: "OPEN" });
}

/** The tablet's alarm after a reload: the room's open alarm, or its own one still in the cancel window. */
export async function roomAlarm(ctx: DomainContext, actor: Actor): Promise<AlarmView | null> {
  if (actor.type !== "DEVICE") throw new AppError("FORBIDDEN");
  requirePermission(actor, "alarms.raise");
  const device = await liveTablet(ctx.db, actor);
  if (!device.roomId) return null;
  const [alarm] = await loadAlarmViews(
    ctx.db,
    {
      roomId: device.roomId,
      test: false,
      OR: [{ status: "OPEN" }, { status: "PENDING", deviceId: device.id }],
    },
    1,
  );
  return alarm ?? null;
}

/** Whom an alarm would page right now at the actor's location (a tablet: its own; staff: `locationId`). */
export async function respondersNow(ctx: DomainContext, actor: Actor, locationId?: string): Promise<string[]> {
  if (!can(actor, "alarms.raise") && !can(actor, "alarms.manage") && !can(actor, "alarms.respond")) {
    throw new AppError("FORBIDDEN");
  }
  if (actor.type === "DEVICE" && actor.kind === "ROOM_TABLET") await liveTablet(ctx.db, actor);
  const id = locationId ?? (actor.type === "DEVICE" ? actor.locationId : undefined);
  if (!id) throw new AppError("VALIDATION", "Which location?");
  if (!canSeeLocation(actor, id)) throw new AppError("NOT_FOUND");
  const location = await ctx.db.location.findUnique({ where: { id }, select: { id: true, timeZone: true } });
  if (!location) throw new AppError("NOT_FOUND");
  return (await pagingTargets(ctx.db, location, ctx.clock.now())).staffIds;
}

const TIMELINE_KINDS: Record<string, AlarmTimelineEntry["kind"]> = {
  "alarm.raised": "raised",
  "alarm.joined": "joined",
  "alarm.cancelled": "cancelled",
  "alarm.opened": "opened",
  "alarm.escalated": "escalated",
  "alarm.closed": "closed",
};

/**
 * Raised, paged, delivered, seen, answered, escalated, closed — with times. Alarm-level steps and
 * every answer come from the audit events; paged/delivered/seen from the pages.
 */
export async function alarmTimeline(ctx: DomainContext, actor: Actor, alarmId: string): Promise<AlarmTimeline> {
  if (!can(actor, "alarms.manage") && !can(actor, "alarms.test")) throw new AppError("FORBIDDEN");
  const alarm = await loadAlarmView(ctx.db, alarmId);
  if (!alarm || !canSeeLocation(actor, alarm.locationId)) throw new AppError("NOT_FOUND");
  const events = await ctx.db.auditEvent.findMany({
    where: { subjectType: "Alarm", subjectId: alarmId },
    orderBy: [{ at: "asc" }, { id: "asc" }],
  });
  const names = new Map(alarm.responders.map((r) => [r.staffId, r.name]));
  const actorIds = events.filter((e) => e.actorType === "STAFF" && e.actorId && !names.has(e.actorId));
  if (actorIds.length) {
    const staff = await ctx.db.staffMember.findMany({
      where: { id: { in: actorIds.map((e) => e.actorId as string) } },
      select: { id: true, name: true },
    });
    for (const s of staff) names.set(s.id, s.name);
  }
  const entries: AlarmTimelineEntry[] = [];
  for (const e of events) {
    const data = e.data ? (JSON.parse(e.data) as Record<string, unknown>) : {};
    const staffActor = e.actorType === "STAFF" ? e.actorId : null;
    if (e.action === "alarm.responded") {
      const staffId = String(data.staffId ?? staffActor ?? "");
      entries.push({
        at: e.at.toISOString(),
        kind: data.response === "COMING" ? "coming" : "cant",
        staffId,
        name: names.get(staffId) ?? null,
        data,
      });
      continue;
    }
    const kind = TIMELINE_KINDS[e.action];
    if (!kind) continue; // delivered/seen: from the pages below
    entries.push({
      at: e.at.toISOString(),
      kind,
      staffId: staffActor,
      name: staffActor ? (names.get(staffActor) ?? null) : null,
      ...(kind === "escalated" ? { step: Number(data.step) } : {}),
      data,
    });
  }
  for (const r of alarm.responders) {
    const who = { staffId: r.staffId, name: r.name };
    entries.push({ at: r.pagedAt, kind: "paged", ...who, data: { round: r.round } });
    if (r.deliveredAt) entries.push({ at: r.deliveredAt, kind: "delivered", ...who });
    if (r.seenAt) entries.push({ at: r.seenAt, kind: "seen", ...who });
  }
  const order: AlarmTimelineEntry["kind"][] = [
    "raised",
    "joined",
    "cancelled",
    "opened",
    "escalated",
    "paged",
    "delivered",
    "seen",
    "coming",
    "cant",
    "closed",
  ];
  // Same instant: the cause first (opened/escalated before the pages they made).
  entries.sort((a, b) => a.at.localeCompare(b.at) || order.indexOf(a.kind) - order.indexOf(b.kind));
  // Reading an alarm's record (who was there, who came, how it ended) is itself audited.
  await ctx.db.$transaction((tx) =>
    recordAudit(tx, actor, {
      action: "alarm.timeline_viewed",
      subjectType: "Alarm",
      subjectId: alarmId,
      locationId: alarm.locationId,
      at: ctx.clock.now(),
    }),
  );
  return { alarm, entries };
}

/**
 * The shift briefing's alarms: raised since `since`, and any still open from before; newest first.
 * Cancelled ones (inside the presser's window: nobody was paged) are left out.
 */
export async function alarmsSince(db: Db | Tx, locationId: string, since: Date): Promise<AlarmView[]> {
  return loadAlarmViews(
    db,
    { locationId, status: { not: "CANCELLED" }, OR: [{ raisedAt: { gte: since } }, { status: "OPEN" }] },
    100,
  );
}
