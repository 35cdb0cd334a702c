// Visitors and clients as the desk finds them: search by name, a visitor's page, their visit history
// (managers only, and every reading is audited: that someone visited a mental-health walk-in is
// itself sensitive), and the client pass (toegangspas) with its opaque id.
//
// A visitor has no location of their own. A staff member finds those who visited, or have an
// appointment at, one of their locations — plus people with neither yet (a pass issued at the desk
// before a first visit) — so a receptionist at one office cannot browse another's clients.

import type { Actor } from "@/src/domain/access/actor";
import { can, requirePermission } from "@/src/domain/access/permissions";
import { recordAudit } from "@/src/domain/audit/record-audit";
import type { DomainContext } from "@/src/domain/db";
import { containsText } from "@/src/domain/db-provider";
import { AppError } from "@/src/domain/errors";
import { newPassId } from "@/src/domain/visits/scan-classify";
import type { Prisma } from "@/src/generated/prisma/client";
import type { VisitMethod, VisitStatus } from "@/src/generated/prisma/enums";

type StaffActor = Actor & { type: "STAFF" };

function staffWith(actor: Actor | null, permission: "visitors.manage" | "visitors.history"): StaffActor {
  const a = requirePermission(actor, permission);
  if (a.type !== "STAFF") throw new AppError("FORBIDDEN");
  return a;
}

/** Visitors this staff member may find (see the module comment). */
function visibleTo(actor: StaffActor): Prisma.VisitorWhereInput {
  if (actor.role === "ADMIN") return {};
  const at = { locationId: { in: actor.locationIds } };
  return {
    OR: [
      { visits: { some: at } },
      { appointments: { some: at } },
      { AND: [{ visits: { none: {} } }, { appointments: { none: {} } }] },
    ],
  };
}

export interface VisitorListItem {
  id: string;
  firstName: string;
  lastName: string | null;
  /** Has a client pass (the id itself is shown only on the visitor's page and the printed card). */
  hasPass: boolean;
}

/** Visitors whose first or last name contains every word of the query (at most 50). */
export async function searchVisitors(
  ctx: DomainContext,
  actorIn: Actor | null,
  query: string,
): Promise<VisitorListItem[]> {
  const actor = staffWith(actorIn, "visitors.manage");
  const words = query.trim().split(/\s+/).filter(Boolean).slice(0, 4);
  if (!words.length) return [];
  const rows = await ctx.db.visitor.findMany({
    where: {
      AND: [
        visibleTo(actor),
        ...words.map((w) => ({
          OR: [{ firstName: containsText(ctx.db, w) }, { lastName: containsText(ctx.db, w) }],
        })),
      ],
    },
    select: { id: true, firstName: true, lastName: true, passId: true },
    orderBy: [{ lastName: "asc" }, { firstName: "asc" }],
    take: 50,
  });
  return rows.map((v) => ({ id: v.id, firstName: v.firstName, lastName: v.lastName, hasPass: !!v.passId }));
}

export interface VisitorDetail {
  id: string;
  firstName: string;
  lastName: string | null;
  dateOfBirth: string | null;
  age: number | null;
  passId: string | null;
  passIssuedAt: string | null;
}

/** One visitor the actor may see, or NOT_FOUND. Document data is never part of it. */
export async function getVisitor(ctx: DomainContext, actorIn: Actor | null, id: string): Promise<VisitorDetail> {
  const actor = staffWith(actorIn, "visitors.manage");
  const v = await ctx.db.visitor.findFirst({ where: { AND: [{ id }, visibleTo(actor)] } });
  if (!v) throw new AppError("NOT_FOUND");
  return {
    id: v.id,
    firstName: v.firstName,
    lastName: v.lastName,
    dateOfBirth: v.dateOfBirth,
    age: v.age,
    passId: v.passId,
    passIssuedAt: v.passIssuedAt?.toISOString() ?? null,
  };
}

export interface HistoryVisit {
  id: string;
  locationName: string;
  timeZone: string;
  checkedInAt: string;
  checkedOutAt: string | null;
  status: VisitStatus;
  method: VisitMethod;
  hostName: string | null;
  roomName: string | null;
}

