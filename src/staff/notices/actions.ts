"use server";
// Server actions of the staff notices: the open risky-conversation prompts for me (after a reload
// or reconnect, since socket.io delivers at most once), and my answer to one.
import { z } from "zod";
import { can, requirePermission } from "@/src/domain/access/permissions";
import { AppError } from "@/src/domain/errors";
import type { DomainEvents } from "@/src/domain/events/domain-events";
import { answerRiskCheck, openRiskPrompts } from "@/src/domain/visits/risk-checks";
import { type ActionResult, runAction } from "@/src/server/action-result";
import { getStaffActor } from "@/src/server/auth/get-actor";
import { domain } from "@/src/server/runtime";

export type RiskPrompt = DomainEvents["risk_check.prompted"];

export async function loadRiskPromptsAction(): Promise<ActionResult<RiskPrompt[]>> {
  return runAction(async () => {
    const actor = await getStaffActor();
    if (!actor) throw new AppError("UNAUTHORIZED");
    if (!can(actor, "risk_checks.answer")) return [];
    return openRiskPrompts((await domain()).db, actor);
  });
}

const answer = z.object({ riskCheckId: z.string().trim().min(1).max(100), ok: z.boolean() });

export async function answerRiskCheckAction(input: { riskCheckId: string; ok: boolean }): Promise<ActionResult> {
  return runAction(async () => {
    const actor = requirePermission(await getStaffActor(), "risk_checks.answer");
    await answerRiskCheck(await domain(), actor, answer.parse(input));
    return undefined;
  });
}
