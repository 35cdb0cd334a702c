"use server";
// Server actions of the doorman console and the door configuration. Each checks its permission
// first (the console's: a staff member or a paired DESK device; the configuration: staff only); the domain checks the location, writes the audit trail and publishes door.state_changed.
import { z } from "zod";
import { requirePermission } from "@/src/domain/access/permissions";
import { removeDoor, saveDoor } from "@/src/domain/doors/config";
import { badgeAtDoor, lockDoor, overrideDoor, releaseDoor, setEmergencyRelease } from "@/src/domain/doors/doors";
import { type ActionResult, runAction } from "@/src/server/action-result";
import { getActor, getStaffActor } from "@/src/server/auth/get-actor";
import { type SimulatorAction, simulateDoor } from "@/src/server/door-drivers/simulator";
import { domain } from "@/src/server/runtime";

const id = z.string().trim().min(1).max(100);
type Outcome = Awaited<ReturnType<typeof releaseDoor>> | Awaited<ReturnType<typeof badgeAtDoor>>;

export async function releaseDoorAction(doorId: string, queue = false): Promise<ActionResult<Outcome>> {
  return runAction(async () =>
    releaseDoor(await domain(), requirePermission(await getActor(), "doors.operate"), id.parse(doorId), { queue }),
  );
}

export async function lockDoorAction(doorId: string): Promise<ActionResult<Outcome>> {
  return runAction(async () =>
    lockDoor(await domain(), requirePermission(await getActor(), "doors.operate"), id.parse(doorId)),
  );
}

export async function overrideDoorAction(doorId: string, reason: string): Promise<ActionResult<Outcome>> {
  return runAction(async () =>
    overrideDoor(
      await domain(),
      requirePermission(await getActor(), "doors.operate"),
      id.parse(doorId),
      String(reason ?? ""),
    ),
  );
}

export async function badgeAtDoorAction(doorId: string, code: string): Promise<ActionResult<Outcome>> {
  return runAction(async () =>
    badgeAtDoor(
      await domain(),
      requirePermission(await getActor(), "doors.operate"),
      id.parse(doorId),
      String(code ?? "").slice(0, 200),
    ),
  );
}

export async function simulateDoorAction(doorId: string, action: SimulatorAction): Promise<ActionResult> {
  return runAction(async () => {
    const actor = requirePermission(await getActor(), "doors.operate");
    const a = z.enum(["open", "close", "cut", "restore"]).parse(action);
    await simulateDoor(await domain(), actor, id.parse(doorId), a);
    return undefined;
  });
}

export async function emergencyReleaseAction(locationId: string, on: boolean, reason: string): Promise<ActionResult> {
  return runAction(async () => {
    const actor = requirePermission(await getActor(), "doors.emergency");
    await setEmergencyRelease(await domain(), actor, id.parse(locationId), !!on, String(reason ?? ""));
    return undefined;
  });
}

export async function saveDoorAction(input: unknown): Promise<ActionResult> {
  return runAction(async () => {
    await saveDoor(await domain(), requirePermission(await getStaffActor(), "doors.configure"), input);
    return undefined;
  });
}

export async function removeDoorAction(doorId: string): Promise<ActionResult> {
  return runAction(async () => {
    await removeDoor(await domain(), requirePermission(await getStaffActor(), "doors.configure"), id.parse(doorId));
    return undefined;
  });
}
