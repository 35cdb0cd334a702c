// Doors on the real database (src/domain/doors/doors.ts): the kiosk check-in's sluis sequence,
// a banned check-in, the console's refusal and override, evacuation, the held-open alert through
// the scheduler with a moved clock, and a lost controller.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { systemActor } from "@/src/domain/access/actor";
import { hmac } from "@/src/domain/crypto";
import { removeDoor, saveDoor } from "@/src/domain/doors/config";
import {
  attachDoorCheckIn,
  badgeAtDoor,
  DOOR_HELD_OPEN_JOB,
  overrideDoor,
  releaseDoor,
  releaseTimedOut,
  reportDoorController,
  reportDoorSensor,
  setEmergencyRelease,
} from "@/src/domain/doors/doors";
import { badgeHashInput } from "@/src/domain/presence/rules";
import { runDueJobs } from "@/src/domain/scheduler/run-due-jobs";
import { completeCheckIn, identifyAtKiosk } from "@/src/domain/visits/kiosk-check-in";
import { jobHandlers } from "@/src/server/job-handlers";
import { makeStaff, staffActorOf } from "@/tests/helpers/fixtures";
import { acceptRules, collectEvents, DAY, makePassVisitor, makeSite, type Site } from "@/tests/helpers/kiosk-fixtures";
import { closeTestDb, resetDb, type TestContext, testContext } from "@/tests/helpers/test-db";

let ctx: TestContext;
let site: Site;
let events: ReturnType<typeof collectEvents>;
let detach: () => void;
const errors: unknown[] = [];

beforeEach(async () => {
  ctx = await testContext();
  await resetDb(ctx.db);
  events = collectEvents(ctx);
  site = await makeSite(ctx.db, { controlledEntrance: true });
  const doors = [
    {
      id: "outer",
      name: "Buitendeur",
      kind: "ENTRANCE_OUTER",
      fromZone: "OUTSIDE",
      toZone: "PUBLIC",
      interlockGroup: "sluis",
    },
    {
      id: "inner",
      name: "Binnendeur",
      kind: "ENTRANCE_INNER",
      fromZone: "PUBLIC",
      toZone: "WAITING",
      interlockGroup: "sluis",
    },
    {
      id: "staff",
      name: "Personeelsdeur",
      kind: "STAFF_ONLY",
      fromZone: "WAITING",
      toZone: "STAFF_ONLY",
      interlockGroup: null,
    },
    { id: "exit", name: "Nooduitgang", kind: "EXIT", fromZone: "WAITING", toZone: "OUTSIDE", interlockGroup: null },
  ] as const;
  for (const [i, d] of doors.entries()) {
    await ctx.db.door.create({ data: { ...d, locationId: site.locationId, sortOrder: i, heldOpenAlertSeconds: 30 } });
  }
  errors.length = 0;
  detach?.();
  detach = attachDoorCheckIn(ctx, (e) => errors.push(e));
});
afterAll(async () => {
  detach?.();
  await closeTestDb();
});

const door = (id: string) => ctx.db.door.findUniqueOrThrow({ where: { id } });
/** Waits until the check-in's door release (an async subscriber) has been applied. */
async function settled() {
  for (let i = 0; i < 100; i++) {
    const jobs = await ctx.db.auditEvent.count({ where: { action: { startsWith: "door." } } });
    if (jobs > 0) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  await new Promise((r) => setTimeout(r, 20));
}

async function checkIn() {
  const { visitor, passText } = await makePassVisitor(ctx.db);
  await acceptRules(ctx.db, visitor.id, site.locationId);
  const outcome = await identifyAtKiosk(ctx, site.kiosk, { kind: "scan", text: passText }, "nl");
  const done = outcome.step === "rules" ? await completeCheckIn(ctx, site.kiosk, outcome.pending, "accept") : outcome;
  return { visitor, done };
}

describe("kiosk check-in at a controlled entrance", () => {
  it("releases the outer door, then the inner door once the outer one has closed", async () => {
    await checkIn();
    await settled();
    expect(errors).toEqual([]);
    const visit = await ctx.db.visit.findFirstOrThrow();
    expect(await door("outer")).toMatchObject({ released: true, releaseReason: "entry", releaseVisitId: visit.id });
    expect(await door("inner")).toMatchObject({ released: false, queuedVisitId: visit.id, queuedAfterDoorId: "outer" });
    expect(await door("staff")).toMatchObject({ released: false });
    expect(events.named("door.commanded")).toEqual([
      { locationId: site.locationId, doorId: "outer", command: "release", seconds: 5 },
    ]);

    await reportDoorSensor(ctx, "outer", true, "test");
    await reportDoorSensor(ctx, "outer", false, "test");
    expect(await door("outer")).toMatchObject({ released: false, open: false });
    expect(await door("inner")).toMatchObject({ released: true, releaseVisitId: visit.id, queuedReason: null });
    const snapshot = events.named("door.state_changed").at(-1);
    expect(snapshot?.sluis).toEqual([
      { group: "sluis", visitId: visit.id, visitorName: expect.stringContaining("Sanne") },
    ]);

    const audit = await ctx.db.auditEvent.findMany({
      where: { action: { startsWith: "door." } },
      orderBy: { id: "asc" },
    });
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(["door.released", "door.release_queued", "door.locked"]),
    );
    expect(audit.filter((a) => a.action === "door.released").map((a) => a.subjectId)).toEqual(["outer", "inner"]);
  });

  it("a banned visitor's check-in releases nothing", async () => {
    const { visitor, passText } = await makePassVisitor(ctx.db);
    await acceptRules(ctx.db, visitor.id, site.locationId);
    await ctx.db.ban.create({
      data: {
        locationId: site.locationId,
        visitorId: visitor.id,
        reasonCategory: "THREAT",
        startsAt: new Date(ctx.clock.now().getTime() - DAY),
        endsAt: new Date(ctx.clock.now().getTime() + 30 * DAY),
        reviewAt: new Date(ctx.clock.now().getTime() + 14 * DAY),
        decidedById: site.admin.id,
        displayName: "Banned",
        contactName: "Teamleider",
      },
    });
    const outcome = await identifyAtKiosk(ctx, site.kiosk, { kind: "scan", text: passText }, "nl");
    expect(outcome).toEqual({ step: "please-wait" });
    await new Promise((r) => setTimeout(r, 50));
    expect(events.named("door.release_requested")).toEqual([]);
    expect(events.named("door.commanded")).toEqual([]);
    expect((await ctx.db.door.findMany()).some((d) => d.released)).toBe(false);
  });
});

