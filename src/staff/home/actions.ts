"use server";
// The dashboard's one tap: "Ik ben binnen / Ik ga weg" for the signed-in staff member.
import { z } from "zod";
import { requirePermission } from "@/src/domain/access/permissions";
import { AppError } from "@/src/domain/errors";
import { signInStaff, signOutStaff } from "@/src/domain/presence/presence";
import { type ActionResult, runAction } from "@/src/server/action-result";
import { getStaffActor } from "@/src/server/auth/get-actor";
import { domain } from "@/src/server/runtime";

const input = z.object({ locationId: z.string().trim().min(1).max(100), present: z.boolean() });

export async function setMyPresenceAction(raw: {
  locationId: string;
  present: boolean;
}): Promise<ActionResult<{ present: boolean; since: string | null }>> {
  return runAction(async () => {
    const actor = requirePermission(await getStaffActor(), "presence.self");
    if (actor.type !== "STAFF") throw new AppError("FORBIDDEN");
    const { locationId, present } = input.parse(raw);
    const ctx = await domain();
    const target = { staffId: actor.id, locationId, method: "DASHBOARD" as const };
    if (present) {
      const p = await signInStaff(ctx, actor, target);
      return { present: true, since: p.signedInAt };
    }
    await signOutStaff(ctx, actor, target);
    return { present: false, since: null };
  });
}
