// Who is asking, for server components, server actions and route handlers.
import { cookies } from "next/headers";
import { getServerSession } from "next-auth";
import type { Actor } from "@/src/domain/access/actor";
import { deviceByCredential } from "@/src/domain/devices/devices";
import { staffActor } from "@/src/domain/staff/manage-staff";
import { staffSessionState } from "@/src/domain/staff/staff-sessions";
import { authOptions } from "@/src/server/auth/auth-options";
import { DEVICE_COOKIE } from "@/src/server/auth/device-cookie";
import { config } from "@/src/server/config";
import { domain } from "@/src/server/runtime";

/** The session behind this request: staff id and server-side session id (null if signed out). */
export async function getStaffSession(): Promise<{ staffId: string; sid: string | null } | null> {
  const session = await getServerSession(authOptions());
  const user = session?.user as { id?: string; sid?: string } | undefined;
  if (!user?.id) return null;
  return { staffId: user.id, sid: user.sid ?? null };
}

/**
 * The signed-in staff member as an Actor, re-read from the database: null if signed out,
 * deactivated, or the session ended (signed out elsewhere, idle too long). A token without a
 * session id (issued before sessions were recorded) counts until it expires.
 */
export async function getStaffActor(): Promise<(Actor & { type: "STAFF" }) | null> {
  const s = await getStaffSession();
  if (!s) return null;
  const ctx = await domain();
  if (s.sid && (await staffSessionState(ctx, s.sid, s.staffId, config().staffIdleMs)) !== "active") return null;
  const actor = await staffActor(ctx, s.staffId);
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
