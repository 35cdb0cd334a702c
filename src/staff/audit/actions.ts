"use server";
// Verifying the audit trail's hash chain from the audit screen (audit.verify). The check itself is
// recorded too: who verified, when, and what they found.
import { requirePermission } from "@/src/domain/access/permissions";
import { type VerifyResult, verifyAuditTrail } from "@/src/domain/audit/audit-chain";
import { recordAudit } from "@/src/domain/audit/record-audit";
import { type ActionResult, runAction } from "@/src/server/action-result";
import { getStaffActor } from "@/src/server/auth/get-actor";
import { domain } from "@/src/server/runtime";

export async function verifyAuditAction(): Promise<ActionResult<VerifyResult>> {
  return runAction(async () => {
    const actor = requirePermission(await getStaffActor(), "audit.verify");
    const ctx = await domain();
    const result = await verifyAuditTrail(ctx.db);
    await ctx.db.$transaction((tx) =>
      recordAudit(tx, actor, {
        action: "audit.verified",
        data: { ok: result.ok, checked: result.checked, breaks: result.breaks.length, head: result.head },
        at: ctx.clock.now(),
      }),
    );
    return result;
  });
}
