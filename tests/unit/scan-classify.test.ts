import fs from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ZXING_WASM_SHA256 } from "zxing-wasm/reader";
import { signInvite } from "@/src/domain/visits/invite-token";
import { classifyScan, mrzLines, newPassId, PASS_ALPHABET, parsePass } from "@/src/domain/visits/scan-classify";
import { createScanDebouncer } from "@/src/kiosk/scan/debounce";
import { normaliseScan } from "@/src/kiosk/scan/normalise";
import { PUBLIC_WASM, sha256File } from "@/src/kiosk/scan/sync-wasm";
import { createWedgeCollector } from "@/src/kiosk/scan/wedge-collector";

const INVITE = signInvite("test-key", { appointmentId: "appt_123", nonce: "nonce12345", day: "2026-11-28" });
const TD1 = ["I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6", "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"];
const TD3 = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"];

/** What a scanner with Caps Lock on types: every letter's case swapped. */
const capsLock = (s: string) => [...s].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join("");

describe("newPassId / parsePass", () => {
  it("makes PP1. + 16 characters from the alphabet without look-alikes, all different", () => {
    const ids = new Set<string>();
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const id = newPassId();
      expect(id).toMatch(/^PP1\.[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{16}$/);
      ids.add(id);
      for (const ch of id.slice(4)) seen.add(ch);
    }
    expect(ids.size).toBe(2000);
    expect([...seen].sort().join("")).toBe([...PASS_ALPHABET].sort().join(""));
  });

  it("reads a pass as scanned or typed: case, spaces and dashes do not matter", () => {
    const id = newPassId();
    expect(parsePass(id)).toBe(id);
    expect(parsePass(` ${id.toLowerCase()} `)).toBe(id);
    const grouped = `${id.slice(0, 8)}-${id.slice(8, 12)} ${id.slice(12)}`;
    expect(parsePass(grouped)).toBe(id);
  });

  it("rejects anything else", () => {
    for (const text of [
      "",
      "PP1.",
      "PP1.ABCDEFGHJKMNPQR", // 15
      "PP1.ABCDEFGHJKMNPQRST", // 17
      "PP1.ABCDEFGHJKMNPQR0", // 0 is not in the alphabet
      "PP1.ABCDEFGHJKMNPQRO",
      "PP2.ABCDEFGHJKMNPQRS",
      "PP1ABCDEFGHJKMNPQRS",
      "x".repeat(10_000),
    ]) {
      expect(parsePass(text)).toBeNull();
    }
  });
});

describe("mrzLines", () => {
  it("splits lines sent with CR, LF, CRLF or concatenated", () => {
    for (const sep of ["\n", "\r", "\r\n", ""]) {
      expect(mrzLines(TD1.join(sep))).toEqual({ format: "TD1", lines: TD1 });
      expect(mrzLines(TD3.join(sep) + sep)).toEqual({ format: "TD3", lines: TD3 });
    }
  });

  it("ignores case and spaces", () => {
    expect(mrzLines(TD3.join("\n").toLowerCase().replace(/<</g, "<< "))).toEqual({ format: "TD3", lines: TD3 });
  });

  it("rejects other shapes, TD2 (2×36) included", () => {
    expect(mrzLines(TD1.slice(0, 2).join("\n"))).toBeNull();
    expect(mrzLines([TD1[0], TD1[1].slice(1), `${TD1[2]}<`].join("\n"))).toBeNull();
    expect(
      mrzLines(["I<UTOD23145890<<<<<<<<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<<<<<<<<6"].join("\n")),
    ).toBeNull();
    expect(mrzLines(`X${TD1.join("").slice(1)}`)).toBeNull(); // not an ID card document code
    expect(mrzLines(`I${TD3.join("").slice(1)}`)).toBeNull(); // 88 characters but not a passport
    expect(mrzLines(TD1.join("\n").replace("<", "#"))).toBeNull();
  });
});

