// The invite QR of an appointment: signed (HMAC), for one appointment, one day, one use.
// Format: PI1.<appointmentId>.<nonce>.<yyyymmdd>.<signature> — short enough for a small QR code.
import { createHmac } from "node:crypto";
import { randomToken, safeEqual } from "@/src/domain/crypto";

const PREFIX = "PI1";

export interface InviteClaims {
  appointmentId: string;
  nonce: string;
  /** The appointment's day in the location's time zone, yyyy-mm-dd. */
  day: string;
}

const sign = (key: string, body: string) =>
  createHmac("sha256", key).update(`invite:${body}`).digest("base64url").slice(0, 22);

export const newInviteNonce = () => randomToken(9);

export function signInvite(key: string, claims: InviteClaims): string {
  const body = [PREFIX, claims.appointmentId, claims.nonce, claims.day.replaceAll("-", "")].join(".");
  return `${body}.${sign(key, body)}`;
}

/** The claims of a well-formed, correctly signed invite; null for anything else (forged, garbage). */
export function verifyInvite(key: string, token: string): InviteClaims | null {
  const parts = token.trim().split(".");
  if (parts.length !== 5 || parts[0] !== PREFIX) return null;
  const [, appointmentId, nonce, day, signature] = parts;
  if (!/^[\w-]{1,40}$/.test(appointmentId) || !/^[\w-]{8,24}$/.test(nonce) || !/^\d{8}$/.test(day)) return null;
  if (!safeEqual(signature, sign(key, parts.slice(0, 4).join(".")))) return null;
  return { appointmentId, nonce, day: `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6)}` };
}

export const looksLikeInvite = (code: string) => code.trim().startsWith(`${PREFIX}.`);
