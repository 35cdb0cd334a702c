// The simulator driver (the default): a virtual controller whose relay state is the door row
// itself, so a command needs no hardware. Its "hardware" is the console's simulator panel: open or
// close the door (the sensor) and cut or restore the controller — each goes through the same
// domain path a real controller's report takes.
import type { Actor } from "@/src/domain/access/actor";
import { canSeeLocation, requirePermission } from "@/src/domain/access/permissions";
import type { DomainContext } from "@/src/domain/db";
import { reportDoorController, reportDoorSensor } from "@/src/domain/doors/doors";
import { AppError } from "@/src/domain/errors";
import type { DoorDriver } from "@/src/server/door-drivers/types";

export function simulatorDriver(): DoorDriver {
  return {
    kind: "SIMULATOR",
    // The relay of a simulated door is its stored state: nothing to send.
    command: async () => {},
    stop: async () => {},
  };
}

export type SimulatorAction = "open" | "close" | "cut" | "restore";

/** The simulator panel: acts as the door's sensor or its controller (doors.operate, SIMULATOR doors only). */
export async function simulateDoor(ctx: DomainContext, actor: Actor, doorId: string, action: SimulatorAction) {
  requirePermission(actor, "doors.operate");
  const door = await ctx.db.door.findUnique({ where: { id: doorId } });
  if (!door || !door.active) throw new AppError("NOT_FOUND");
  if (!canSeeLocation(actor, door.locationId)) throw new AppError("FORBIDDEN");
  if (door.driver !== "SIMULATOR") throw new AppError("CONFLICT", "not a simulated door");
  if (action === "open" || action === "close") await reportDoorSensor(ctx, doorId, action === "open", "simulator");
  else await reportDoorController(ctx, doorId, action === "restore", "simulator");
}