describe("classifyScan", () => {
  it("knows an invite", () => {
    expect(classifyScan(INVITE)).toEqual({ kind: "invite", token: INVITE });
    expect(classifyScan(`  ${INVITE}\r\n`)).toEqual({ kind: "invite", token: INVITE });
  });

  it("undoes a scanner's Caps Lock on an invite or pass", () => {
    expect(capsLock(INVITE)).toMatch(/^pi1\./);
    expect(classifyScan(capsLock(INVITE))).toEqual({ kind: "invite", token: INVITE });
    const pass = newPassId();
    expect(classifyScan(capsLock(pass))).toEqual({ kind: "pass", passId: pass });
  });

  it("calls a malformed invite unknown rather than a pass or MRZ", () => {
    expect(classifyScan("PI1.has spaces.in it")).toEqual({ kind: "unknown" });
    expect(classifyScan("PI1.<script>")).toEqual({ kind: "unknown" });
  });

  it("knows a pass", () => {
    const pass = newPassId();
    expect(classifyScan(pass)).toEqual({ kind: "pass", passId: pass });
    expect(classifyScan(pass.toLowerCase())).toEqual({ kind: "pass", passId: pass });
  });

  it("knows an MRZ of an ID card or passport", () => {
    expect(classifyScan(TD1.join("\r"))).toEqual({ kind: "mrz", format: "TD1", lines: TD1 });
    expect(classifyScan(TD3.join(""))).toEqual({ kind: "mrz", format: "TD3", lines: TD3 });
  });

  it("calls garbage unknown", () => {
    for (const text of ["", "   ", "hello", "4006381333931", "https://example.org/", "x".repeat(100_000)]) {
      expect(classifyScan(text)).toEqual({ kind: "unknown" });
    }
    expect(classifyScan(undefined as unknown as string)).toEqual({ kind: "unknown" });
  });

  it("never throws", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 600 }), (text) => {
        const kind = classifyScan(text).kind;
        expect(["invite", "pass", "mrz", "unknown"]).toContain(kind);
      }),
    );
  });
});

// --- The kiosk's scan inputs (src/kiosk/scan): what reaches onScan(text, source).

describe("normaliseScan", () => {
  it("keeps the text and its case, trimming what scanners add around it", () => {
    expect(normaliseScan(`  ${INVITE}\r\n`)).toBe(INVITE);
    expect(normaliseScan("\u001dPP1.ABCDEFGHJKMNPQRS\u0000")).toBe("PP1.ABCDEFGHJKMNPQRS");
    expect(normaliseScan(`]Q1${INVITE}`)).toBe(INVITE); // AIM symbology identifier
  });

  it("turns CR, CRLF and blank lines into single newlines (MRZ)", () => {
    expect(normaliseScan(`${TD1.join("\r")}\r`)).toBe(TD1.join("\n"));
    expect(normaliseScan(`${TD3.join("\r\n\r\n")}\r\n`)).toBe(TD3.join("\n"));
    expect(classifyScan(normaliseScan(TD1.join("\r\n")))).toMatchObject({ kind: "mrz", format: "TD1" });
  });

  it("never throws", () => {
    expect(normaliseScan(undefined as unknown as string)).toBe("");
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(typeof normaliseScan(text)).toBe("string");
      }),
    );
  });
});

describe("createScanDebouncer", () => {
  it("makes a code held in view one scan, and a new code or a later showing a new one", () => {
    const d = createScanDebouncer(3000);
    expect(d.accept("A", 0)).toBe(true);
    expect(d.accept("A", 125)).toBe(false);
    expect(d.accept("A", 2900)).toBe(false);
    expect(d.accept("A", 5800)).toBe(false); // still in view: each sighting within 3 s of the last
    expect(d.accept("B", 5900)).toBe(true);
    expect(d.accept("A", 6000)).toBe(true);
    expect(d.accept("A", 9001)).toBe(true); // gone for over 3 s, shown again
    d.reset();
    expect(d.accept("A", 9002)).toBe(true);
  });
});

