import type { Actor } from "@/src/domain/access/actor";
import { requireDevice } from "@/src/server/auth/device-request";

/** The room tablet behind a request (device cookie); 401 for an unknown or revoked credential. */
export async function tabletActor(req: Request): Promise<Actor & { type: "DEVICE" }> {
  const device = await requireDevice(req, "alarms.raise");
  return { type: "DEVICE", id: device.id, kind: device.kind, locationId: device.locationId, roomId: device.roomId };
}
