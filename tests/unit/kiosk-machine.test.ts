// The kiosk flow (src/kiosk/components/kiosk-machine.ts) and its small pure helpers: the reducer,
// the garbage filter for scans, the walk-in validation, the inactivity timer and how server
// answers are read.
import { describe, expect, it } from "vitest";
import type { KioskOutcome } from "@/src/domain/visits/kiosk-outcome";
import {
  asLeaveCode,
  checkOutInputFor,
  dateOfBirthFrom,
  finalOutcomeMs,
  holdsVisitorState,
  initialKioskState,
  isFinalOutcome,
  type KioskAction,
  type KioskMachineState,
  type KioskRequest,
  kioskReducer,
  looksLikeCode,
  parseQueueNumber,
  validateWalkInFull,
  validateWalkInMinimal,
} from "@/src/kiosk/components/kiosk-machine";
import { inactivityStatus } from "@/src/kiosk/use-inactivity-reset";
import { interpretKioskResponse } from "@/src/kiosk/use-kiosk-api";

const run = (actions: KioskAction[], start: KioskMachineState = initialKioskState("nl")) =>
  actions.reduce(kioskReducer, start);

const rules: KioskOutcome = {
  step: "rules",
  pending: "token",
  firstName: "Sam",
  rules: { version: 2, language: "nl", title: "Huisregels", body: "1. Wees aardig." },
};
const request: KioskRequest = { path: "check-in", body: { pending: "token", decision: "accept" } };

describe("kiosk reducer", () => {
  it("starts idle in the default language, holding nothing of a visitor", () => {
    const s = initialKioskState("nl");
    expect(s.screen).toEqual({ name: "idle" });
    expect(s.language).toBe("nl");
    expect(holdsVisitorState(s)).toBe(false);
  });

  it("a language choice, a screen or a queue number is visitor state", () => {
    expect(holdsVisitorState(run([{ type: "language", language: "ar" }]))).toBe(true);
    expect(holdsVisitorState(run([{ type: "open", screen: "scan" }]))).toBe(true);
    expect(holdsVisitorState(run([{ type: "queue-number", number: 7 }]))).toBe(true);
  });

  it("goes through the house rules to checked in", () => {
    const s = run([
      { type: "language", language: "pl" },
      { type: "open-walk-in", mode: "FULL" },
      { type: "request" },
      { type: "answer", outcome: rules },
    ]);
    expect(s.busy).toBe(false);
    expect(s.screen).toEqual({ name: "outcome", outcome: rules });
    const done = kioskReducer(kioskReducer(s, { type: "request" }), {
      type: "answer",
      outcome: { step: "checked-in", firstName: "Sam", leaveCode: "123456", waitAlertMinutes: 10 },
    });
    expect(done.screen.name).toBe("outcome");
    expect(done.language).toBe("pl");
  });

  it("a walk-in-form answer opens the form of that mode", () => {
    const s = run([{ type: "request" }, { type: "answer", outcome: { step: "walk-in-form", mode: "MINIMAL" } }]);
    expect(s.screen).toEqual({ name: "walk-in", mode: "MINIMAL" });
  });

  it("does not change screens while a request is in flight", () => {
    const s = run([{ type: "open", screen: "scan" }, { type: "request" }, { type: "open", screen: "leave" }]);
    expect(s.screen).toEqual({ name: "scan" });
  });

  it("reset forgets everything: screen, language, queue number, notice; the session changes", () => {
    const s = run([
      { type: "language", language: "ar" },
      { type: "queue-number", number: 12 },
      { type: "open", screen: "scan" },
      { type: "notice", notice: "unknown-code" },
      { type: "request" },
      { type: "answer", outcome: rules },
      { type: "reset" },
    ]);
    expect(s).toEqual(initialKioskState("nl", 1));
    expect(holdsVisitorState(s)).toBe(false);
  });

  it("counts unreachable attempts for the same request", () => {
    const s = run([
      { type: "request" },
      { type: "unreachable", request },
      { type: "request" },
      { type: "unreachable", request },
    ]);
    expect(s.screen).toEqual({ name: "unreachable", request, attempts: 2 });
    expect(s.busy).toBe(false);
  });

  it("a queue number is kept until it is used, and replaced by a new one", () => {
    const queued = run([
      { type: "queue-number", number: 4 },
      { type: "request" },
      { type: "answer", outcome: { step: "queued", number: 9, ahead: 3 } },
    ]);
    expect(queued.queueNumber).toBe(9);
    const inside = run(
      [
        { type: "request" },
        { type: "answer", outcome: { step: "checked-in", firstName: null, leaveCode: "", waitAlertMinutes: 10 } },
      ],
      run([{ type: "queue-number", number: 4 }]),
    );
    expect(inside.queueNumber).toBeNull();
  });

  it("knows which outcomes end the visit, and for how long they stay", () => {
    expect(isFinalOutcome(rules)).toBe(false);
    expect(isFinalOutcome({ step: "walk-in-form", mode: "FULL" })).toBe(false);
    for (const o of [
      { step: "checked-in", firstName: "A", leaveCode: "1", waitAlertMinutes: 10 },
      { step: "checked-out", firstName: null },
      { step: "see-desk", reason: "code" },
      { step: "please-wait" },
      { step: "queued", number: 1, ahead: 0 },
      { step: "document-refused", reason: "expired" },
    ] as KioskOutcome[]) {
      expect(isFinalOutcome(o)).toBe(true);
      expect(finalOutcomeMs(o)).toBeGreaterThanOrEqual(8_000);
      expect(finalOutcomeMs(o)).toBeLessThanOrEqual(10_000);
    }
  });
});

