import { describe, expect, it } from "vitest";
import { comingCount, responderState } from "@/src/staff/alarms/responder-state";

const at = "2026-01-05T10:00:00.000Z";

describe("responderState (what the tablet and the desk show per responder)", () => {
  it("paged only → waiting", () => {
    expect(responderState({ response: null, seenAt: null, deliveredAt: null })).toBe("waiting");
  });
  it("delivered, then seen", () => {
    expect(responderState({ response: null, seenAt: null, deliveredAt: at })).toBe("delivered");
    expect(responderState({ response: null, seenAt: at, deliveredAt: at })).toBe("seen");
  });
  it("an answer wins over seen and delivered", () => {
    expect(responderState({ response: "COMING", seenAt: at, deliveredAt: at })).toBe("coming");
    expect(responderState({ response: "CANT", seenAt: null, deliveredAt: null })).toBe("cant");
  });
  it("counts only the ones coming", () => {
    const r = (response: "COMING" | "CANT" | null) => ({
      staffId: Math.random().toString(36),
      name: "x",
      round: 0,
      pagedAt: at,
      deliveredAt: at,
      seenAt: at,
      respondedAt: response ? at : null,
      response,
    });
    expect(comingCount({ responders: [r("COMING"), r("CANT"), r(null), r("COMING")] })).toBe(2);
    expect(comingCount({ responders: [] })).toBe(0);
  });
});
