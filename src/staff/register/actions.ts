"use server";
// Server actions of the register page: sign a colleague in or out with one tap, confirm
// end-of-day sign-outs, and the desk's badge scanner. Each checks its permission; the domain
// checks the location, writes the audit trail and publishes `presence.changed`, from which every
// register (this one included) updates.
import { z } from "zod";
import { requirePermission } from "@/src/domain/access/permissions";
import { confirmEndOfDay, scanStaffBadge, signInStaff, signOutStaff } from "@/src/domain/presence/presence";
import { type ActionResult, runAction } from "@/src/server/action-result";
import { getStaffActor } from "@/src/server/auth/get-actor";
import { domain } from "@/src/server/runtime";

const id = z.string().trim().min(1).max(100);
const presenceInput = z.object({ locationId: id, staffId: id });

export async function signInColleagueAction(input: { locationId: string; staffId: string }): Promise<ActionResult> {
  return runAction(async () => {
    const actor = requirePermission(await getStaffActor(), "presence.manage");
    await signInStaff(await domain(), actor, { ...presenceInput.parse(input), method: "DASHBOARD" });
    return undefined;
  });
}

export async function signOutColleagueAction(input: { locationId: string; staffId: string }): Promise<ActionResult> {
  return runAction(async () => {
    const actor = requirePermission(await getStaffActor(), "presence.manage");
    await signOutStaff(await domain(), actor, { ...presenceInput.parse(input), method: "DASHBOARD" });
    return undefined;
  });
}

const confirmInput = z.object({ locationId: id, presenceIds: z.array(id).min(1).max(200) });

export async function confirmEndOfDayAction(input: {
  locationId: string;
  presenceIds: string[];
}): Promise<ActionResult<{ confirmed: number }>> {
  return runAction(async () => {
    const actor = requirePermission(await getStaffActor(), "presence.manage");
    return confirmEndOfDay(await domain(), actor, confirmInput.parse(input));
  });
}

const scanInput = z.object({ locationId: id, code: z.string().trim().min(1).max(200) });

/** The desk scanner: a staff badge toggles its holder. The answer never echoes the code. */
export async function deskBadgeScanAction(input: {
  locationId: string;
  code: string;
}): Promise<ActionResult<{ status: "signed-in" | "signed-out" | "unknown"; name: string | null }>> {
  return runAction(async () => {
    const actor = requirePermission(await getStaffActor(), "presence.manage");
    const { locationId, code } = scanInput.parse(input);
    const r = await scanStaffBadge(await domain(), actor, { locationId, code, method: "BADGE_DESK" });
    return r ? { status: r.status, name: r.name } : { status: "unknown" as const, name: null };
  });
}
