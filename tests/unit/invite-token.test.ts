import { describe, expect, it } from "vitest";
import { looksLikeInvite, newInviteNonce, signInvite, verifyInvite } from "@/src/domain/visits/invite-token";
import { classifyScan } from "@/src/domain/visits/scan-classify";

const KEY = "unit-test-key-0123456789abcdef0123456789";
const CLAIMS = { appointmentId: "cm3appointment0000000001", nonce: "Ab3_x-9QzK12", day: "2026-03-10" };

/** Replaces dot-separated part `i` of a token. */
const withPart = (token: string, i: number, value: string) => {
  const parts = token.split(".");
  parts[i] = value;
  return parts.join(".");
};

describe("invite token", () => {
  it("round-trips the claims, with the day as yyyymmdd in the token", () => {
    const token = signInvite(KEY, CLAIMS);
    expect(token).toMatch(/^PI1\.cm3appointment0000000001\.Ab3_x-9QzK12\.20260310\.[\w-]{22}$/);
    expect(verifyInvite(KEY, token)).toEqual(CLAIMS);
    expect(looksLikeInvite(token)).toBe(true);
    // What a scanner adds around it does not matter.
    expect(verifyInvite(KEY, ` ${token}\r\n`)).toEqual(CLAIMS);
  });

  it("is short enough for a small QR code", () => {
    expect(signInvite(KEY, { ...CLAIMS, nonce: newInviteNonce() }).length).toBeLessThanOrEqual(80);
  });

  it("makes fresh nonces that the verifier accepts", () => {
    const nonces = new Set(Array.from({ length: 200 }, () => newInviteNonce()));
    expect(nonces.size).toBe(200);
    for (const nonce of nonces) {
      expect(verifyInvite(KEY, signInvite(KEY, { ...CLAIMS, nonce }))).toEqual({ ...CLAIMS, nonce });
    }
  });

  it("refuses a forged signature", () => {
    const token = signInvite(KEY, CLAIMS);
    const sig = token.split(".")[4];
    const flipped = (sig[0] === "A" ? "B" : "A") + sig.slice(1);
    expect(verifyInvite(KEY, withPart(token, 4, flipped))).toBeNull();
    expect(verifyInvite(KEY, withPart(token, 4, "A".repeat(22)))).toBeNull();
    expect(verifyInvite(KEY, withPart(token, 4, ""))).toBeNull();
    expect(verifyInvite(KEY, withPart(token, 4, `${sig}x`))).toBeNull();
    expect(verifyInvite(KEY, withPart(token, 4, sig.slice(0, 21)))).toBeNull();
  });

  it("refuses a token signed with another key", () => {
    expect(verifyInvite(`${KEY}-other`, signInvite(KEY, CLAIMS))).toBeNull();
    expect(verifyInvite(KEY, signInvite("another-key", CLAIMS))).toBeNull();
  });

  it("refuses a tampered appointment id, nonce or day", () => {
    const token = signInvite(KEY, CLAIMS);
    expect(verifyInvite(KEY, withPart(token, 1, "cm3appointment0000000002"))).toBeNull();
    expect(verifyInvite(KEY, withPart(token, 2, "Ab3_x-9QzK13"))).toBeNull();
    expect(verifyInvite(KEY, withPart(token, 3, "20260311"))).toBeNull();
    expect(verifyInvite(KEY, withPart(token, 3, "20270310"))).toBeNull();
  });

  it("refuses a wrong prefix, even with a valid signature over it", () => {
    const token = signInvite(KEY, CLAIMS);
    expect(verifyInvite(KEY, withPart(token, 0, "PI2"))).toBeNull();
    expect(verifyInvite(KEY, withPart(token, 0, "PP1"))).toBeNull();
    expect(verifyInvite(KEY, withPart(token, 0, "pi1"))).toBeNull();
    expect(verifyInvite(KEY, token.slice(4))).toBeNull();
    expect(looksLikeInvite("PP1.ABCDEFGHJKMNPQRS")).toBe(false);
  });

  it("refuses garbage without throwing", () => {
    for (const text of [
      "",
      " ",
      "hello",
      "PI1.",
      "PI1....",
      "PI1.a.b.c.d",
      "PI1.a.b.c.d.e.f",
      `PI1.${"x".repeat(41)}.Ab3_x-9QzK12.20260310.${"A".repeat(22)}`,
      `PI1.id.short.20260310.${"A".repeat(22)}`,
      `PI1.id.Ab3_x-9QzK12.2026-03-10.${"A".repeat(22)}`,
      `PI1.id with space.Ab3_x-9QzK12.20260310.${"A".repeat(22)}`,
      "PI1.".padEnd(5000, "."),
      "\u0000\u0001",
    ]) {
      expect(() => verifyInvite(KEY, text)).not.toThrow();
      expect(verifyInvite(KEY, text)).toBeNull();
    }
  });

  it("is classified as an invite by the scan classifier, also when typed with Caps Lock on", () => {
    const token = signInvite(KEY, CLAIMS);
    expect(classifyScan(token)).toEqual({ kind: "invite", token });
    const capsLock = [...token].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join("");
    const scan = classifyScan(capsLock);
    expect(scan.kind).toBe("invite");
    expect(scan.kind === "invite" && verifyInvite(KEY, scan.token)).toEqual(CLAIMS);
  });
});
