// Who is on the other end of a socket: a staff session (next-auth JWT cookie) or a paired device
// (device credential cookie). Anything else is refused before the connection opens.
import type { IncomingMessage } from "node:http";
import { getToken } from "next-auth/jwt";
import type { Actor } from "@/src/domain/access/actor";
import type { DomainContext } from "@/src/domain/db";
import { deviceByCredential } from "@/src/domain/devices/devices";
import { staffActor } from "@/src/domain/staff/manage-staff";
import { DEFAULT_STAFF_IDLE_MS, staffSessionState } from "@/src/domain/staff/staff-sessions";
import { DEVICE_COOKIE } from "@/src/server/auth/device-cookie";

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i < 1) continue;
    const key = part.slice(0, i).trim();
    try {
      out[key] = decodeURIComponent(part.slice(i + 1).trim());
    } catch {
      out[key] = part.slice(i + 1).trim();
    }
  }
  return out;
}

const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"] as const;

/** Who a socket is; `sid` is the staff session it belongs to (checked again by the realtime layer's sweep). */
export interface SocketIdentity {
  actor: Actor;
  sid: string | null;
}

export async function authenticateSocket(
  ctx: DomainContext,
  req: IncomingMessage,
  sessionSecret: string,
  staffIdleMs = DEFAULT_STAFF_IDLE_MS,
): Promise<SocketIdentity | null> {
  const cookies = parseCookies(req.headers.cookie);
  for (const cookieName of SESSION_COOKIES) {
    if (!Object.keys(cookies).some((k) => k === cookieName || k.startsWith(`${cookieName}.`))) continue;
    const token = await getToken({
      req: { headers: req.headers as Record<string, string>, cookies } as never,
      secret: sessionSecret,
      cookieName,
      secureCookie: cookieName.startsWith("__Secure-"),
    });
    const staffId = token?.staffId as string | undefined;
    // An ended or idle session connects no socket (a token without a session id: see get-actor.ts).
    const sid = typeof token?.sid === "string" ? token.sid : null;
    if (staffId && sid && (await staffSessionState(ctx, sid, staffId, staffIdleMs)) !== "active") return null;
    if (staffId) {
      const actor = await staffActor(ctx, staffId);
      return actor ? { actor, sid } : null;
    }
  }
  const device = await deviceByCredential(ctx, cookies[DEVICE_COOKIE]);
  if (!device) return null;
  return {
    actor: { type: "DEVICE", id: device.id, kind: device.kind, locationId: device.locationId, roomId: device.roomId },
    sid: null,
  };
}
