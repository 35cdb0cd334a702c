// Who is asking, for server components, server actions and route handlers.
import { cookies } from "next/headers";
import { getServerSession } from "next-auth";
import type { Actor } from "@/src/domain/access/actor";
import { deviceByCredential } from "@/src/domain/devices/devices";
import { staffActor } from "@/src/domain/staff/manage-staff";
import { authOptions } from "@/src/server/auth/auth-options";
import { DEVICE_COOKIE } from "@/src/server/auth/device-cookie";
import { domain } from "@/src/server/runtime";

/** The signed-in staff member as an Actor, re-read from the database (null if signed out or deactivated). */
export async function getStaffActor(): Promise<(Actor & { type: "STAFF" }) | null> {
  const session = await getServerSession(authOptions());
  const id = (session?.user as { id?: string } | undefined)?.id;
  if (!id) return null;
  const actor = await staffActor(await domain(), id);
  return actor?.type === "STAFF" ? actor : null;
}

/** The paired device behind this browser's device cookie (null if none or revoked). */
export async function getDevice() {
  const jar = await cookies();
  return deviceByCredential(await domain(), jar.get(DEVICE_COOKIE)?.value);
}

export async function getDeviceActor(): Promise<(Actor & { type: "DEVICE" }) | null> {
  const d = await getDevice();
  return d ? { type: "DEVICE", id: d.id, kind: d.kind, locationId: d.locationId, roomId: d.roomId } : null;
}

/** Staff first, then device: whoever this request speaks for. */
export async function getActor(): Promise<Actor | null> {
  return (await getStaffActor()) ?? (await getDeviceActor());
}
