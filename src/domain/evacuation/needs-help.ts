// "Needs help to evacuate" (issue 6, part 8): one yes/no per person, declared by the staff member
// (or set by an admin), and by a visitor at the kiosk when checking in (or for them by the desk).
// Optional, nothing more is stored (no reason, no condition), and only marshals see it, on the
// roll call of a running evacuation.
import type { Actor } from "@/src/domain/access/actor";
import { canSeeLocation, requirePermission } from "@/src/domain/access/permissions";
import { recordAudit } from "@/src/domain/audit/record-audit";
import type { DomainContext } from "@/src/domain/db";
import { AppError } from "@/src/domain/errors";
import { OPEN_VISIT } from "@/src/domain/visits/capacity";
import type { KioskDevice } from "@/src/domain/visits/kiosk-check-in";
import { recordLeaveCodeMiss, refuseBlockedLeaveCode } from "@/src/domain/visits/leave-code-throttle";

/** A staff member's own flag. */
export async function setOwnEvacuationHelp(ctx: DomainContext, actor: Actor, on: boolean): Promise<boolean> {
  requirePermission(actor, "evacuation.declare_help");
  if (actor.type !== "STAFF") throw new AppError("FORBIDDEN");
  return setStaffFlag(ctx, actor, actor.id, on);
}

/** An admin sets a staff member's flag. */
export async function setStaffEvacuationHelp(
  ctx: DomainContext,
  actor: Actor,
  staffId: string,
  on: boolean,
): Promise<boolean> {
  requirePermission(actor, "staff.manage");
  return setStaffFlag(ctx, actor, staffId, on);
}

async function setStaffFlag(ctx: DomainContext, actor: Actor, staffId: string, on: boolean) {
  const now = ctx.clock.now();
  await ctx.db.$transaction(async (tx) => {
    const s = await tx.staffMember.findUnique({ where: { id: staffId }, select: { needsEvacuationHelp: true } });
    if (!s) throw new AppError("NOT_FOUND");
    if (s.needsEvacuationHelp === on) return;
    await tx.staffMember.update({ where: { id: staffId }, data: { needsEvacuationHelp: on } });
    await recordAudit(tx, actor, {
      action: "staff.evacuation_help_changed",
      subjectType: "StaffMember",
      subjectId: staffId,
      data: { needsEvacuationHelp: on },
      at: now,
    });
  });
  return on;
}

/** The desk sets a visitor's flag (the visitor asked, or it is obvious). */
export async function setVisitorEvacuationHelp(
  ctx: DomainContext,
  actor: Actor,
  visitorId: string,
  on: boolean,
): Promise<boolean> {
  requirePermission(actor, "visitors.manage");
  const v = await ctx.db.visitor.findUnique({
    where: { id: visitorId },
    select: { visits: { select: { locationId: true }, take: 20 } },
  });
  // A visitor is someone the actor may see when they visited one of the actor's locations.
  if (
    !v ||
    (actor.type === "STAFF" && actor.role !== "ADMIN" && !v.visits.some((x) => canSeeLocation(actor, x.locationId)))
  )
    throw new AppError("NOT_FOUND");
  return setVisitorFlag(ctx, actor, visitorId, on);
}

/**
 * The visitor declares it at the kiosk, on the screen that confirms their check-in: the leave
 * code shown there (their open visit's own secret) says whose flag it is. A wrong code counts
 * as a leave-code guess (the same per-kiosk limit as checking out by code).
 */
export async function declareEvacuationHelpAtKiosk(
  ctx: DomainContext,
  device: KioskDevice,
  leaveCode: string,
  on: boolean,
): Promise<boolean> {
  await refuseBlockedLeaveCode(ctx, device);
  const visit = await ctx.db.visit.findFirst({
    where: { leaveCode, locationId: device.locationId, status: OPEN_VISIT },
    select: { visitorId: true },
  });
  if (!visit?.visitorId) {
    await recordLeaveCodeMiss(ctx, device);
    throw new AppError("NOT_FOUND");
  }
  const actor: Actor = { type: "DEVICE", id: device.id, kind: "KIOSK", locationId: device.locationId, roomId: null };
  return setVisitorFlag(ctx, actor, visit.visitorId, on);
}

async function setVisitorFlag(ctx: DomainContext, actor: Actor, visitorId: string, on: boolean) {
  const now = ctx.clock.now();
  await ctx.db.$transaction(async (tx) => {
    const v = await tx.visitor.findUnique({ where: { id: visitorId }, select: { needsEvacuationHelp: true } });
    if (!v) throw new AppError("NOT_FOUND");
    if (v.needsEvacuationHelp === on) return;
    await tx.visitor.update({ where: { id: visitorId }, data: { needsEvacuationHelp: on } });
    await recordAudit(tx, actor, {
      action: "visitor.evacuation_help_changed",
      subjectType: "Visitor",
      subjectId: visitorId,
      data: { needsEvacuationHelp: on },
      at: now,
    });
  });
  return on;
}

export async function ownEvacuationHelp(ctx: DomainContext, actor: Actor): Promise<boolean> {
  if (actor.type !== "STAFF") return false;
  const s = await ctx.db.staffMember.findUnique({ where: { id: actor.id }, select: { needsEvacuationHelp: true } });
  return s?.needsEvacuationHelp ?? false;
}

/** A visitor's flag, for the desk's visitor page (visitors.manage). */
export async function visitorEvacuationHelp(ctx: DomainContext, actor: Actor, visitorId: string): Promise<boolean> {
  requirePermission(actor, "visitors.manage");
  const v = await ctx.db.visitor.findUnique({ where: { id: visitorId }, select: { needsEvacuationHelp: true } });
  return v?.needsEvacuationHelp ?? false;
}
