import { evacuationRunning } from "@/src/domain/evacuation/kiosk-guard";
import { queueView } from "@/src/domain/visits/capacity";
import { domain } from "@/src/server/runtime";

export async function loadKioskState(locationId: string) {
  const ctx = await domain();
  const location = await ctx.db.location.findUniqueOrThrow({ where: { id: locationId } });
  const queue = location.capacity != null ? await queueView(ctx.db, locationId) : { waiting: [], called: [] };
  return {
    location: {
      id: location.id,
      name: location.name,
      kind: location.kind,
      registrationMode: location.registrationMode,
      waitAlertMinutes: location.waitAlertMinutes,
      hasCapacity: location.capacity != null,
    },
    calledNumbers: queue.called.map((t) => t.number),
    /** An evacuation runs: the kiosk shows the evacuation screen and only checks out. */
    evacuation: await evacuationRunning(ctx.db, locationId),
  };
}
