// The wait-time thresholds and the risk-check cadence as pure rules, on a ManualClock.
import { describe, expect, it } from "vitest";
import { ManualClock } from "@/src/domain/clock";
import { nextRiskCheckAt } from "@/src/domain/visits/risk-checks";
import {
  locationHasWaitAlerts,
  waitAlertDueAt,
  waitAlertLevelAt,
  wantsWaitAlerts,
} from "@/src/domain/visits/wait-alerts";

const MINUTE = 60_000;
const checkedInAt = new Date("2026-11-28T09:00:00+01:00");

describe("wait-time thresholds", () => {
  it("level 1 falls due exactly at the threshold, level 2 at twice it", () => {
    expect(waitAlertDueAt(checkedInAt, 10, 1).getTime() - checkedInAt.getTime()).toBe(10 * MINUTE);
    expect(waitAlertDueAt(checkedInAt, 10, 2).getTime() - checkedInAt.getTime()).toBe(20 * MINUTE);
    expect(waitAlertDueAt(checkedInAt, 7, 2).getTime() - checkedInAt.getTime()).toBe(14 * MINUTE);
  });

  it("the level reached moves with the clock: exact boundaries, never above 2", () => {
    const clock = new ManualClock(checkedInAt);
    const level = () => waitAlertLevelAt(checkedInAt, clock.now(), 10);
    expect(level()).toBe(0);
    clock.advance(10 * MINUTE - 1);
    expect(level()).toBe(0);
    clock.advance(1);
    expect(level()).toBe(1);
    clock.advance(10 * MINUTE - 1);
    expect(level()).toBe(1);
    clock.advance(1);
    expect(level()).toBe(2);
    clock.advance(10 * 60 * MINUTE);
    expect(level()).toBe(2);
  });

  it("only at appointment-based locations, and not for banned or rules-declined visits", () => {
    expect(locationHasWaitAlerts("APPOINTMENT")).toBe(true);
    expect(locationHasWaitAlerts("WALK_IN")).toBe(false);
    expect(locationHasWaitAlerts("RESIDENTIAL")).toBe(false);
    expect(wantsWaitAlerts({})).toBe(true);
    expect(wantsWaitAlerts({ banAlert: true })).toBe(false);
    expect(wantsWaitAlerts({ rulesDeclined: true })).toBe(false);
  });
});

describe("risk-check cadence", () => {
  it("prompts every N minutes after the conversation starts", () => {
    const clock = new ManualClock(checkedInAt);
    const due: number[] = [];
    let next = nextRiskCheckAt(clock.now(), 10);
    for (let i = 0; i < 3; i++) {
      clock.set(next);
      due.push((clock.now().getTime() - checkedInAt.getTime()) / MINUTE);
      next = nextRiskCheckAt(clock.now(), 10);
    }
    expect(due).toEqual([10, 20, 30]);
    expect(nextRiskCheckAt(checkedInAt, 5).getTime() - checkedInAt.getTime()).toBe(5 * MINUTE);
  });
});
