"use server";
// Server actions of the desk screen (and of "Mijn bezoekers"): acknowledge a desk alert, pick a
// visitor up, move them to a room, mark a no-show, check a visitor out. Each checks
// its permission first; the domain checks the location, writes the audit trail and publishes
// the event every desk screen (this one included) updates from.
import { z } from "zod";
import { can, requirePermission } from "@/src/domain/access/permissions";
import { acknowledgeDeskAlert } from "@/src/domain/desk/desk-alerts";
import { AppError } from "@/src/domain/errors";
import { checkOutVisit } from "@/src/domain/visits/check-out";
import { markNoShow, moveVisitToRoom, pickUpVisit } from "@/src/domain/visits/visit-actions";
import { type ActionResult, runAction } from "@/src/server/action-result";
import { getStaffActor } from "@/src/server/auth/get-actor";
import { domain } from "@/src/server/runtime";

const id = z.string().trim().min(1).max(100);

export async function acknowledgeAlertAction(alertId: string): Promise<ActionResult> {
  return runAction(async () => {
    const actor = requirePermission(await getStaffActor(), "desk.use");
    if (actor.type !== "STAFF") throw new AppError("FORBIDDEN");
    await acknowledgeDeskAlert(await domain(), actor, id.parse(alertId));
    return undefined;
  });
}

export async function checkOutVisitAction(visitId: string): Promise<ActionResult> {
  return runAction(async () => {
    const actor = requirePermission(await getStaffActor(), "visits.check_out");
    await checkOutVisit(await domain(), actor, id.parse(visitId));
    return undefined;
  });
}

/** The desk (`visits.manage`) or a host (`visits.host`); the domain checks which visit. */
async function visitActor() {
  const actor = await getStaffActor();
  if (!actor) throw new AppError("UNAUTHORIZED");
  if (!can(actor, "visits.manage") && !can(actor, "visits.host")) throw new AppError("FORBIDDEN");
  return actor;
}

export async function pickUpVisitAction(visitId: string, roomId?: string | null): Promise<ActionResult> {
  return runAction(async () => {
    const actor = await visitActor();
    await pickUpVisit(await domain(), actor, id.parse(visitId), { roomId: roomId ? id.parse(roomId) : null });
    return undefined;
  });
}

export async function moveVisitAction(visitId: string, roomId: string): Promise<ActionResult> {
  return runAction(async () => {
    const actor = await visitActor();
    await moveVisitToRoom(await domain(), actor, id.parse(visitId), id.parse(roomId));
    return undefined;
  });
}

export async function noShowVisitAction(visitId: string): Promise<ActionResult> {
  return runAction(async () => {
    const actor = await visitActor();
    await markNoShow(await domain(), actor, id.parse(visitId));
    return undefined;
  });
}
