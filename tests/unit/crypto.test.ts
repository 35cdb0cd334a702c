import { describe, expect, it } from "vitest";
import { hmac, humanCode, normaliseCode, randomToken, safeEqual, sha256 } from "@/src/domain/crypto";

const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

describe("humanCode", () => {
  it("has 8 characters by default, from an alphabet without look-alikes", () => {
    for (let i = 0; i < 500; i++) {
      const code = humanCode();
      expect(code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/);
      expect(code).not.toMatch(/[01OIL]/);
    }
  });

  it("honours the requested length", () => {
    expect(humanCode(4)).toHaveLength(4);
    expect(humanCode(12)).toHaveLength(12);
  });

  it("uses the whole alphabet and is not constant", () => {
    const seen = new Set<string>();
    const codes = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const code = humanCode();
      codes.add(code);
      for (const ch of code) seen.add(ch);
    }
    expect(codes.size).toBeGreaterThan(495);
    expect([...seen].sort().join("")).toBe([...ALPHABET].sort().join(""));
  });
});

describe("normaliseCode", () => {
  it("ignores case, spaces and dashes", () => {
    expect(normaliseCode("abcd-efgh")).toBe("ABCDEFGH");
    expect(normaliseCode(" ab cd\tef-gh ")).toBe("ABCDEFGH");
    expect(normaliseCode("K7-M9 PQ")).toBe("K7M9PQ");
  });

  it("round-trips a generated code typed sloppily", () => {
    const code = humanCode();
    const typed = `${code.slice(0, 4).toLowerCase()} - ${code.slice(4)}`;
    expect(normaliseCode(typed)).toBe(code);
  });
});

describe("hashes", () => {
  it("hmac is deterministic, keyed and hex", () => {
    const a = hmac("key-1", "badge:BADGE-0001");
    expect(a).toBe(hmac("key-1", "badge:BADGE-0001"));
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(hmac("key-2", "badge:BADGE-0001")).not.toBe(a);
    expect(hmac("key-1", "badge:BADGE-0002")).not.toBe(a);
    // RFC 4231 test case 2
    expect(hmac("Jefe", "what do ya want for nothing?")).toBe(
      "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
    );
  });

  it("sha256 matches the standard vector", () => {
    expect(sha256("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("randomToken is url-safe and unique", () => {
    const t = randomToken();
    expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomToken()).not.toBe(t);
  });

  it("safeEqual compares exactly, also with different lengths", () => {
    expect(safeEqual("abc", "abc")).toBe(true);
    expect(safeEqual("abc", "abd")).toBe(false);
    expect(safeEqual("abc", "abcd")).toBe(false);
    expect(safeEqual("", "")).toBe(true);
  });
});
