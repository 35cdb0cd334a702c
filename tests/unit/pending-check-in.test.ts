import { describe, expect, it } from "vitest";
import { openPending, PENDING_TTL_MS, type PendingCheckIn, sealPending } from "@/src/domain/visits/pending-check-in";

const KEY = "unit-test-key-0123456789abcdef0123456789";
const NOW = new Date("2026-03-10T09:00:00+01:00");
const PENDING: PendingCheckIn = {
  deviceId: "dev-kiosk",
  visitorId: "visitor-1",
  newVisitor: { firstName: "Anouk", lastName: "Jansen", dateOfBirth: "1990-04-02" },
  appointmentId: null,
  method: "WALK_IN",
  rulesVersion: 2,
  language: "ar",
  rulesLanguage: "en",
  purpose: "Wijkteam",
  queueTicketId: null,
  exp: NOW.getTime() + PENDING_TTL_MS,
};

/** Flips one bit of the decoded token at `at` (negative: from the end). */
function flip(token: string, at: number) {
  const raw = Buffer.from(token, "base64url");
  const i = at < 0 ? raw.length + at : at;
  raw[i] ^= 1;
  return raw.toString("base64url");
}

describe("pending check-in token", () => {
  it("round-trips until it expires", () => {
    const token = sealPending(KEY, PENDING);
    expect(openPending(KEY, token, NOW)).toEqual(PENDING);
    expect(openPending(KEY, token, new Date(PENDING.exp - 1))).toEqual(PENDING);
    expect(openPending(KEY, token, new Date(PENDING.exp))).toBeNull();
    expect(openPending(KEY, token, new Date(PENDING.exp + 60_000))).toBeNull();
  });

  it("names no one in clear: the walk-in's name and purpose cannot be read from it", () => {
    const token = sealPending(KEY, PENDING);
    const decoded = Buffer.from(token, "base64url").toString("latin1");
    for (const secret of ["Anouk", "Jansen", "1990-04-02", "Wijkteam", "visitor-1", "dev-kiosk"]) {
      expect(token).not.toContain(secret);
      expect(decoded).not.toContain(secret);
    }
    // Two seals of the same content differ (fresh IV), so tokens cannot be compared either.
    expect(sealPending(KEY, PENDING)).not.toBe(token);
  });

  it("refuses another key", () => {
    expect(openPending(`${KEY}x`, sealPending(KEY, PENDING), NOW)).toBeNull();
  });

  it("refuses any changed bit: IV, content or tag", () => {
    const token = sealPending(KEY, PENDING);
    for (const at of [0, 11, 12, 20, -17, -16, -1]) expect(openPending(KEY, flip(token, at), NOW)).toBeNull();
    expect(openPending(KEY, token.slice(0, -2), NOW)).toBeNull();
    expect(openPending(KEY, `${token}AA`, NOW)).toBeNull();
  });

  it("refuses garbage without throwing", () => {
    for (const token of ["", ".", "..", "a.b", "!!!", "x".repeat(5000), "A".repeat(60)]) {
      expect(() => openPending(KEY, token, NOW)).not.toThrow();
      expect(openPending(KEY, token, NOW)).toBeNull();
    }
    // biome-ignore lint/suspicious/noExplicitAny: a kiosk may send anything
    expect(openPending(KEY, 42 as any, NOW)).toBeNull();
  });

  it("a sealed body without an expiry never opens", () => {
    const { exp: _exp, ...rest } = PENDING;
    expect(openPending(KEY, sealPending(KEY, rest as PendingCheckIn), NOW)).toBeNull();
  });
});
