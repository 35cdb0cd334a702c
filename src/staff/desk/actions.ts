"use server";
// Server actions of the desk screen: acknowledge a desk alert, check a visitor out. Each checks
// its permission first; the domain checks the location, writes the audit trail and publishes
// the event every desk screen (this one included) updates from.
import { z } from "zod";
import { requirePermission } from "@/src/domain/access/permissions";
import { acknowledgeDeskAlert } from "@/src/domain/desk/desk-alerts";
import { AppError } from "@/src/domain/errors";
import { checkOutVisit } from "@/src/domain/visits/check-out";
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
