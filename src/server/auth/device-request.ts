// Route handlers called by paired devices: the device cookie names the device; its kind decides
// what it may do. A revoked or unknown credential is refused with 401.
// A kiosk calls twice per visitor (identify, check-in), so a device found by its credential is
// kept for DEVICE_CACHE_MS: two fewer queries per call on the busiest path. Revoking or pairing a
// device drops it at once in this process (domain events); another process of a scale-out
// installation notices within DEVICE_CACHE_MS. Domain code that must be exact (raising an alarm)
// checks the device in the database itself.
import { createHash } from "node:crypto";
import type { Actor } from "@/src/domain/access/actor";
import { type Permission, requirePermission } from "@/src/domain/access/permissions";
import type { DomainContext } from "@/src/domain/db";
import { deviceByCredential } from "@/src/domain/devices/devices";
import { AppError } from "@/src/domain/errors";
import { parseCookies } from "@/src/realtime/socket-auth";
import { DEVICE_COOKIE } from "@/src/server/auth/device-cookie";
import { domain } from "@/src/server/runtime";

export const DEVICE_CACHE_MS = 5_000;

type Device = NonNullable<Awaited<ReturnType<typeof deviceByCredential>>>;
const cache = new Map<string, { device: Device; until: number }>();
const watched = new WeakSet<DomainContext>();

function watch(ctx: DomainContext) {
  if (watched.has(ctx)) return;
  watched.add(ctx);
  const drop = ({ deviceId }: { deviceId: string }) => {
    for (const [key, entry] of cache) if (entry.device.id === deviceId) cache.delete(key);
  };
  // Every process keeps its own cache: drop the entry wherever the device was revoked or re-paired.
  ctx.events.onEveryProcess("device.revoked", drop);
  ctx.events.onEveryProcess("device.paired", drop);
}

async function deviceFor(ctx: DomainContext, credential: string): Promise<Device | null> {
  watch(ctx);
  const key = createHash("sha256").update(credential).digest("hex");
  const hit = cache.get(key);
  if (hit && hit.until > Date.now()) return hit.device;
  const device = await deviceByCredential(ctx, credential);
  if (device) cache.set(key, { device, until: Date.now() + DEVICE_CACHE_MS });
  else cache.delete(key);
  return device;
}

export async function requireDevice(req: Request, permission: Permission) {
  const credential = parseCookies(req.headers.get("cookie") ?? undefined)[DEVICE_COOKIE];
  if (!credential) throw new AppError("UNAUTHORIZED");
  const device = await deviceFor(await domain(), credential);
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