/**
 * A visitor's visits at the actor's locations, newest first (at most 200). Managers and admins
 * only; the reading itself is written to the audit trail.
 */
export async function visitHistory(ctx: DomainContext, actorIn: Actor | null, visitorId: string) {
  const actor = staffWith(actorIn, "visitors.history");
  const now = ctx.clock.now();
  return ctx.db.$transaction(async (tx) => {
    const v = await tx.visitor.findFirst({
      where: { AND: [{ id: visitorId }, visibleTo(actor)] },
      select: { id: true },
    });
    if (!v) throw new AppError("NOT_FOUND");
    const visits = await tx.visit.findMany({
      where: { visitorId, ...(actor.role === "ADMIN" ? {} : { locationId: { in: actor.locationIds } }) },
      include: {
        location: { select: { name: true, timeZone: true } },
        host: { select: { name: true } },
        room: { select: { name: true } },
      },
      orderBy: { checkedInAt: "desc" },
      take: 200,
    });
    await recordAudit(tx, actor, {
      action: "visitor.history_viewed",
      subjectType: "Visitor",
      subjectId: visitorId,
      data: { visits: visits.length },
      at: now,
    });
    return visits.map(
      (x): HistoryVisit => ({
        id: x.id,
        locationName: x.location.name,
        timeZone: x.location.timeZone,
        checkedInAt: x.checkedInAt.toISOString(),
        checkedOutAt: x.checkedOutAt?.toISOString() ?? null,
        status: x.status,
        method: x.method,
        hostName: x.host?.name ?? null,
        roomName: x.room?.name ?? null,
      }),
    );
  });
}

/** May this actor read visit histories at all (for showing the section)? */
export const mayReadHistory = (actor: Actor) => can(actor, "visitors.history");

/**
 * Issues a new client pass: a fresh opaque id in the kiosk's pass format (`PP1.` + 16 characters,
 * src/domain/visits/scan-classify.ts). It replaces any earlier id, so a lost pass stops working;
 * bans recorded against the old id follow the visitor to the new one.
 */
export async function issuePass(ctx: DomainContext, actorIn: Actor | null, visitorId: string) {
  const actor = staffWith(actorIn, "visitors.manage");
  const now = ctx.clock.now();
  return ctx.db.$transaction(async (tx) => {
    const v = await tx.visitor.findFirst({ where: { AND: [{ id: visitorId }, visibleTo(actor)] } });
    if (!v) throw new AppError("NOT_FOUND");
    // ~79 random bits: a collision is practically impossible, but the column is unique, so check.
    let passId = newPassId();
    while (await tx.visitor.findUnique({ where: { passId }, select: { id: true } })) passId = newPassId();
    await tx.visitor.update({ where: { id: v.id }, data: { passId, passIssuedAt: now } });
    if (v.passId) await tx.ban.updateMany({ where: { passId: v.passId }, data: { passId } });
    await recordAudit(tx, actor, {
      action: "visitor.pass_issued",
      subjectType: "Visitor",
      subjectId: v.id,
      // Not the pass id: it is what opens the door for this person.
      data: { replaced: !!v.passId },
      at: now,
    });
    return { passId, passIssuedAt: now.toISOString(), replaced: !!v.passId };
  });
}

/** What the printed pass shows: first name and pass id (nothing else about the person). */
export async function passCardDetails(ctx: DomainContext, actorIn: Actor | null, visitorId: string) {
  const v = await getVisitor(ctx, actorIn, visitorId);
  if (!v.passId) throw new AppError("NOT_FOUND");
  return { firstName: v.firstName, passId: v.passId };
}

/** Records that a pass card was printed (a second copy of a door credential is worth knowing about). */
export async function recordPassPrinted(ctx: DomainContext, actorIn: Actor | null, visitorId: string) {
  const actor = staffWith(actorIn, "visitors.manage");
  await ctx.db.$transaction((tx) =>
    recordAudit(tx, actor, {
      action: "visitor.pass_printed",
      subjectType: "Visitor",
      subjectId: visitorId,
      at: ctx.clock.now(),
    }),
  );
}
