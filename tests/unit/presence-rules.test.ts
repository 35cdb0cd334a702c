// Pure rules of staff presence: the badge format, the double-scan rule and the end-of-day closing
// time (also on the days the clock changes). Time is passed in: no clock is read.
import { describe, expect, it } from "vitest";
import { localInstant, parseWallClock, wallClock, zonedInstant } from "@/src/domain/local-day";
import {
  closingOn,
  DOUBLE_SCAN_MS,
  decideBadgeScan,
  greetingAt,
  type LastChange,
  nextClosing,
  parseBadge,
} from "@/src/domain/presence/rules";
import { classifyScan } from "@/src/domain/visits/scan-classify";
import { isStaffBadge, looksLikeCode } from "@/src/kiosk/components/kiosk-machine";

const AMS = "Europe/Amsterdam";

describe("badge codes", () => {
  it("recognises BADGE- codes in any case and canonicalises them", () => {
    expect(parseBadge("BADGE-0001")).toBe("BADGE-0001");
    expect(parseBadge("  badge-0001 ")).toBe("BADGE-0001");
    expect(parseBadge("BADGE-")).toBeNull();
    expect(parseBadge("BADGE-00 01")).toBeNull();
    expect(parseBadge("PP1.7KQ2M9XWRTH4B3ZC")).toBeNull();
    expect(parseBadge(`BADGE-${"1".repeat(33)}`)).toBeNull();
  });

  it("is a kind of its own in the kiosk's scan classification; other kinds are unchanged", () => {
    expect(classifyScan("BADGE-0003")).toEqual({ kind: "badge", code: "BADGE-0003" });
    expect(classifyScan("badge-0003")).toEqual({ kind: "badge", code: "BADGE-0003" });
    expect(classifyScan("PP1.7KQ2M9XWRTH4B3ZC")).toEqual({ kind: "pass", passId: "PP1.7KQ2M9XWRTH4B3ZC" });
    expect(classifyScan("PI1.abc.def").kind).toBe("invite");
    expect(classifyScan("BADGE 0003").kind).toBe("unknown");
    expect(classifyScan("hello").kind).toBe("unknown");
  });

  it("goes to the server from every kiosk screen that takes a scan (also the leave screen)", () => {
    expect(looksLikeCode("BADGE-0001")).toBe(true);
    expect(isStaffBadge(" BADGE-0001 ")).toBe(true);
    expect(isStaffBadge("PP1.7KQ2M9XWRTH4B3ZC")).toBe(false);
  });
});

describe("the double-scan rule", () => {
  const at = new Date("2026-03-10T09:00:00Z");
  const later = (ms: number) => new Date(at.getTime() + ms);
  const signedInByBadge: LastChange = { signedIn: true, at, method: "BADGE_KIOSK", locationId: "A" };

  it("toggles: signed out (or never seen) → sign in, signed in here → sign out", () => {
    expect(decideBadgeScan(null, "A", at)).toBe("sign-in");
    expect(decideBadgeScan({ ...signedInByBadge, signedIn: false }, "A", later(DOUBLE_SCAN_MS))).toBe("sign-in");
    expect(decideBadgeScan(signedInByBadge, "A", later(DOUBLE_SCAN_MS))).toBe("sign-out");
  });

  it("repeats the answer for a second badge scan within the window at the same location", () => {
    expect(decideBadgeScan(signedInByBadge, "A", later(1))).toBe("repeat");
    expect(decideBadgeScan(signedInByBadge, "A", later(DOUBLE_SCAN_MS - 1))).toBe("repeat");
    expect(decideBadgeScan({ ...signedInByBadge, signedIn: false }, "A", later(3_000))).toBe("repeat");
  });

  it("does not hold back a change made another way or elsewhere", () => {
    // One tap on the dashboard, then the badge at the door seconds later: the badge counts.
    expect(decideBadgeScan({ ...signedInByBadge, method: "DASHBOARD" }, "A", later(2_000))).toBe("sign-out");
    // Signed in at A by badge, then scanned at B: signed in at B (which closes A).
    expect(decideBadgeScan(signedInByBadge, "B", later(2_000))).toBe("sign-in");
  });
});

