// Between "identified" and "accepted the house rules" the kiosk holds a signed, short-lived
// token instead of the server holding session state. It names no person in clear.
import { createHmac } from "node:crypto";
import { safeEqual } from "@/src/domain/crypto";
import type { VisitMethod } from "@/src/generated/prisma/enums";

export const PENDING_TTL_MS = 10 * 60 * 1000;

export interface PendingCheckIn {
  deviceId: string;
  visitorId: string;
  appointmentId: string | null;
  method: VisitMethod;
  rulesVersion: number;
  /** The kiosk language the visitor chose. */
  language: string;
  /** The language of the house rules text shown (a fallback when there is none in `language`). */
  rulesLanguage: string;
  purpose: string | null;
  queueTicketId: string | null;
  /** Expiry, ms since epoch. */
  exp: number;
}

const sign = (key: string, body: string) => createHmac("sha256", key).update(`pending:${body}`).digest("base64url");

export function signPending(key: string, p: PendingCheckIn): string {
  const body = Buffer.from(JSON.stringify(p)).toString("base64url");
  return `${body}.${sign(key, body)}`;
}

export function verifyPending(key: string, token: string, now: Date): PendingCheckIn | null {
  if (typeof token !== "string" || token.length > 2000) return null;
  const parts = token.split(".");
  if (parts.length !== 2) return null;
  const [body, sig] = parts;
  if (!body || !sig || !safeEqual(sig, sign(key, body))) return null;
  try {
    const p = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as PendingCheckIn;
    return p && typeof p === "object" && typeof p.exp === "number" && p.exp > now.getTime() ? p : null;
  } catch {
    return null;
  }
}
