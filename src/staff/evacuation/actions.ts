"use server";
// Server actions of the evacuation pages. Each checks its permission first (before reading any
// input); the domain checks the location and the location's start-role setting, audits and
// publishes the events.
import { z } from "zod";
import { requirePermission } from "@/src/domain/access/permissions";
import { issueFirePanelSecret, STARTER_ROLES, saveEvacuationSettings } from "@/src/domain/evacuation/evacuation-inputs";
import { endEvacuation, startEvacuation } from "@/src/domain/evacuation/evacuations";
import {
  setOwnEvacuationHelp,
  setStaffEvacuationHelp,
  setVisitorEvacuationHelp,
} from "@/src/domain/evacuation/needs-help";
import type { Role } from "@/src/generated/prisma/enums";
import { type ActionResult, runAction } from "@/src/server/action-result";
import { getStaffActor } from "@/src/server/auth/get-actor";
import { domain } from "@/src/server/runtime";

const id = z.string().trim().min(1).max(100);

export async function startEvacuationAction(
  locationId: string,
  drill: boolean,
  reason: string,
): Promise<ActionResult<{ evacuationId: string; alreadyRunning: boolean }>> {
  return runAction(async () => {
    const actor = requirePermission(await getStaffActor(), "evacuation.start");
    const input = z
      .object({ locationId: id, drill: z.boolean(), reason: z.string().max(500).optional() })
      .parse({ locationId, drill, reason: reason ?? undefined });
    const { rollCall, alreadyRunning } = await startEvacuation(await domain(), actor, {
      ...input,
      source: "DASHBOARD",
    });
    return { evacuationId: rollCall.evacuation.id, alreadyRunning };
  });
}

export async function endEvacuationAction(evacuationId: string): Promise<ActionResult> {
  return runAction(async () => {
    const actor = requirePermission(await getStaffActor(), "evacuation.start");
    await endEvacuation(await domain(), actor, id.parse(evacuationId));
    return undefined;
  });
}

export async function saveEvacuationSettingsAction(
  locationId: string,
  startRoles: string[],
  mqttTopic: string,
): Promise<ActionResult> {
  return runAction(async () => {
    const actor = requirePermission(await getStaffActor(), "evacuation.configure");
    const input = z
      .object({
        locationId: id,
        startRoles: z.array(z.enum(STARTER_ROLES as [Role, ...Role[]])).max(10),
        mqttTopic: z.string().max(300).nullable(),
      })
      .parse({ locationId, startRoles, mqttTopic: mqttTopic || null });
    await saveEvacuationSettings(await domain(), actor, input);
    return undefined;
  });
}

export async function firePanelSecretAction(
  locationId: string,
  revoke: boolean,
): Promise<ActionResult<{ secret: string | null }>> {
  return runAction(async () => {
    const actor = requirePermission(await getStaffActor(), "evacuation.configure");
    return issueFirePanelSecret(await domain(), actor, id.parse(locationId), z.boolean().parse(revoke));
  });
}

export async function setMyEvacuationHelpAction(on: boolean): Promise<ActionResult<boolean>> {
  return runAction(async () => {
    const actor = requirePermission(await getStaffActor(), "evacuation.declare_help");
    return setOwnEvacuationHelp(await domain(), actor, z.boolean().parse(on));
  });
}

/** An admin sets a colleague's flag (the colleague asked, e.g. someone who cannot use the screens). */
export async function setStaffEvacuationHelpAction(staffId: string, on: boolean): Promise<ActionResult<boolean>> {
  return runAction(async () => {
    const actor = requirePermission(await getStaffActor(), "staff.manage");
    return setStaffEvacuationHelp(await domain(), actor, id.parse(staffId), z.boolean().parse(on));
  });
}

export async function setVisitorEvacuationHelpAction(visitorId: string, on: boolean): Promise<ActionResult<boolean>> {
  return runAction(async () => {
    const actor = requirePermission(await getStaffActor(), "visitors.manage");
    return setVisitorEvacuationHelp(await domain(), actor, id.parse(visitorId), z.boolean().parse(on));
  });
}
