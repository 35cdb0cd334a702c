// The interlock's named cases (src/domain/doors/interlock.ts): the sluis sequence, refusals,
// exit and override, evacuation, controller loss.
import { describe, expect, it } from "vitest";
import {
  type DoorState,
  type SiteState,
  sluisOccupants,
  step,
  stepAll,
  validateDoorGroups,
} from "@/src/domain/doors/interlock";

const door = (id: string, kind: DoorState["kind"], extra: Partial<DoorState> = {}): DoorState => ({
  id,
  kind,
  group: kind === "ENTRANCE_OUTER" || kind === "ENTRANCE_INNER" ? "sluis" : null,
  safeState: "LOCKED",
  releaseSeconds: 5,
  released: false,
  releaseReason: null,
  visitId: null,
  open: false,
  openedDuringRelease: false,
  online: true,
  queued: null,
  ...extra,
});

const site = (...doors: DoorState[]): SiteState => ({
  evacuation: false,
  doors: Object.fromEntries(doors.map((d) => [d.id, d])),
});

const base = () =>
  site(
    door("outer", "ENTRANCE_OUTER"),
    door("inner", "ENTRANCE_INNER"),
    door("staff", "STAFF_ONLY"),
    door("exit", "EXIT"),
  );

describe("a release to wait for a passage through the door itself", () => {
  // Found by the property test (seed -1587551827): queued "after itself" while released, the door
  // was locked when someone had passed and released again in the same step.
  it("is a plain request: released at once, locked once someone has passed, not released again", () => {
    let t = stepAll(base(), [
      { type: "release_requested", doorId: "inner", reason: "entry" },
      { type: "release_requested", doorId: "inner", reason: "entry", afterDoorId: "inner" },
    ]);
    expect(t.queued).toEqual([]);
    expect(t.state.doors.inner).toMatchObject({ released: true, queued: null });
    t = stepAll(t.state, [
      { type: "sensor_changed", doorId: "inner", open: true },
      { type: "sensor_changed", doorId: "inner", open: false },
    ]);
    expect(t.commands).toEqual([{ type: "lock", doorId: "inner" }]);
    expect(t.state.doors.inner.released).toBe(false);
  });
});

describe("the sluis sequence of a check-in", () => {
  it("releases the outer door, then the inner door once the outer one has been passed and closed", () => {
    let t = stepAll(base(), [
      { type: "release_requested", doorId: "outer", reason: "entry", visitId: "v1" },
      { type: "release_requested", doorId: "inner", reason: "entry", visitId: "v1", afterDoorId: "outer" },
    ]);
    expect(t.commands).toEqual([{ type: "release", doorId: "outer", seconds: 5 }]);
    expect(t.queued).toMatchObject([{ doorId: "inner", visitId: "v1", afterDoorId: "outer" }]);
    expect(t.state.doors.inner.released).toBe(false);

    t = step(t.state, { type: "sensor_changed", doorId: "outer", open: true });
    expect(t.commands).toEqual([]);
    expect(sluisOccupants(t.state)).toEqual([]);

    t = step(t.state, { type: "sensor_changed", doorId: "outer", open: false });
    expect(t.commands).toEqual([
      { type: "lock", doorId: "outer" },
      { type: "release", doorId: "inner", seconds: 5 },
    ]);
    expect(t.released).toMatchObject([{ doorId: "inner", reason: "entry", visitId: "v1", fromQueue: true }]);
    expect(sluisOccupants(t.state)).toEqual([{ group: "sluis", visitId: "v1" }]);

    t = step(t.state, { type: "sensor_changed", doorId: "inner", open: true });
    t = step(t.state, { type: "sensor_changed", doorId: "inner", open: false });
    expect(t.commands).toEqual([{ type: "lock", doorId: "inner" }]);
    expect(sluisOccupants(t.state)).toEqual([]);
  });

  it("drops the inner release when nobody came through the outer door before its time ran out", () => {
    const t = stepAll(base(), [
      { type: "release_requested", doorId: "outer", reason: "entry", visitId: "v1" },
      { type: "release_requested", doorId: "inner", reason: "entry", visitId: "v1", afterDoorId: "outer" },
      { type: "release_timed_out", doorId: "outer" },
    ]);
    expect(t.dropped).toEqual([{ doorId: "inner", visitId: "v1" }]);
    expect(t.state.doors.inner.released).toBe(false);
    expect(t.state.doors.inner.queued).toBeNull();
  });
});