describe("createWedgeCollector", () => {
  /** Feeds keys `gap` ms apart from `start`; returns the time after the last key. */
  function type(c: ReturnType<typeof createWedgeCollector>, text: string, start: number, gap: number, enter = true) {
    let t = start;
    const swallowed: boolean[] = [];
    for (const key of [...text, ...(enter ? ["Enter"] : [])]) {
      swallowed.push(c.key(key, t).swallow);
      t += gap;
    }
    return { t, swallowed };
  }

  it("emits a fast burst ending in Enter at once, and swallows its Enter", () => {
    const out: string[] = [];
    const c = createWedgeCollector((text) => out.push(text));
    const { swallowed } = type(c, "PP1.ABCDEFGHJKMNPQRS", 1000, 8);
    expect(out).toEqual(["PP1.ABCDEFGHJKMNPQRS"]);
    expect(swallowed.at(-1)).toBe(true);
  });

  it("tolerates jitter: some gaps over 50 ms while the average stays fast", () => {
    const out: string[] = [];
    const c = createWedgeCollector((text) => out.push(text));
    const gaps = [5, 60, 8, 8, 80, 9, 10, 7, 66, 8, 9, 8];
    let t = 0;
    for (const [i, key] of [..."PP1.ABCDEFGH"].entries()) {
      t += gaps[i];
      c.key(key, t);
    }
    c.key("Enter", t + 9);
    expect(out).toEqual(["PP1.ABCDEFGH"]);
  });

  it("ignores a person typing, and short bursts", () => {
    const out: string[] = [];
    const c = createWedgeCollector((text) => out.push(text));
    const { t, swallowed } = type(c, "hello world", 0, 120);
    type(c, "ab", t + 500, 5); // two fast keys and Enter: too short
    type(c, "quick", t + 1000, 70); // a fast typist
    expect(out).toEqual([]);
    expect(swallowed.every((s) => !s)).toBe(true);
  });

  it("drops a stray key pressed just before the burst", () => {
    const out: string[] = [];
    const c = createWedgeCollector((text) => out.push(text));
    c.key("x", 0);
    type(c, "PP1.ABCDEFGHJKMNPQRS", 140, 5);
    expect(out).toEqual(["PP1.ABCDEFGHJKMNPQRS"]);
  });

  it("joins the lines of an MRZ reader into one scan", () => {
    const td1: string[] = [];
    const c1 = createWedgeCollector((text) => td1.push(text));
    let t = 0;
    for (const line of TD1) t = type(c1, line, t + 30, 4).t;
    expect(td1).toEqual([TD1.join("\n")]); // complete after the third line: no waiting

    const td3: string[] = [];
    const c3 = createWedgeCollector((text) => td3.push(text));
    t = type(c3, TD3[0], 0, 4).t;
    expect(td3).toEqual([]); // waits for the next line
    expect(c3.tick(t + 100)).toBeGreaterThan(0);
    t = type(c3, TD3[1], t + 100, 4).t;
    expect(td3).toEqual([TD3.join("\n")]);
  });

  it("gives up waiting ~150 ms after the last line, sending what it has", () => {
    const out: string[] = [];
    const c = createWedgeCollector((text) => out.push(text));
    const { t } = type(c, TD1[0], 0, 4);
    expect(c.tick(t + 100)).toBeGreaterThan(0);
    expect(out).toEqual([]);
    expect(c.tick(t + 200)).toBe(Number.POSITIVE_INFINITY);
    expect(out).toEqual([TD1[0]]);
  });

  it("keeps waiting while the next line is still coming in slowly", () => {
    const out: string[] = [];
    const c = createWedgeCollector((text) => out.push(text));
    let { t } = type(c, TD1[0], 0, 4);
    for (const line of TD1.slice(1)) t = type(c, line, t + 20, 12).t; // 30 keys × 12 ms > 150 ms
    expect(out).toEqual([TD1.join("\n")]);
  });

  it("ignores modifier keys inside a burst and honours its options", () => {
    const out: string[] = [];
    const c = createWedgeCollector((text) => out.push(text), { minLength: 2, maxGapMs: 20, breakGapMs: undefined });
    c.key("Shift", 0);
    c.key("A", 1);
    c.key("Shift", 2);
    c.key("b", 3);
    c.key("Enter", 4);
    type(c, "slow", 100, 30);
    expect(out).toEqual(["Ab"]);
  });
});

describe("self-hosted decoder binary", () => {
  it("public/scan/zxing_reader.wasm is the one the installed zxing-wasm expects", () => {
    expect(fs.existsSync(PUBLIC_WASM)).toBe(true);
    expect(sha256File(PUBLIC_WASM)).toBe(ZXING_WASM_SHA256);
  });
});
