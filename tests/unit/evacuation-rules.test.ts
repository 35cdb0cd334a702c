// The roll call's rules (src/domain/evacuation/roll-call-rules.ts): last mark wins (whatever order
// the marks arrive in), counts, the time until everyone was accounted for, who was missing and
// when found.
import { describe, expect, it } from "vitest";
import {
  accountedAt,
  beats,
  clampMarkedAt,
  countStatuses,
  currentMarks,
  type MarkLike,
  personOutcomes,
} from "@/src/domain/evacuation/roll-call-rules";

const m = (id: string, personId: string, status: MarkLike["status"], markedAt: number): MarkLike => ({
  id,
  personId,
  status,
  markedAt,
});

describe("last mark wins", () => {
  it("the later mark decides, whatever order the marks arrive in; both are kept", () => {
    const marks = [m("a", "p1", "NOT_FOUND", 100), m("b", "p1", "SAFE", 200)];
    expect(currentMarks(["p1"], marks).get("p1")?.status).toBe("SAFE");
    // An offline marshal's older mark arrives after the newer one: it does not undo it.
    expect(currentMarks(["p1"], [...marks].reverse()).get("p1")?.status).toBe("SAFE");
    expect(marks).toHaveLength(2);
  });

  it("two marks at the same moment: the larger id wins, on every device alike", () => {
    expect(beats({ id: "b", markedAt: 5 }, { id: "a", markedAt: 5 })).toBe(true);
    expect(beats({ id: "a", markedAt: 5 }, { id: "b", markedAt: 5 })).toBe(false);
    const one = currentMarks(["p"], [m("a", "p", "SAFE", 5), m("b", "p", "NOT_FOUND", 5)]).get("p");
    const two = currentMarks(["p"], [m("b", "p", "NOT_FOUND", 5), m("a", "p", "SAFE", 5)]).get("p");
    expect(one?.id).toBe("b");
    expect(two?.id).toBe("b");
  });

  it("unmarked people stay missing; marks for people not on the roll call are ignored", () => {
    const cur = currentMarks(["p1", "p2"], [m("x", "ghost", "SAFE", 1)]);
    expect(cur.get("p1")).toBeNull();
    expect(cur.has("ghost")).toBe(false);
  });
});

describe("counts", () => {
  it("safe and left are accounted for; unmarked, not found and needs help are missing", () => {
    const c = countStatuses(["SAFE", "LEFT", "MISSING", "NOT_FOUND", "NEEDS_HELP", "SAFE"]);
    expect(c).toEqual({
      total: 6,
      accounted: 3,
      missing: 3,
      safe: 2,
      left: 1,
      needsHelp: 1,
      notFound: 1,
      unmarked: 1,
    });
  });
});

describe("time until everyone was accounted for", () => {
  it("is the moment the last person was accounted for", () => {
    const marks = [m("1", "a", "SAFE", 1000), m("2", "b", "NOT_FOUND", 1500), m("3", "b", "SAFE", 4000)];
    expect(accountedAt(["a", "b"], marks, 0)).toBe(4000);
  });

  it("is null while anyone is missing, and reopens when someone is marked not found again", () => {
    expect(accountedAt(["a", "b"], [m("1", "a", "SAFE", 1000)], 0)).toBeNull();
    const marks = [m("1", "a", "SAFE", 1000), m("2", "b", "SAFE", 2000), m("3", "a", "NOT_FOUND", 3000)];
    expect(accountedAt(["a", "b"], marks, 0)).toBeNull();
    expect(accountedAt(["a", "b"], [...marks, m("4", "a", "SAFE", 5000)], 0)).toBe(5000);
  });

  it("does not move when an accounted person changes from safe to left", () => {
    const marks = [m("1", "a", "SAFE", 1000), m("2", "b", "LEFT", 2000), m("3", "a", "LEFT", 9000)];
    expect(accountedAt(["a", "b"], marks, 0)).toBe(2000);
  });

  it("an empty roll call is accounted for at its start; arrival order does not matter", () => {
    expect(accountedAt([], [], 123)).toBe(123);
    const marks = [m("2", "b", "SAFE", 2000), m("1", "a", "SAFE", 1000)];
    expect(accountedAt(["a", "b"], marks, 0)).toBe(2000);
  });
});

describe("who was missing and when found", () => {
  it("lists the people marked not found or needing help, with the time they were found", () => {
    const marks = [
      m("1", "a", "SAFE", 1000),
      m("2", "b", "NOT_FOUND", 1500),
      m("3", "b", "SAFE", 4000),
      m("4", "c", "NEEDS_HELP", 2000),
    ];
    const out = Object.fromEntries(personOutcomes(["a", "b", "c", "d"], marks).map((o) => [o.personId, o]));
    expect(out.a).toMatchObject({ wasMissing: false, firstAccountedAt: 1000, foundAt: null, finalStatus: "SAFE" });
    expect(out.b).toMatchObject({ wasMissing: true, firstAccountedAt: 4000, foundAt: 4000, finalStatus: "SAFE" });
    expect(out.c).toMatchObject({ wasMissing: true, foundAt: null, finalStatus: "NEEDS_HELP" });
    expect(out.d).toMatchObject({ wasMissing: true, firstAccountedAt: null, finalStatus: "MISSING" });
  });
});

describe("a device's time", () => {
  it("is kept between the evacuation's start and the server's now", () => {
    expect(clampMarkedAt(50, 100, 200)).toBe(100);
    expect(clampMarkedAt(500, 100, 200)).toBe(200);
    expect(clampMarkedAt(150, 100, 200)).toBe(150);
    expect(clampMarkedAt(Number.NaN, 100, 200)).toBe(200);
  });
});

describe("the roll call on the wire", () => {
  it("packs into rows and unpacks to the same roll call", async () => {
    const { packRollCall, unpackRollCall } = await import("@/src/domain/evacuation/roll-call-wire");
    const evacuation = {
      id: "e1",
      locationId: "l1",
      locationName: "Centrum",
      drill: true,
      source: "DASHBOARD" as const,
      reason: null,
      startedAt: "2026-03-10T08:00:00.000Z",
      endedAt: null,
      allAccountedAt: null,
    };
    const people = [
      { id: "a", kind: "STAFF" as const, name: "Ann", roomId: "r1", roomName: "Kantine", needsHelp: true },
      { id: "b", kind: "VISITOR" as const, name: "Bo B.", roomId: null, roomName: null, needsHelp: false },
      { id: "c", kind: "VISITOR" as const, name: "Cas C.", roomId: "r1", roomName: "Kantine", needsHelp: false },
    ].map((p) => ({ ...p, status: "MISSING" as const, statusAt: null, statusMarkId: null }));
    const rollCall = { evacuation, people, counts: countStatuses(people.map((p) => p.status)), renderedAt: "x" };
    const packed = packRollCall(rollCall);
    expect(packed.rooms).toEqual([["r1", "Kantine"]]);
    expect(packed.people[0]).toEqual(["a", 0, "Ann", 0, 1]);
    expect(unpackRollCall(JSON.parse(JSON.stringify(packed)))).toEqual(rollCall);
  });
});
