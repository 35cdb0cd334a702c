// The alarm's timing rules with plain dates: cancel window, escalation steps, when a step fires,
// and how a second press joins an alarm.
import { describe, expect, it } from "vitest";
import {
  CANCEL_WINDOW_MS,
  canCancel,
  confirmAtFor,
  escalationSteps,
  hasCancelWindow,
  joinLevel,
  RESEND_AFTER_MS,
  shouldEscalate,
} from "@/src/domain/alarms/alarm-policy";

const T = new Date("2026-03-10T09:00:00.000Z");
const plus = (ms: number) => new Date(T.getTime() + ms).toISOString();

describe("cancel window", () => {
  it("is five seconds for a room tablet, nothing for buttons, the risk check and tests", () => {
    expect(CANCEL_WINDOW_MS).toBe(5000);
    expect(confirmAtFor("ROOM_TABLET", T).toISOString()).toBe(plus(5000));
    for (const source of ["BUTTON_MQTT", "BUTTON_WEBHOOK", "RISK_CHECK", "TEST"] as const) {
      expect(hasCancelWindow(source)).toBe(false);
      expect(confirmAtFor(source, T).toISOString()).toBe(T.toISOString());
    }
  });

  it("allows cancelling only while the alarm is PENDING", () => {
    expect(canCancel({ status: "PENDING" })).toBe(true);
    expect(canCancel({ status: "OPEN" })).toBe(false);
    expect(canCancel({ status: "CANCELLED" })).toBe(false);
    expect(canCancel({ status: "CLOSED" })).toBe(false);
  });

  it("re-sends unacknowledged pages after two seconds", () => {
    expect(RESEND_AFTER_MS).toBe(2000);
  });
});

describe("escalation steps", () => {
  it("counts both steps from the moment the responders were paged (defaults 30 s and 90 s)", () => {
    const steps = escalationSteps({ alarmEscalateAllSeconds: 30, alarmCall112Seconds: 90 }, T);
    expect(steps.map((s) => ({ step: s.step, dueAt: s.dueAt.toISOString() }))).toEqual([
      { step: 1, dueAt: plus(30_000) },
      { step: 2, dueAt: plus(90_000) },
    ]);
  });

  it("follows the location's settings", () => {
    const steps = escalationSteps({ alarmEscalateAllSeconds: 10, alarmCall112Seconds: 45 }, T);
    expect(steps.map((s) => s.dueAt.toISOString())).toEqual([plus(10_000), plus(45_000)]);
  });

  it("never schedules a step before the alarm opened", () => {
    const steps = escalationSteps({ alarmEscalateAllSeconds: -5, alarmCall112Seconds: 0 }, T);
    expect(steps.map((s) => s.dueAt.toISOString())).toEqual([T.toISOString(), T.toISOString()]);
  });
});

describe("shouldEscalate", () => {
  const open = { status: "OPEN" as const, escalation: 0 };
  it("fires when nobody is coming", () => {
    expect(shouldEscalate(open, [], 1)).toBe(true);
    expect(shouldEscalate(open, [{ response: null }, { response: "CANT" }], 1)).toBe(true);
    expect(shouldEscalate(open, [{ response: "CANT" }], 2)).toBe(true);
  });

  it("does not fire once someone is coming", () => {
    expect(shouldEscalate(open, [{ response: "CANT" }, { response: "COMING" }], 1)).toBe(false);
    expect(shouldEscalate({ status: "OPEN", escalation: 1 }, [{ response: "COMING" }], 2)).toBe(false);
  });

  it("does not fire for an alarm that is not open", () => {
    for (const status of ["PENDING", "CANCELLED", "CLOSED"] as const) {
      expect(shouldEscalate({ status, escalation: 0 }, [], 1)).toBe(false);
    }
  });

  it("fires each step once, in order, and step 2 even when step 1 was skipped", () => {
    expect(shouldEscalate({ status: "OPEN", escalation: 1 }, [], 1)).toBe(false);
    expect(shouldEscalate({ status: "OPEN", escalation: 1 }, [], 2)).toBe(true);
    expect(shouldEscalate({ status: "OPEN", escalation: 2 }, [], 2)).toBe(false);
    expect(shouldEscalate({ status: "OPEN", escalation: 0 }, [], 2)).toBe(true);
  });
});

describe("joinLevel", () => {
  it("EMERGENCY wins over ASSISTANCE, in either order", () => {
    expect(joinLevel("ASSISTANCE", "ASSISTANCE")).toBe("ASSISTANCE");
    expect(joinLevel("ASSISTANCE", "EMERGENCY")).toBe("EMERGENCY");
    expect(joinLevel("EMERGENCY", "ASSISTANCE")).toBe("EMERGENCY");
    expect(joinLevel("EMERGENCY", "EMERGENCY")).toBe("EMERGENCY");
  });
});
