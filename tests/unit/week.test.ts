import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, weekStartOf } from "@/src/domain/local-day";

describe("calendar weeks", () => {
  it("a week starts on the Monday, also across months, years and the clock change", () => {
    expect(weekStartOf("2026-11-28")).toBe("2026-11-23"); // Saturday
    expect(weekStartOf("2026-11-29")).toBe("2026-11-23"); // Sunday belongs to the week before
    expect(weekStartOf("2026-11-30")).toBe("2026-11-30"); // Monday
    expect(weekStartOf("2027-01-01")).toBe("2026-12-28");
    expect(weekStartOf("2026-03-29")).toBe("2026-03-23"); // summer time starts that Sunday
  });

  it("adds days over month and year ends and leap days", () => {
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  });

  it("every day is within six days after its week's Monday", () => {
    const day = fc.date({ min: new Date("2000-01-01"), max: new Date("2100-01-01"), noInvalidDate: true });
    fc.assert(
      fc.property(day, (d) => {
        const iso = d.toISOString().slice(0, 10);
        const monday = weekStartOf(iso);
        expect(new Date(`${monday}T00:00:00Z`).getUTCDay()).toBe(1);
        const diff = (Date.parse(iso) - Date.parse(monday)) / 86_400_000;
        expect(diff).toBeGreaterThanOrEqual(0);
        expect(diff).toBeLessThanOrEqual(6);
      }),
    );
  });
});
