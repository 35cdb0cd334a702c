// Route handlers called by paired devices: the device cookie names the device; its kind decides
// what it may do. A revoked or unknown credential is refused with 401.
import type { Actor } from "@/src/domain/access/actor";
import { type Permission, requirePermission } from "@/src/domain/access/permissions";
import { deviceByCredential } from "@/src/domain/devices/devices";
import { AppError } from "@/src/domain/errors";
import { parseCookies } from "@/src/realtime/socket-auth";
import { DEVICE_COOKIE } from "@/src/server/auth/device-cookie";
import { domain } from "@/src/server/runtime";

export async function requireDevice(req: Request, permission: Permission) {
  const credential = parseCookies(req.headers.get("cookie") ?? undefined)[DEVICE_COOKIE];
  if (!credential) throw new AppError("UNAUTHORIZED");
  const device = await deviceByCredential(await domain(), credential);
  if (!device) throw new AppError("DEVICE_REVOKED");
  const actor: Actor = {
    type: "DEVICE",
    id: device.id,
    kind: device.kind,
    locationId: device.locationId,
    roomId: device.roomId,
  };
  requirePermission(actor, permission);
  return device;
}
