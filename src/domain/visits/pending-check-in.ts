// Between "identified" and "accepted the house rules" the kiosk holds a sealed, short-lived token
// instead of the server holding session state. It is encrypted and authenticated (AES-256-GCM):
// the kiosk cannot read or change it, so a walk-in's name travels in it without being readable,
// and nothing is written to the database before the visitor has answered.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import type { NationalityGroup, VisitMethod } from "@/src/generated/prisma/enums";

export const PENDING_TTL_MS = 10 * 60 * 1000;

/** A visitor not yet in the database (walk-in, first document check): created with the visit. */
export interface NewVisitor {
  firstName: string;
  lastName?: string | null;
  dateOfBirth?: string | null;
  age?: number | null;
  nationalityGroup?: NationalityGroup | null;
  documentType?: string | null;
  documentHash?: string | null;
}

export interface PendingCheckIn {
  deviceId: string;
  /** The visitor's id; for a new visitor the id it will be created with. */
  visitorId: string;
  newVisitor: NewVisitor | null;
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

const IV_BYTES = 12;
const TAG_BYTES = 16;
const keyOf = (key: string) => createHash("sha256").update(`pending-check-in:${key}`).digest();

export function sealPending(key: string, p: PendingCheckIn): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", keyOf(key), iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(p), "utf8"), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]).toString("base64url");
}

/** The token's content, or null when it is forged, changed, garbage or expired. */
export function openPending(key: string, token: string, now: Date): PendingCheckIn | null {
  if (typeof token !== "string" || token.length > 4000) return null;
  const raw = Buffer.from(token, "base64url");
  // Node's decoder skips what is not base64url: only a token that re-encodes to itself is whole.
  if (raw.length <= IV_BYTES + TAG_BYTES || raw.toString("base64url") !== token) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", keyOf(key), raw.subarray(0, IV_BYTES));
    decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
    const json = Buffer.concat([decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)), decipher.final()]);
    const p = JSON.parse(json.toString("utf8")) as PendingCheckIn;
    return p && typeof p === "object" && typeof p.exp === "number" && p.exp > now.getTime() ? p : null;
  } catch {
    return null;
  }
}
