// What staff do with an open visit (issue 4, part 3): picked up by the host, moved to a room,
// no-show; check-out is checkOutVisit (check-out.ts). Each writes in one transaction with its
// audit event and the follow-ups it stops or starts (wait alerts, risk checks), and publishes
// `visit.updated` after commit.
//
// Who may: the desk (`visits.manage`: any visit of its locations) and the host (`visits.host`:
// only the visits they host).
import type { Actor } from "@/src/domain/access/actor";
import { can, canSeeLocation } from "@/src/domain/access/permissions";
import { recordAudit } from "@/src/domain/audit/record-audit";
import type { DomainContext, Tx } from "@/src/domain/db";
import { publishAlertsCleared } from "@/src/domain/desk/desk-alerts";
import { AppError } from "@/src/domain/errors";
import type { VisitSummary } from "@/src/domain/events/domain-events";
import { callNextTickets } from "@/src/domain/visits/capacity";
import { riskAudience, startRiskChecks } from "@/src/domain/visits/risk-checks";
import { stopVisitFollowUps } from "@/src/domain/visits/visit-follow-ups";
import { visitSummary } from "@/src/domain/visits/visit-summary";
import type { Visit } from "@/src/generated/prisma/client";

/** May this actor act on this visit? The desk on any visit of its locations, a host on their own. */
export function canActOnVisit(actor: Actor, visit: Pick<Visit, "locationId" | "hostId">): boolean {
  if (!canSeeLocation(actor, visit.locationId)) return false;
  if (can(actor, "visits.manage")) return true;
  return actor.type === "STAFF" && can(actor, "visits.host") && visit.hostId === actor.id;
}

async function loadVisit(tx: Tx, actor: Actor, visitId: string) {
  const v = await tx.visit.findUnique({
    where: { id: visitId },
    include: {
      visitor: { select: { firstName: true, lastName: true } },
      location: { select: { riskCheckMinutes: true } },
    },
  });
  if (!v) throw new AppError("NOT_FOUND");
  if (!canActOnVisit(actor, v)) throw new AppError("FORBIDDEN");
  return v;
}

const ENDED = new Set(["CHECKED_OUT", "NO_SHOW"]);

function requireWaiting(v: Pick<Visit, "status">) {
  if (ENDED.has(v.status)) throw new AppError("VISIT_ENDED");
  if (v.status !== "WAITING") throw new AppError("VISIT_NOT_WAITING");
}

async function requireRoomHere(tx: Tx, roomId: string, locationId: string) {
  const room = await tx.room.findUnique({ where: { id: roomId }, select: { locationId: true } });
  if (!room || room.locationId !== locationId) {
    throw new AppError("VALIDATION", "Room not at this location", { roomId: ["room_not_here"] });
  }
}

/**
 * The host fetched the visitor: WAITING → WITH_HOST, optionally into a room. Stops the wait alerts
 * (and clears their desk cards); for a risky visit the conversation starts now: colleagues are told
 * the room and the check-in prompts are scheduled.
 */
export async function pickUpVisit(
  ctx: DomainContext,
  actor: Actor,
  visitId: string,
  input: { roomId?: string | null } = {},
): Promise<VisitSummary> {
  const now = ctx.clock.now();
  const result = await ctx.db.$transaction(async (tx) => {
    const v = await loadVisit(tx, actor, visitId);
    requireWaiting(v);
    if (input.roomId) await requireRoomHere(tx, input.roomId, v.locationId);
    const visit = await tx.visit.update({
      where: { id: visitId },
      data: { status: "WITH_HOST", pickedUpAt: now, ...(input.roomId ? { roomId: input.roomId } : {}) },
    });
    const cleared = await stopVisitFollowUps(tx, visitId, now, { ended: false });
    if (visit.risky) await startRiskChecks(tx, visitId, now, v.location.riskCheckMinutes);
    await recordAudit(tx, actor, {
      action: "visit.picked_up",
      subjectType: "Visit",
      subjectId: visitId,
      locationId: v.locationId,
      data: { roomId: visit.roomId, waitedMinutes: Math.floor((now.getTime() - v.checkedInAt.getTime()) / 60_000) },
      at: now,
    });
    const audience = visit.risky ? await riskAudience(tx, visitId) : null;
    return { summary: visitSummary(visit, v.visitor), cleared, audience };
  });
  publishAlertsCleared(ctx, result.cleared);
  ctx.events.publish("visit.updated", result.summary);
  if (result.audience) ctx.events.publish("risk_conversation.started", result.audience);
  return result.summary;
}

/** Moves an open visit to a room of its own location. During a risky conversation colleagues hear the new room. */
export async function moveVisitToRoom(
  ctx: DomainContext,
  actor: Actor,
  visitId: string,
  roomId: string,
): Promise<VisitSummary> {
  const now = ctx.clock.now();
  const result = await ctx.db.$transaction(async (tx) => {
    const v = await loadVisit(tx, actor, visitId);
    if (ENDED.has(v.status)) throw new AppError("VISIT_ENDED");
    await requireRoomHere(tx, roomId, v.locationId);
    const visit = await tx.visit.update({ where: { id: visitId }, data: { roomId } });
    await recordAudit(tx, actor, {
      action: "visit.moved",
      subjectType: "Visit",
      subjectId: visitId,
      locationId: v.locationId,
      data: { from: v.roomId, to: roomId },
      at: now,
    });
    const audience = visit.risky && visit.status === "WITH_HOST" ? await riskAudience(tx, visitId) : null;
    return { summary: visitSummary(visit, v.visitor), audience };
  });
  ctx.events.publish("visit.updated", result.summary);
  if (result.audience) ctx.events.publish("risk_conversation.started", result.audience);
  return result.summary;
}

/**
 * The visitor did not turn up after all (left before being fetched): WAITING → NO_SHOW, and an
 * appointment's status too. Ends the wait alerts; a freed place calls the next queue number.
 */
export async function markNoShow(ctx: DomainContext, actor: Actor, visitId: string): Promise<VisitSummary> {
  const now = ctx.clock.now();
  const result = await ctx.db.$transaction(async (tx) => {
    const v = await loadVisit(tx, actor, visitId);
    requireWaiting(v);
    const visit = await tx.visit.update({ where: { id: visitId }, data: { status: "NO_SHOW", checkedOutAt: now } });
    if (v.appointmentId) await tx.appointment.update({ where: { id: v.appointmentId }, data: { status: "NO_SHOW" } });
    const cleared = await stopVisitFollowUps(tx, visitId, now, { ended: true });
    await recordAudit(tx, actor, {
      action: "visit.no_show",
      subjectType: "Visit",
      subjectId: visitId,
      locationId: v.locationId,
      at: now,
    });
    return { summary: visitSummary(visit, v.visitor), cleared };
  });
  publishAlertsCleared(ctx, result.cleared);
  ctx.events.publish("visit.updated", result.summary);
  await callNextTickets(ctx, result.summary.locationId);
  return result.summary;
}
