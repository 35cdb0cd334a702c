import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const sha256 = (value: string): string => createHash("sha256").update(value).digest("hex");

/** Keyed hash for values that must be matchable but never readable (badge codes, document numbers). */
export const hmac = (key: string, value: string): string => createHmac("sha256", key).update(value).digest("hex");

export const randomToken = (bytes = 32): string => randomBytes(bytes).toString("base64url");

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Human-typable code from an alphabet without look-alikes (no 0/O, 1/I/L). */
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
export function humanCode(length = 8): string {
  const bytes = randomBytes(length);
  let out = "";
  for (let i = 0; i < length; i++) out += ALPHABET[bytes[i] % ALPHABET.length];
  return out;
}

/** Normalises what a person typed: case, spaces and dashes do not matter. */
export const normaliseCode = (typed: string): string => typed.toUpperCase().replace(/[\s-]/g, "");