describe("closing time", () => {
  it("parses HH:MM", () => {
    expect(parseWallClock("22:00")).toBe(22 * 60);
    expect(parseWallClock("07:30")).toBe(7 * 60 + 30);
    expect(parseWallClock("24:00")).toBeNull();
    expect(parseWallClock("9:00")).toBeNull();
  });

  it("is the local wall-clock time, in winter and in summer", () => {
    expect(closingOn("2026-03-10", "22:00", AMS).toISOString()).toBe("2026-03-10T21:00:00.000Z");
    expect(closingOn("2026-07-01", "22:00", AMS).toISOString()).toBe("2026-07-01T20:00:00.000Z");
  });

  it("is right on the days the clock changes (DST)", () => {
    // Spring forward: Sunday 29 March 2026 at 02:00 → 03:00.
    expect(closingOn("2026-03-29", "22:00", AMS).toISOString()).toBe("2026-03-29T20:00:00.000Z");
    expect(closingOn("2026-03-29", "01:30", AMS).toISOString()).toBe("2026-03-29T00:30:00.000Z");
    // Fall back: Sunday 25 October 2026 at 03:00 → 02:00.
    expect(closingOn("2026-10-25", "22:00", AMS).toISOString()).toBe("2026-10-25T21:00:00.000Z");
    expect(closingOn("2026-10-25", "12:00", AMS).toISOString()).toBe("2026-10-25T11:00:00.000Z");
    // A time in the spring-forward gap happens when the clock shows it again (an hour later).
    expect(localInstant("2026-03-29", 2 * 60 + 30, AMS).toISOString()).toBe("2026-03-29T01:30:00.000Z");
  });

  it("a wall-clock HH:MM on a day and back (appointment forms), also when the clock changes", () => {
    for (const day of ["2026-03-10", "2026-03-29", "2026-10-25"]) {
      for (const time of ["00:15", "09:30", "13:45", "23:59"]) {
        expect(wallClock(zonedInstant(day, time, AMS), AMS), `${day} ${time}`).toBe(time);
      }
    }
    expect(zonedInstant("2026-10-25", "10:00", AMS).toISOString()).toBe("2026-10-25T09:00:00.000Z");
    expect(() => zonedInstant("2026-10-25", "25:00", AMS)).toThrow();
  });

  it("falls back to 22:00 for an invalid closesAt", () => {
    expect(closingOn("2026-03-10", "late", AMS).toISOString()).toBe("2026-03-10T21:00:00.000Z");
  });

  it("next closing: today's while it is ahead, else tomorrow's", () => {
    expect(nextClosing(new Date("2026-03-10T20:59:59Z"), "22:00", AMS)).toEqual({
      day: "2026-03-10",
      at: new Date("2026-03-10T21:00:00Z"),
    });
    expect(nextClosing(new Date("2026-03-10T21:00:00Z"), "22:00", AMS)).toEqual({
      day: "2026-03-11",
      at: new Date("2026-03-11T21:00:00Z"),
    });
    // Across the spring-forward night the next closing is 23 hours later, not 24.
    expect(nextClosing(new Date("2026-03-28T21:00:00Z"), "22:00", AMS).at.toISOString()).toBe(
      "2026-03-29T20:00:00.000Z",
    );
  });

  it("greets by the local part of the day", () => {
    expect(greetingAt(new Date("2026-03-10T08:00:00Z"), AMS)).toBe("morning");
    expect(greetingAt(new Date("2026-03-10T12:00:00Z"), AMS)).toBe("afternoon");
    expect(greetingAt(new Date("2026-03-10T19:00:00Z"), AMS)).toBe("evening");
  });
});