describe("scan input", () => {
  it("accepts what could be a pass, an invite or an MRZ; ignores garbage", () => {
    expect(looksLikeCode("PP1.DEMQ7KX2PASS4WZ8")).toBe(true);
    expect(looksLikeCode("pp1.demq-7kx2-pass-4wz8")).toBe(true);
    expect(looksLikeCode("PI1.abc.def")).toBe(true);
    expect(
      looksLikeCode("I<NLDSPECI20212<<<<<<<<<<<<<<<\n6503101F3103097NLD<<<<<<<<<<<8\nDE<BRUIJN<<WILLEKE<LISELOTTE<<"),
    ).toBe(true);
    expect(looksLikeCode("")).toBe(false);
    expect(looksLikeCode("hello world")).toBe(false);
    expect(looksLikeCode("12345")).toBe(false);
    expect(looksLikeCode("PP1.SHORT")).toBe(false);
  });

  it("reads a leave code or a scan on the check-out screen", () => {
    expect(asLeaveCode("123 456")).toBe("123456");
    expect(asLeaveCode("12345")).toBeNull();
    expect(checkOutInputFor("0123456")).toEqual({ kind: "leave-code", code: "0123456" });
    expect(checkOutInputFor(" PP1.DEMQ7KX2PASS4WZ8 ")).toEqual({ kind: "scan", text: "PP1.DEMQ7KX2PASS4WZ8" });
    expect(checkOutInputFor("12")).toBeNull();
  });

  it("parses queue numbers", () => {
    expect(parseQueueNumber(" 12 ")).toBe(12);
    expect(parseQueueNumber("0")).toBeNull();
    expect(parseQueueNumber("abc")).toBeNull();
    expect(parseQueueNumber("")).toBeNull();
  });
});

