// Reading the audit trail: filters by actor, subject, action and time, newest first, a page at a
// time. Managers see their own locations' events; admins and the privacy officer see everything.
// Who performed each event is resolved to a name (staff) or device name for display.
import type { Actor } from "@/src/domain/access/actor";
import { requirePermission } from "@/src/domain/access/permissions";
import { recordAudit } from "@/src/domain/audit/record-audit";
import type { DomainContext } from "@/src/domain/db";
import type { Prisma } from "@/src/generated/prisma/client";

export const AUDIT_PAGE_SIZE = 50;

export interface AuditFilter {
  /** Staff member or device id, or "SYSTEM" for the system's own events. */
  actor?: string;
  subjectType?: string;
  subjectId?: string;
  /** An exact action ("visit.checked_in") or a prefix ending in "." ("alarm."). */
  action?: string;
  locationId?: string;
  from?: Date;
  to?: Date;
  /** Events with an id below this one (the next page). */
  before?: number;
}

export interface AuditRow {
  id: number;
  at: string;
  actorType: string;
  actorId: string | null;
  /** The staff member's or device's name, where known. */
  actorName: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  locationId: string | null;
  data: string | null;
  sealed: boolean;
}

export interface AuditPage {
  rows: AuditRow[];
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextBefore: number | null;
}

const seesEverything = (actor: Actor) =>
  actor.type === "SYSTEM" || (actor.type === "STAFF" && (actor.role === "ADMIN" || actor.role === "PRIVACY"));

export function auditWhere(actor: Actor, f: AuditFilter): Prisma.AuditEventWhereInput {
  const and: Prisma.AuditEventWhereInput[] = [];
  if (!seesEverything(actor)) {
    const mine = actor.type === "STAFF" ? actor.locationIds : actor.type === "DEVICE" ? [actor.locationId] : [];
    and.push({ locationId: { in: mine } });
  }
  if (f.actor) and.push(f.actor === "SYSTEM" ? { actorType: "SYSTEM" } : { actorId: f.actor });
  if (f.subjectType) and.push({ subjectType: f.subjectType });
  if (f.subjectId) and.push({ subjectId: f.subjectId });
  if (f.action) and.push(f.action.endsWith(".") ? { action: { startsWith: f.action } } : { action: f.action });
  if (f.locationId) and.push({ locationId: f.locationId });
  if (f.from) and.push({ at: { gte: f.from } });
  if (f.to) and.push({ at: { lte: f.to } });
  if (f.before) and.push({ id: { lt: f.before } });
  return { AND: and };
}

/** One page of the trail. Looking is recorded too (`audit.searched`, with the filter). */
export async function queryAuditLog(ctx: DomainContext, actor: Actor, filter: AuditFilter): Promise<AuditPage> {
  requirePermission(actor, "audit.view");
  await ctx.db.$transaction((tx) =>
    recordAudit(tx, actor, {
      action: "audit.searched",
      data: { ...filter, from: filter.from?.toISOString(), to: filter.to?.toISOString() },
      at: ctx.clock.now(),
    }),
  );
  const events = await ctx.db.auditEvent.findMany({
    where: auditWhere(actor, filter),
    orderBy: { id: "desc" },
    take: AUDIT_PAGE_SIZE + 1,
  });
  const page = events.slice(0, AUDIT_PAGE_SIZE);
  const ids = (type: string) => [
    ...new Set(page.filter((e) => e.actorType === type && e.actorId).map((e) => e.actorId as string)),
  ];
  const [staff, devices] = await Promise.all([
    ctx.db.staffMember.findMany({ where: { id: { in: ids("STAFF") } }, select: { id: true, name: true } }),
    ctx.db.device.findMany({ where: { id: { in: ids("DEVICE") } }, select: { id: true, name: true } }),
  ]);
  const names = new Map([...staff, ...devices].map((x) => [x.id, x.name]));
  return {
    rows: page.map((e) => ({
      id: e.id,
      at: e.at.toISOString(),
      actorType: e.actorType,
      actorId: e.actorId,
      actorName: e.actorId ? (names.get(e.actorId) ?? null) : null,
      action: e.action,
      subjectType: e.subjectType,
      subjectId: e.subjectId,
      locationId: e.locationId,
      data: e.data,
      sealed: e.hash != null,
    })),
    nextBefore: events.length > AUDIT_PAGE_SIZE ? page[page.length - 1].id : null,
  };
}
