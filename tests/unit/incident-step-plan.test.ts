// The framework's step plan after an incident, as pure rules (src/domain/incidents/step-plan.ts).
import { describe, expect, it } from "vitest";
import {
  aftercareDueDates,
  banReasonFor,
  clampFollowUpDays,
  closeBlockers,
  responseDeadline,
  type StepState,
  stepPlan,
} from "@/src/domain/incidents/step-plan";

const base: StepState = {
  category: "IK_GEDRAG",
  endedEarly: false,
  acuteDanger: false,
  managerInformed: false,
  vptReported: false,
  called112: false,
  complaintStatus: null,
  complaintReason: null,
  responded: false,
  aftercareOpen: 3,
};
const keys = (s: Partial<StepState>) => stepPlan({ ...base, ...s }).map((step) => step.key);
const step = (s: Partial<StepState>, key: string) => stepPlan({ ...base, ...s }).find((x) => x.key === key);

describe("step plan", () => {
  it("emotional behaviour redirected: no report, but the manager is still informed", () => {
    expect(keys({})).toEqual(["REDIRECTED", "MANAGER_INFORMED", "RESPONSE_48H", "AFTERCARE"]);
    expect(keys({ category: "JULLIE_GEDRAG" })).not.toContain("VPT_REPORT");
  });

  it("a conversation ended early: inform the manager, a VPT report is advised", () => {
    expect(keys({ endedEarly: true })).toEqual(["MANAGER_INFORMED", "VPT_REPORT", "RESPONSE_48H", "AFTERCARE"]);
    expect(step({ endedEarly: true }, "VPT_REPORT")).toMatchObject({ required: false, blocksClose: false });
  });

  it("jij-gedrag without a complaint: a VPT report is required", () => {
    expect(step({ category: "JIJ_GEDRAG" }, "VPT_REPORT")).toMatchObject({ required: true, done: false });
    expect(step({ category: "JIJ_GEDRAG", vptReported: true }, "VPT_REPORT")?.done).toBe(true);
    expect(keys({ category: "JIJ_GEDRAG" })).not.toContain("CRIMINAL_COMPLAINT");
  });

  it("physical violence: a criminal complaint is always required and blocks closing", () => {
    expect(step({ category: "PHYSICAL" }, "CRIMINAL_COMPLAINT")).toMatchObject({
      required: true,
      done: false,
      blocksClose: true,
    });
    expect(closeBlockers({ ...base, category: "PHYSICAL", managerInformed: true })).toEqual(["CRIMINAL_COMPLAINT"]);
  });

  it("physical violence: a filed complaint, or not filed with a reason, settles it; planned does not", () => {
    const physical = { ...base, category: "PHYSICAL" as const, managerInformed: true };
    expect(closeBlockers({ ...physical, complaintStatus: "FILED" })).toEqual([]);
    expect(closeBlockers({ ...physical, complaintStatus: "PLANNED" })).toEqual(["CRIMINAL_COMPLAINT"]);
    expect(closeBlockers({ ...physical, complaintStatus: "NOT_FILED", complaintReason: "  " })).toEqual([
      "CRIMINAL_COMPLAINT",
    ]);
    expect(closeBlockers({ ...physical, complaintStatus: "NOT_FILED", complaintReason: "victim declined" })).toEqual(
      [],
    );
  });

  it("a filed complaint replaces the VPT report", () => {
    expect(keys({ category: "PHYSICAL", complaintStatus: "FILED" })).not.toContain("VPT_REPORT");
    expect(keys({ category: "PHYSICAL", complaintStatus: "NOT_FILED", complaintReason: "x" })).toContain("VPT_REPORT");
  });

  it("acute danger adds 112", () => {
    expect(keys({ acuteDanger: true })).toContain("CALL_112");
    expect(step({ acuteDanger: true, called112: true }, "CALL_112")?.done).toBe(true);
  });

  it("the manager must be informed before closing, whatever the category", () => {
    expect(closeBlockers(base)).toEqual(["MANAGER_INFORMED"]);
    expect(closeBlockers({ ...base, managerInformed: true })).toEqual([]);
  });

  it("response and aftercare show as done when recorded, and never block closing", () => {
    const s = { ...base, responded: true, aftercareOpen: 0 };
    expect(step(s, "RESPONSE_48H")?.done).toBe(true);
    expect(step(s, "AFTERCARE")?.done).toBe(true);
    expect(step(base, "RESPONSE_48H")?.blocksClose).toBe(false);
  });
});

describe("deadlines", () => {
  const at = new Date("2026-03-10T09:00:00Z");
  it("aftercare: within a day, after N days (default 3), at the latest at 14 days", () => {
    const d = aftercareDueDates(at, null);
    expect(d.FIRST.toISOString()).toBe("2026-03-11T09:00:00.000Z");
    expect(d.FOLLOW_UP.toISOString()).toBe("2026-03-13T09:00:00.000Z");
    expect(d.FINAL.toISOString()).toBe("2026-03-24T09:00:00.000Z");
    expect(aftercareDueDates(at, 5).FOLLOW_UP.toISOString()).toBe("2026-03-15T09:00:00.000Z");
  });

  it("the follow-up stays between 1 and 13 days", () => {
    expect(clampFollowUpDays(0)).toBe(1);
    expect(clampFollowUpDays(30)).toBe(13);
    expect(clampFollowUpDays(undefined)).toBe(3);
    expect(clampFollowUpDays(2.5)).toBe(3);
  });

  it("the perpetrator's response is due 48 hours after the incident, reminded 12 hours before", () => {
    const { dueAt, remindAt } = responseDeadline(at);
    expect(dueAt.toISOString()).toBe("2026-03-12T09:00:00.000Z");
    expect(remindAt.toISOString()).toBe("2026-03-11T21:00:00.000Z");
  });

  it("a building ban's reason follows the category", () => {
    expect(banReasonFor("PHYSICAL")).toBe("PHYSICAL_VIOLENCE");
    expect(banReasonFor("JIJ_GEDRAG")).toBe("THREAT");
    expect(banReasonFor("IK_GEDRAG")).toBe("AGGRESSION");
  });
});