describe("refusals", () => {
  it("refuses a door of the sluis while the other one is released, naming the blocking door", () => {
    const t = stepAll(base(), [
      { type: "release_requested", doorId: "outer", reason: "entry" },
      { type: "release_requested", doorId: "inner", reason: "staff" },
    ]);
    expect(t.refusals).toEqual([
      { doorId: "inner", reason: "staff", code: "DOOR_INTERLOCKED", blockingDoorIds: ["outer"] },
    ]);
    expect(t.state.doors.inner.released).toBe(false);
  });

  it("refuses while the other door is open even if it is locked", () => {
    const t = stepAll(base(), [
      { type: "sensor_changed", doorId: "inner", open: true },
      { type: "release_requested", doorId: "outer", reason: "entry" },
    ]);
    expect(t.refusals[0]).toMatchObject({ code: "DOOR_INTERLOCKED", blockingDoorIds: ["inner"] });
  });

  it("a queued request waits its turn and goes once the group is closed and locked", () => {
    let t = stepAll(base(), [
      { type: "release_requested", doorId: "outer", reason: "entry" },
      { type: "release_requested", doorId: "inner", reason: "staff", queue: true },
    ]);
    expect(t.refusals).toEqual([]);
    expect(t.queued).toMatchObject([{ doorId: "inner", blockingDoorIds: ["outer"] }]);
    t = step(t.state, { type: "release_timed_out", doorId: "outer" });
    expect(t.commands).toEqual([
      { type: "lock", doorId: "outer" },
      { type: "release", doorId: "inner", seconds: 5 },
    ]);
  });

  it("nothing a visitor does releases a staff-only door; a staff badge does", () => {
    const refused = step(base(), { type: "release_requested", doorId: "staff", reason: "entry" });
    expect(refused.refusals).toMatchObject([{ code: "DOOR_STAFF_ONLY" }]);
    expect(refused.commands).toEqual([]);
    const staff = step(base(), { type: "release_requested", doorId: "staff", reason: "staff" });
    expect(staff.commands).toEqual([{ type: "release", doorId: "staff", seconds: 5 }]);
  });

  it("refuses an entry release of a door whose controller is offline", () => {
    const t = stepAll(base(), [
      { type: "controller_lost", doorId: "outer" },
      { type: "release_requested", doorId: "outer", reason: "entry" },
    ]);
    expect(t.refusals).toMatchObject([{ code: "DOOR_OFFLINE" }]);
  });
});

describe("exit and override", () => {
  it("an exit request always releases, revoking the other door of the sluis", () => {
    const t = stepAll(base(), [
      { type: "release_requested", doorId: "outer", reason: "entry" },
      { type: "release_requested", doorId: "inner", reason: "exit" },
    ]);
    expect(t.refusals).toEqual([]);
    expect(t.state.doors.inner.released).toBe(true);
    expect(t.state.doors.outer.released).toBe(false);
    expect(t.released.at(-1)).toMatchObject({ doorId: "inner", reason: "exit", revoked: ["outer"] });
  });

  it("an override releases a staff-only door and any door of the sluis", () => {
    const t = stepAll(base(), [
      { type: "release_requested", doorId: "outer", reason: "entry" },
      { type: "release_requested", doorId: "inner", reason: "override" },
      { type: "release_requested", doorId: "staff", reason: "override" },
    ]);
    expect(t.refusals).toEqual([]);
    expect(t.state.doors.staff.released).toBe(true);
    expect(t.state.doors.inner.released).toBe(true);
    expect(t.state.doors.outer.released).toBe(false);
  });
});

describe("evacuation", () => {
  it("releases every door, overrides the interlock, ignores time-outs, and locks again when it ends", () => {
    let t = step(base(), { type: "evacuation_changed", on: true });
    expect(Object.values(t.state.doors).every((d) => d.released)).toBe(true);
    expect(t.commands).toHaveLength(4);
    expect(t.commands.every((c) => c.type === "release" && c.seconds === null)).toBe(true);
    t = step(t.state, { type: "release_timed_out", doorId: "outer" });
    expect(t.state.doors.outer.released).toBe(true);
    t = step(t.state, { type: "evacuation_changed", on: false });
    expect(Object.values(t.state.doors).some((d) => d.released)).toBe(false);
  });
});

describe("controller loss", () => {
  it("a fail-secure door stays locked; a fail-safe door releases and its sluis partner is locked", () => {
    const s = site(
      door("outer", "ENTRANCE_OUTER"),
      door("inner", "ENTRANCE_INNER", { safeState: "RELEASED" }),
      door("staff", "STAFF_ONLY"),
    );
    let t = stepAll(s, [
      { type: "release_requested", doorId: "outer", reason: "entry" },
      { type: "release_requested", doorId: "staff", reason: "staff" },
      { type: "controller_lost", doorId: "staff" },
    ]);
    expect(t.state.doors.staff).toMatchObject({ online: false, released: false });
    t = step(t.state, { type: "controller_lost", doorId: "inner" });
    expect(t.state.doors.inner).toMatchObject({ online: false, released: true, releaseReason: "safe_state" });
    expect(t.state.doors.outer.released).toBe(false);
    expect(t.commands).toEqual([{ type: "lock", doorId: "outer" }]);
    t = step(t.state, { type: "controller_back", doorId: "inner" });
    expect(t.state.doors.inner).toMatchObject({ online: true, released: false });
    expect(t.commands).toEqual([{ type: "lock", doorId: "inner" }]);
  });

  it("the configuration allows at most one fail-safe door per interlock group", () => {
    expect(
      validateDoorGroups([
        { id: "a", group: "g", safeState: "RELEASED" },
        { id: "b", group: "g", safeState: "RELEASED" },
        { id: "c", group: null, safeState: "RELEASED" },
      ]),
    ).toEqual(["g"]);
    expect(validateDoorGroups([{ id: "a", group: "g", safeState: "RELEASED" }])).toEqual([]);
  });
});