describe("the doorman console", () => {
  const reception = () => staffActorOf("balie", "RECEPTION", [site.locationId]);

  it("refuses a release that would break the interlock, explains it, and audits the refusal", async () => {
    expect(await releaseDoor(ctx, reception(), "outer")).toEqual({ ok: true, status: "released" });
    expect(await releaseDoor(ctx, reception(), "inner")).toEqual({
      ok: false,
      code: "DOOR_INTERLOCKED",
      blockingDoorIds: ["outer"],
    });
    const refused = await ctx.db.auditEvent.findFirstOrThrow({ where: { action: "door.release_refused" } });
    expect(refused).toMatchObject({ subjectId: "inner", actorId: "balie" });
    expect(JSON.parse(refused.data ?? "{}")).toMatchObject({ code: "DOOR_INTERLOCKED", blockingDoorIds: ["outer"] });
  });

  it("an override releases with its reason audited; without a reason it is refused", async () => {
    await releaseDoor(ctx, reception(), "outer");
    await expect(overrideDoor(ctx, reception(), "inner", " ")).rejects.toMatchObject({ code: "VALIDATION" });
    expect(await overrideDoor(ctx, reception(), "inner", "Hulpdiensten binnenlaten")).toEqual({
      ok: true,
      status: "released",
    });
    expect(await door("outer")).toMatchObject({ released: false });
    const audit = await ctx.db.auditEvent.findFirstOrThrow({ where: { action: "door.overridden" } });
    expect(JSON.parse(audit.data ?? "{}")).toMatchObject({
      overrideReason: "Hulpdiensten binnenlaten",
      revoked: ["outer"],
    });
  });

  it("a staff member without the permission cannot operate doors", async () => {
    await expect(releaseDoor(ctx, staffActorOf("s", "STAFF", [site.locationId]), "outer")).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });

  it("a staff badge at the staff door releases it; an unknown code does not", async () => {
    await makeStaff(ctx.db, { id: "m1", role: "STAFF", locationIds: [site.locationId] });
    await ctx.db.staffMember.update({
      where: { id: "m1" },
      data: { badgeHash: hmac(ctx.hmacKey, badgeHashInput("BADGE-0042")) },
    });
    expect(await badgeAtDoor(ctx, reception(), "staff", "badge-0042")).toEqual({ ok: true, status: "released" });
    await ctx.db.door.update({ where: { id: "staff" }, data: { released: false } });
    expect(await badgeAtDoor(ctx, reception(), "staff", "BADGE-9999")).toEqual({ ok: false, code: "BADGE_UNKNOWN" });
    expect(await ctx.db.auditEvent.count({ where: { action: "door.badge_refused" } })).toBe(1);
  });
});

