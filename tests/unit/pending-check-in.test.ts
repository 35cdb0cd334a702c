import { describe, expect, it } from "vitest";
import { PENDING_TTL_MS, type PendingCheckIn, signPending, verifyPending } from "@/src/domain/visits/pending-check-in";

const KEY = "unit-test-key-0123456789abcdef0123456789";
const NOW = new Date("2026-03-10T09:00:00+01:00");
const PENDING: PendingCheckIn = {
  deviceId: "dev-kiosk",
  visitorId: "visitor-1",
  appointmentId: null,
  method: "PASS",
  rulesVersion: 2,
  language: "ar",
  rulesLanguage: "en",
  purpose: null,
  queueTicketId: null,
  exp: NOW.getTime() + PENDING_TTL_MS,
};

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");

describe("pending check-in token", () => {
  it("round-trips until it expires", () => {
    const token = signPending(KEY, PENDING);
    expect(verifyPending(KEY, token, NOW)).toEqual(PENDING);
    expect(verifyPending(KEY, token, new Date(PENDING.exp - 1))).toEqual(PENDING);
    expect(verifyPending(KEY, token, new Date(PENDING.exp))).toBeNull();
    expect(verifyPending(KEY, token, new Date(PENDING.exp + 60_000))).toBeNull();
  });

  it("has a time to live of ten minutes", () => {
    expect(PENDING_TTL_MS).toBe(10 * 60 * 1000);
  });

  it("refuses a token signed with another key", () => {
    expect(verifyPending(`${KEY}x`, signPending(KEY, PENDING), NOW)).toBeNull();
  });

  it("refuses a tampered body (another visitor, a later expiry) under the old signature", () => {
    const [, sig] = signPending(KEY, PENDING).split(".");
    expect(verifyPending(KEY, `${b64({ ...PENDING, visitorId: "visitor-2" })}.${sig}`, NOW)).toBeNull();
    expect(verifyPending(KEY, `${b64({ ...PENDING, exp: PENDING.exp + 86_400_000 })}.${sig}`, NOW)).toBeNull();
    expect(verifyPending(KEY, `${b64({ ...PENDING, deviceId: "dev-other" })}.${sig}`, NOW)).toBeNull();
  });

  it("refuses a tampered signature", () => {
    const [body, sig] = signPending(KEY, PENDING).split(".");
    expect(verifyPending(KEY, `${body}.${sig.slice(0, -1)}${sig.endsWith("A") ? "B" : "A"}`, NOW)).toBeNull();
    expect(verifyPending(KEY, `${body}.`, NOW)).toBeNull();
    expect(verifyPending(KEY, body, NOW)).toBeNull();
  });

  it("refuses extra parts appended to a valid token", () => {
    const token = signPending(KEY, PENDING);
    expect(verifyPending(KEY, `${token}.extra`, NOW)).toBeNull();
  });

  it("refuses garbage without throwing", () => {
    const sign = (body: string) => signPending(KEY, PENDING).replace(/^[^.]+/, body);
    for (const token of ["", ".", "..", "a.b", "x".repeat(3000), sign("!!!"), sign(b64("not an object"))]) {
      expect(() => verifyPending(KEY, token, NOW)).not.toThrow();
      expect(verifyPending(KEY, token, NOW)).toBeNull();
    }
    // biome-ignore lint/suspicious/noExplicitAny: a kiosk may send anything
    expect(verifyPending(KEY, 42 as any, NOW)).toBeNull();
  });

  it("a validly signed body without an expiry never verifies", () => {
    const { exp: _exp, ...rest } = PENDING;
    const body = b64(rest);
    // Re-sign through the public API is not possible without exp; build it like signPending does.
    const token = signPending(KEY, rest as PendingCheckIn);
    expect(token.startsWith(body)).toBe(true);
    expect(verifyPending(KEY, token, NOW)).toBeNull();
  });
});
