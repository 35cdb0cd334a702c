import type { Actor } from "@/src/domain/access/actor";
import { can, canSeeLocation } from "@/src/domain/access/permissions";
import { recordAudit } from "@/src/domain/audit/record-audit";
import type { DomainContext } from "@/src/domain/db";
import { publishAlertsCleared } from "@/src/domain/desk/desk-alerts";
import { AppError } from "@/src/domain/errors";
import { callNextTickets } from "@/src/domain/visits/capacity";
import { stopVisitFollowUps } from "@/src/domain/visits/visit-follow-ups";
import { visitSummary } from "@/src/domain/visits/visit-summary";

/**
 * Ends a visit (at the kiosk or by staff); a freed place calls the next queue number. Idempotent.
 * Stops the visit's wait alerts and risk-check prompts. Staff need the desk's `visits.manage` or
 * to be the visit's host (a kiosk checks out anyone of its own location).
 */
export async function checkOutVisit(ctx: DomainContext, actor: Actor, visitId: string) {
  const now = ctx.clock.now();
  const result = await ctx.db.$transaction(async (tx) => {
    const v = await tx.visit.findUnique({
      where: { id: visitId },
      include: { visitor: { select: { firstName: true, lastName: true } } },
    });
    if (!v) throw new AppError("NOT_FOUND");
    if (!canSeeLocation(actor, v.locationId)) throw new AppError("FORBIDDEN");
    if (actor.type === "STAFF" && !can(actor, "visits.manage") && v.hostId !== actor.id) {
      throw new AppError("FORBIDDEN");
    }
    if (v.status === "CHECKED_OUT" || v.status === "NO_SHOW") return { visit: v, changed: false, cleared: [] };
    const visit = await tx.visit.update({ where: { id: visitId }, data: { status: "CHECKED_OUT", checkedOutAt: now } });
    if (v.appointmentId) await tx.appointment.update({ where: { id: v.appointmentId }, data: { status: "DONE" } });
    const cleared = await stopVisitFollowUps(tx, visitId, now, { ended: true });
    await recordAudit(tx, actor, {
      action: "visit.checked_out",
      subjectType: "Visit",
      subjectId: visitId,
      locationId: v.locationId,
      at: now,
    });
    return { visit: { ...visit, visitor: v.visitor }, changed: true, cleared };
  });
  publishAlertsCleared(ctx, result.cleared);
  if (result.changed) {
    ctx.events.publish("visit.checked_out", visitSummary(result.visit, result.visit.visitor));
    await callNextTickets(ctx, result.visit.locationId);
  }
  return result.visit;
}