describe("safety", () => {
  it("an evacuation releases every door and overrides the interlock; ending it locks them", async () => {
    await releaseDoor(ctx, staffActorOf("balie", "RECEPTION", [site.locationId]), "outer");
    await setEmergencyRelease(ctx, systemActor, site.locationId, true, "Brandalarm");
    const doors = await ctx.db.door.findMany();
    expect(doors.every((d) => d.released)).toBe(true);
    expect(await ctx.db.location.findUniqueOrThrow({ where: { id: site.locationId } })).toMatchObject({
      emergencyRelease: true,
      emergencyReleaseReason: "Brandalarm",
    });
    // Release time-outs do not lock anything during the evacuation.
    const outer = await door("outer");
    await releaseTimedOut(ctx, "outer", outer.releasedUntil?.toISOString() ?? "");
    expect(await door("outer")).toMatchObject({ released: true });
    await setEmergencyRelease(ctx, systemActor, site.locationId, false, "");
    expect((await ctx.db.door.findMany()).some((d) => d.released)).toBe(false);
    expect(await ctx.db.auditEvent.count({ where: { action: "door.emergency_release_started" } })).toBe(1);
  });

  it("a door held open past its threshold raises a desk alert through the scheduler", async () => {
    await releaseDoor(ctx, staffActorOf("balie", "RECEPTION", [site.locationId]), "staff");
    await reportDoorSensor(ctx, "staff", true, "test");
    await runDueJobs(ctx, jobHandlers, "w");
    expect(await ctx.db.deskAlert.count()).toBe(0);
    ctx.clock.advance(31_000);
    await runDueJobs(ctx, jobHandlers, "w");
    const alert = await ctx.db.deskAlert.findFirstOrThrow();
    expect(alert).toMatchObject({ kind: "DOOR_HELD_OPEN", locationId: site.locationId });
    expect(JSON.parse(alert.data)).toMatchObject({ doorId: "staff", doorName: "Personeelsdeur" });
    // The release ran out meanwhile: the door is locked (the sensor still says open).
    expect(await door("staff")).toMatchObject({ released: false, open: true });
  });

  it("a door closed before the threshold raises nothing", async () => {
    await reportDoorSensor(ctx, "exit", true, "test");
    await reportDoorSensor(ctx, "exit", false, "test");
    expect(await ctx.db.scheduledJob.count({ where: { kind: DOOR_HELD_OPEN_JOB } })).toBe(0);
  });

  it("a lost controller leaves its door in its safe state and alerts the desk", async () => {
    await ctx.db.door.update({ where: { id: "exit" }, data: { safeState: "RELEASED" } });
    await releaseDoor(ctx, staffActorOf("balie", "RECEPTION", [site.locationId]), "staff");
    await reportDoorController(ctx, "staff", false, "test");
    await reportDoorController(ctx, "exit", false, "test");
    expect(await door("staff")).toMatchObject({ controllerOnline: false, released: false });
    expect(await door("exit")).toMatchObject({ controllerOnline: false, released: true, releaseReason: "safe_state" });
    const alerts = await ctx.db.deskAlert.findMany({ orderBy: { createdAt: "asc" } });
    expect(alerts.map((a) => a.kind)).toEqual(["DOOR_CONTROLLER_OFFLINE", "DOOR_CONTROLLER_OFFLINE"]);
    expect(events.named("desk.alert_raised")).toHaveLength(2);
    await reportDoorController(ctx, "exit", true, "test");
    expect(await door("exit")).toMatchObject({ controllerOnline: true, released: false });
  });
});

describe("door configuration", () => {
  const manager = () => staffActorOf("mgr", "MANAGER", [site.locationId]);
  const input = (over: Record<string, unknown> = {}) => ({
    locationId: site.locationId,
    name: "Zijdeur",
    kind: "STAFF_ONLY",
    fromZone: "PUBLIC",
    toZone: "STAFF_ONLY",
    interlockGroup: "",
    driver: "SIMULATOR",
    safeState: "LOCKED",
    releaseSeconds: "4",
    heldOpenAlertSeconds: "20",
    ...over,
  });

  it("a manager adds a door (audited); reception may not configure", async () => {
    const door = await saveDoor(ctx, manager(), input());
    expect(door).toMatchObject({ name: "Zijdeur", interlockGroup: null, releaseSeconds: 4 });
    expect(await ctx.db.auditEvent.count({ where: { action: "door.created", subjectId: door.id } })).toBe(1);
    await expect(saveDoor(ctx, staffActorOf("b", "RECEPTION", [site.locationId]), input())).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });

  it("refuses a second fail-safe door in one interlock group, and an MQTT door without a command topic", async () => {
    await saveDoor(ctx, manager(), {
      ...input({ id: "outer", name: "Buitendeur", kind: "ENTRANCE_OUTER" }),
      interlockGroup: "sluis",
      safeState: "RELEASED",
      fromZone: "OUTSIDE",
      toZone: "PUBLIC",
    });
    await expect(
      saveDoor(ctx, manager(), {
        ...input({ id: "inner", name: "Binnendeur", kind: "ENTRANCE_INNER" }),
        interlockGroup: "sluis",
        safeState: "RELEASED",
        fromZone: "PUBLIC",
        toZone: "WAITING",
      }),
    ).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { safeState: ["groupFailSafe"] } });
    await expect(saveDoor(ctx, manager(), input({ driver: "MQTT" }))).rejects.toMatchObject({ code: "VALIDATION" });
  });

  it("a removed door is out of service: the console no longer lists it", async () => {
    await removeDoor(ctx, manager(), "exit");
    const snapshot = events.named("door.state_changed").at(-1);
    expect(snapshot?.doors.map((d) => d.id)).toEqual(["outer", "inner", "staff"]);
  });
});
