import { describe, expect, it } from "vitest";

describe("test environment", () => {
  it("runs in Europe/Amsterdam time", () => {
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe("Europe/Amsterdam");
    expect(new Date("2026-07-01T12:00:00Z").getTimezoneOffset()).toBe(-120); // CEST
    expect(new Date("2026-01-15T12:00:00Z").getTimezoneOffset()).toBe(-60); // CET
  });
});