describe("walk-in form", () => {
  const today = new Date("2026-06-01T12:00:00Z");

  it("FULL: names and purpose required, date of birth optional but real", () => {
    const empty = validateWalkInFull(
      { firstName: " ", lastName: "", day: "", month: "", year: "", purpose: "" },
      today,
    );
    expect(empty).toEqual({ ok: false, errors: { firstName: "required", lastName: "required", purpose: "required" } });
    const ok = validateWalkInFull(
      { firstName: " Fatima ", lastName: "El Amrani", day: "", month: "", year: "", purpose: " Bram " },
      today,
    );
    expect(ok).toEqual({
      ok: true,
      fields: { mode: "FULL", firstName: "Fatima", lastName: "El Amrani", purpose: "Bram" },
    });
    const dob = validateWalkInFull(
      { firstName: "A", lastName: "B", day: "7", month: "3", year: "1985", purpose: "C" },
      today,
    );
    expect(dob.ok && dob.fields.dateOfBirth).toBe("1985-03-07");
    const bad = validateWalkInFull(
      { firstName: "A", lastName: "B", day: "31", month: "2", year: "1985", purpose: "C" },
      today,
    );
    expect(bad).toEqual({ ok: false, errors: { dateOfBirth: "date" } });
    const long = validateWalkInFull(
      { firstName: "x".repeat(61), lastName: "B", day: "", month: "", year: "", purpose: "C" },
      today,
    );
    expect(long).toEqual({ ok: false, errors: { firstName: "tooLong" } });
  });

  it("dates of birth: partial, impossible and future dates are refused", () => {
    expect(dateOfBirthFrom("", "", "", today)).toBe("");
    expect(dateOfBirthFrom("1", "", "1990", today)).toBeNull();
    expect(dateOfBirthFrom("29", "2", "2001", today)).toBeNull();
    expect(dateOfBirthFrom("29", "2", "2000", today)).toBe("2000-02-29");
    expect(dateOfBirthFrom("1", "1", "2030", today)).toBeNull();
    expect(dateOfBirthFrom("1", "1", "1850", today)).toBeNull();
  });

  it("MINIMAL: first name, age and nationality group, nothing more", () => {
    expect(validateWalkInMinimal({ firstName: "", age: "", nationalityGroup: "" })).toEqual({
      ok: false,
      errors: { firstName: "required", age: "required", nationalityGroup: "choose" },
    });
    expect(validateWalkInMinimal({ firstName: "Jan", age: "abc", nationalityGroup: "EU" })).toEqual({
      ok: false,
      errors: { age: "age" },
    });
    expect(validateWalkInMinimal({ firstName: "Jan", age: "121", nationalityGroup: "EU" }).ok).toBe(false);
    const ok = validateWalkInMinimal({ firstName: " Jan ", age: "44", nationalityGroup: "NON_EU" });
    expect(ok).toEqual({
      ok: true,
      fields: { mode: "MINIMAL", firstName: "Jan", age: 44, nationalityGroup: "NON_EU" },
    });
    expect(ok.ok && Object.keys(ok.fields).sort()).toEqual(["age", "firstName", "mode", "nationalityGroup"]);
  });
});

describe("inactivity timer", () => {
  it("counts down during the last 10 s of 45 s, then resets", () => {
    expect(inactivityStatus(1_000, 0, 45_000, 10_000)).toEqual({ reset: false, secondsLeft: null });
    expect(inactivityStatus(35_000, 0, 45_000, 10_000)).toEqual({ reset: false, secondsLeft: 10 });
    expect(inactivityStatus(44_200, 0, 45_000, 10_000)).toEqual({ reset: false, secondsLeft: 1 });
    expect(inactivityStatus(45_000, 0, 45_000, 10_000)).toEqual({ reset: true, secondsLeft: null });
  });
});

describe("server answers", () => {
  it("reads outcomes, refusals, revocation and outages", () => {
    expect(interpretKioskResponse(200, { step: "please-wait" })).toEqual({
      ok: true,
      outcome: { step: "please-wait" },
    });
    expect(interpretKioskResponse(200, { step: "launch-rockets" })).toEqual({ ok: false, problem: "unreachable" });
    expect(interpretKioskResponse(200, null)).toEqual({ ok: false, problem: "unreachable" });
    expect(interpretKioskResponse(401, { ok: false, code: "DEVICE_REVOKED" })).toEqual({
      ok: false,
      problem: "revoked",
    });
    expect(interpretKioskResponse(400, { ok: false, code: "VALIDATION" })).toEqual({
      ok: false,
      problem: "refused",
      code: "VALIDATION",
    });
    // Too many attempts (a kiosk's budget, leave-code guessing): a kind "wait a moment" screen, no background retry.
    expect(interpretKioskResponse(429, { ok: false, code: "RATE_LIMITED" })).toEqual({
      ok: false,
      problem: "slow-down",
    });
    expect(interpretKioskResponse(502, null)).toEqual({ ok: false, problem: "unreachable" });
  });
});
