// The alarm core (issue 5) on the real migrated SQLite database, a ManualClock and the scheduler
// run by hand as the server's loop would: raise → cancel window → open → pages → receipts and
// answers, joining, escalation, a restart during an open alarm, all clear with the incident draft,
// test alarms, the timeline, and who may do what.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { type Actor, systemActor } from "@/src/domain/access/actor";
import { CANCEL_WINDOW_MS } from "@/src/domain/alarms/alarm-policy";
import {
  alarmTimeline,
  openAlarmsAt,
  openAlarmsForStaff,
  respondersNow,
  roomAlarm,
} from "@/src/domain/alarms/alarm-queries";
import { loadAlarmView } from "@/src/domain/alarms/alarm-view";
import {
  cancelAlarm,
  closeAlarm,
  DELIVERIES_PER_TRANSACTION,
  escalateAlarm,
  raiseAlarm,
  recordDeliveries,
  recordReceipt,
  respondToAlarm,
} from "@/src/domain/alarms/alarms";
import { runTestAlarm, testAlarmReports } from "@/src/domain/alarms/test-alarm";
import { ManualClock } from "@/src/domain/clock";
import type { DomainContext } from "@/src/domain/db";
import { revokeDevice } from "@/src/domain/devices/devices";
import { EventBus } from "@/src/domain/events/event-bus";
import { runDueJobs } from "@/src/domain/scheduler/run-due-jobs";
import { createPrismaClient } from "@/src/server/db";
import { jobHandlers } from "@/src/server/job-handlers";
import { type AlarmSite, CONSULT, LOC, makeAlarmSite, makePresent, OTHER_ROOM } from "@/tests/helpers/alarm-fixtures";
import { collectEvents } from "@/tests/helpers/kiosk-fixtures";
import { closeTestDb, resetDb, TEST_HMAC_KEY, type TestContext, testContext, testDbUrl } from "@/tests/helpers/test-db";

const SECOND = 1000;
let ctx: TestContext;
let events: ReturnType<typeof collectEvents>;
let site: AlarmSite;

const run = (c: DomainContext = ctx) => runDueJobs(c, jobHandlers, "test-worker");
const press = (level: "ASSISTANCE" | "EMERGENCY" = "ASSISTANCE", tablet = site.tablet) =>
  raiseAlarm(ctx, tablet, {
    locationId: LOC,
    roomId: tablet.roomId,
    level,
    source: "ROOM_TABLET",
    deviceId: tablet.id,
  });
/** A hardware button in `roomId` (created here) pressed through the webhook: no cancel window. */
async function buttonPress(roomId: string) {
  await ctx.db.alarmButton.create({ data: { id: "btn", locationId: LOC, roomId, name: "Knop" } });
  return raiseAlarm(ctx, systemActor, {
    locationId: LOC,
    roomId,
    level: "EMERGENCY",
    source: "BUTTON_WEBHOOK",
    buttonId: "btn",
  });
}
/** A tablet press that has passed its cancel window (the open job ran). */
async function openedPress(level: "ASSISTANCE" | "EMERGENCY" = "ASSISTANCE") {
  const { alarm } = await press(level);
  ctx.clock.advance(CANCEL_WINDOW_MS);
  await run();
  return alarm.id;
}
const pages = (alarmId: string) => ctx.db.alarmPage.findMany({ where: { alarmId }, orderBy: { staffId: "asc" } });
const audit = (alarmId: string) =>
  ctx.db.auditEvent.findMany({ where: { subjectType: "Alarm", subjectId: alarmId }, orderBy: { id: "asc" } });
const pendingJobKeys = async () =>
  (await ctx.db.scheduledJob.findMany({ where: { status: "PENDING" }, orderBy: { dueAt: "asc" } })).map((j) => j.key);

beforeEach(async () => {
  ctx = await testContext();
  await resetDb(ctx.db);
  events = collectEvents(ctx);
  site = await makeAlarmSite(ctx.db, ctx.clock.now());
});
afterAll(closeTestDb);

describe("raise and the cancel window", () => {
  it("a tablet press is PENDING for 5 s, told only to the tablet; cancelling pages nobody", async () => {
    await makePresent(ctx.db, ctx.clock.now(), site.team[0].id);
    const { alarm, joined } = await press("EMERGENCY");
    expect(joined).toBe(false);
    expect(alarm).toMatchObject({
      status: "PENDING",
      level: "EMERGENCY",
      source: "ROOM_TABLET",
      roomId: CONSULT,
      roomName: "Spreekkamer 1",
      floor: "1e verdieping",
      locationName: "Locatie Alarm",
      deviceId: site.tablet.id,
      responders: [],
      test: false,
    });
    expect(new Date(alarm.confirmAt).getTime() - new Date(alarm.raisedAt).getTime()).toBe(CANCEL_WINDOW_MS);
    expect(events.named("alarm.pending")).toMatchObject([{ deviceId: site.tablet.id, alarm: { id: alarm.id } }]);
    expect(events.named("alarm.paged")).toEqual([]);
    expect(await pendingJobKeys()).toEqual([`alarm.open:${alarm.id}`]);

    ctx.clock.advance(2 * SECOND);
    const cancelled = await cancelAlarm(ctx, site.tablet, alarm.id);
    expect(cancelled.status).toBe("CANCELLED");
    expect(await pendingJobKeys()).toEqual([]);
    ctx.clock.advance(10 * SECOND);
    await run();
    expect(await pages(alarm.id)).toEqual([]);
    expect(events.named("alarm.paged")).toEqual([]);
    expect((await audit(alarm.id)).map((a) => a.action)).toEqual(["alarm.raised", "alarm.cancelled"]);
    expect((await audit(alarm.id))[1]).toMatchObject({ actorType: "DEVICE", actorId: site.tablet.id });
  });

  it("only the raising tablet may cancel, and only while PENDING", async () => {
    const { alarm } = await press();
    await expect(cancelAlarm(ctx, site.otherTablet, alarm.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(cancelAlarm(ctx, site.reception, alarm.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    ctx.clock.advance(CANCEL_WINDOW_MS);
    await run();
    await expect(cancelAlarm(ctx, site.tablet, alarm.id)).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await ctx.db.alarm.findUniqueOrThrow({ where: { id: alarm.id } })).status).toBe("OPEN");
  });

  it("the open job does not fire before the window ends", async () => {
    const { alarm } = await press();
    ctx.clock.advance(CANCEL_WINDOW_MS - 1);
    await run();
    expect((await ctx.db.alarm.findUniqueOrThrow({ where: { id: alarm.id } })).status).toBe("PENDING");
    ctx.clock.advance(1);
    await run();
    expect((await ctx.db.alarm.findUniqueOrThrow({ where: { id: alarm.id } })).status).toBe("OPEN");
  });

  it("a revoked tablet, a tablet of another room, a kiosk and plain staff cannot raise", async () => {
    await expect(
      raiseAlarm(ctx, site.otherTablet, {
        locationId: LOC,
        roomId: CONSULT,
        level: "EMERGENCY",
        source: "ROOM_TABLET",
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const kiosk: Actor = { type: "DEVICE", id: "kiosk", kind: "KIOSK", locationId: LOC, roomId: null };
    await expect(
      raiseAlarm(ctx, kiosk, { locationId: LOC, roomId: CONSULT, level: "EMERGENCY", source: "ROOM_TABLET" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      raiseAlarm(ctx, site.colleague, { locationId: LOC, roomId: CONSULT, level: "EMERGENCY", source: "ROOM_TABLET" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    // A manager may raise only a test.
    await expect(
      raiseAlarm(ctx, site.manager, { locationId: LOC, roomId: CONSULT, level: "EMERGENCY", source: "ROOM_TABLET" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });

    const { alarm } = await press();
    await revokeDevice(ctx, systemActor, site.tablet.id);
    // The actor still names the device (an old socket): the database says it is revoked.
    await expect(press()).rejects.toMatchObject({ code: "DEVICE_REVOKED" });
    await expect(cancelAlarm(ctx, site.tablet, alarm.id)).rejects.toMatchObject({ code: "DEVICE_REVOKED" });
    await expect(roomAlarm(ctx, site.tablet)).rejects.toMatchObject({ code: "DEVICE_REVOKED" });
    expect(await ctx.db.alarm.count()).toBe(1);
  });

  it("a button needs a registered, unrevoked button of that room", async () => {
    const button = await ctx.db.alarmButton.create({
      data: { id: "btn-1", locationId: LOC, roomId: CONSULT, name: "Knop", mqttTopic: "zigbee2mqtt/knop1" },
    });
    const input = { locationId: LOC, roomId: CONSULT, level: "EMERGENCY" as const, source: "BUTTON_MQTT" as const };
    await expect(raiseAlarm(ctx, systemActor, input)).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(
      raiseAlarm(ctx, systemActor, { ...input, roomId: OTHER_ROOM, buttonId: button.id }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await ctx.db.alarmButton.update({ where: { id: button.id }, data: { revokedAt: ctx.clock.now() } });
    await expect(raiseAlarm(ctx, systemActor, { ...input, buttonId: button.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await ctx.db.alarm.count()).toBe(0);
  });
});

describe("open and page", () => {
  it("pages the present team members; delivered, seen and coming are recorded per responder", async () => {
    const [a] = site.team;
    await makePresent(ctx.db, ctx.clock.now(), a.id, site.colleague.id); // team member b is not in the building
    const alarmId = await openedPress();
    const opened = await ctx.db.alarm.findUniqueOrThrow({ where: { id: alarmId } });
    expect(opened.status).toBe("OPEN");
    expect(opened.openedAt?.toISOString()).toBe(ctx.clock.now().toISOString());
    expect((await pages(alarmId)).map((p) => [p.staffId, p.round])).toEqual([[a.id, 0]]);
    const [paged] = events.named("alarm.paged");
    expect(paged.staffIds).toEqual([a.id]);
    expect(paged.alarm.responders).toMatchObject([{ staffId: a.id, name: `Staff ${a.id}`, deliveredAt: null }]);
    expect(await pendingJobKeys()).toEqual([`alarm.escalate:${alarmId}:1`, `alarm.escalate:${alarmId}:2`]);
    expect(JSON.parse((await audit(alarmId)).find((e) => e.action === "alarm.opened")?.data ?? "{}")).toEqual({
      staffIds: [a.id],
      basis: "team",
    });

    ctx.clock.advance(40);
    const delivered = await recordReceipt(ctx, a, alarmId, "delivered");
    expect(delivered.responders[0].deliveredAt).toBe(ctx.clock.now().toISOString());
    const deliveredAt = ctx.clock.now().toISOString();
    ctx.clock.advance(40);
    await recordReceipt(ctx, a, alarmId, "delivered"); // a second socket of the same person: no change
    ctx.clock.advance(500);
    const seen = await recordReceipt(ctx, a, alarmId, "seen");
    expect(seen.responders[0]).toMatchObject({ deliveredAt, seenAt: ctx.clock.now().toISOString() });
    ctx.clock.advance(2 * SECOND);
    events.clear();
    const coming = await respondToAlarm(ctx, a, alarmId, "COMING");
    expect(coming.responders[0]).toMatchObject({ response: "COMING", respondedAt: ctx.clock.now().toISOString() });
    expect(events.named("alarm.updated")).toMatchObject([{ id: alarmId, responders: [{ response: "COMING" }] }]);
    expect((await audit(alarmId)).map((e) => e.action)).toEqual([
      "alarm.raised",
      "alarm.opened",
      "alarm.delivered",
      "alarm.seen",
      "alarm.responded",
    ]);
  });

  it("recordDeliveries: a batch of receipts keeps each one's time and device, skips the unpaged and repeats, tells once", async () => {
    const [a, b] = site.team;
    await makePresent(ctx.db, ctx.clock.now(), a.id, b.id);
    const alarmId = await openedPress();
    const t = ctx.clock.now().getTime();
    const at = (ms: number) => new Date(t + ms);
    const phone = { socketId: "s-phone", userAgent: "phone" };
    const desktop = { socketId: "s-desktop", userAgent: "desktop" };
    events.clear();
    await recordDeliveries(ctx, [
      { actor: a, alarmId, device: phone, at: at(10) },
      { actor: a, alarmId, device: phone, at: at(11) }, // the phone answered two copies at once: one proof
      { actor: a, alarmId, device: desktop, at: at(12) },
      { actor: b, alarmId, at: at(15) },
      { actor: b, alarmId, at: at(16) }, // the same page again, no device: nothing to prove
      { actor: site.colleague, alarmId, device: phone, at: at(17) }, // not paged: skipped
      { actor: site.manager, alarmId: "no-such-alarm", at: at(18) },
    ]);
    expect((await pages(alarmId)).map((p) => [p.staffId, p.deliveredAt?.getTime()])).toEqual([
      [a.id, t + 10],
      [b.id, t + 15],
    ]);
    const delivered = async () =>
      (await audit(alarmId))
        .filter((e) => e.action === "alarm.delivered")
        .map((e) => ({ actorId: e.actorId, at: e.at.getTime() - t, ...JSON.parse(e.data ?? "{}") }));
    expect(await delivered()).toEqual([
      { actorId: a.id, at: 10, staffId: a.id, afterMs: 10, first: true, device: phone },
      { actorId: a.id, at: 12, staffId: a.id, afterMs: 12, first: false, device: desktop },
      { actorId: b.id, at: 15, staffId: b.id, afterMs: 15, first: true },
    ]);
    expect(events.named("alarm.updated")).toHaveLength(1);
    expect(events.named("alarm.updated")[0].responders.map((r) => r.deliveredAt)).toEqual([
      at(10).toISOString(),
      at(15).toISOString(),
    ]);

    // Later receipts of delivered pages: proof per device, no change, nobody told.
    events.clear();
    const many = Array.from({ length: DELIVERIES_PER_TRANSACTION + 20 }, (_, i) => ({
      actor: b,
      alarmId,
      device: { socketId: `s-${i}`, userAgent: null },
      at: at(100 + i),
    }));
    await recordDeliveries(ctx, many);
    expect((await pages(alarmId)).map((p) => p.deliveredAt?.getTime())).toEqual([t + 10, t + 15]);
    const after = await delivered();
    expect(after).toHaveLength(3 + many.length);
    expect(after.slice(3).every((e) => e.first === false && e.actorId === b.id)).toBe(true);
    expect(after.at(-1)?.device.socketId).toBe(`s-${many.length - 1}`);
    expect(events.named("alarm.updated")).toEqual([]);
  });

  it("pages everyone present when no team member is in", async () => {
    await makePresent(ctx.db, ctx.clock.now(), site.colleague.id, site.reception.id);
    const alarmId = await openedPress();
    expect((await pages(alarmId)).map((p) => p.staffId)).toEqual([site.colleague.id, site.reception.id].sort());
  });

  it("pages the whole team when nobody at all is signed in (an alarm never pages nobody)", async () => {
    const alarmId = await openedPress();
    expect((await pages(alarmId)).map((p) => p.staffId)).toEqual(site.team.map((t) => t.id).sort());
    expect(JSON.parse((await audit(alarmId)).find((e) => e.action === "alarm.opened")?.data ?? "{}")).toMatchObject({
      basis: "team_absent",
    });
  });

  it("does not page the host who is in the room with the visitor, unless nobody else would be paged", async () => {
    const [a, b] = site.team;
    await makePresent(ctx.db, ctx.clock.now(), a.id, b.id);
    const visitor = await ctx.db.visitor.create({ data: { firstName: "Sam", lastName: "de Graaf" } });
    await ctx.db.visit.create({
      data: {
        locationId: LOC,
        visitorId: visitor.id,
        method: "WALK_IN",
        status: "WITH_HOST",
        hostId: a.id,
        roomId: CONSULT,
        checkedInAt: ctx.clock.now(),
      },
    });
    const alarmId = await openedPress();
    expect((await pages(alarmId)).map((p) => p.staffId)).toEqual([b.id]);
  });

  it("a button, the risk check and a test open at once, without a cancel window", async () => {
    await makePresent(ctx.db, ctx.clock.now(), site.team[0].id);
    const { alarm } = await buttonPress(OTHER_ROOM);
    expect(alarm.status).toBe("OPEN");
    expect(alarm.responders.map((r) => r.staffId)).toEqual([site.team[0].id]);
    expect(events.named("alarm.pending")).toEqual([]);
    expect(events.named("alarm.paged")).toHaveLength(1);
  });

  it("a page opened at once goes out from the transaction's own view: the same as reading the alarm back", async () => {
    // Several responders, names out of id order, and a room with a floor: the view built in the
    // transaction (openedAlarmView) must be exactly what loadAlarmView reads after the commit.
    await ctx.db.staffMember.update({ where: { id: site.colleague.id }, data: { name: "Aafke" } });
    await makePresent(ctx.db, ctx.clock.now(), site.colleague.id, site.reception.id);
    const { alarm } = await buttonPress(CONSULT);
    const [paged] = events.named("alarm.paged");
    const stored = await loadAlarmView(ctx.db, alarm.id);
    expect(stored?.responders).toHaveLength(2);
    expect(stored?.roomName).toBeTruthy();
    expect(paged.alarm).toEqual(stored);
    expect(alarm).toEqual(stored);
    // The page is the alarm's update for everyone watching it: no separate alarm.updated.
    expect(events.named("alarm.updated")).toEqual([]);
  });

  it("recordReceipt and respond refuse someone who was not paged", async () => {
    await makePresent(ctx.db, ctx.clock.now(), site.team[0].id);
    const alarmId = await openedPress();
    await expect(recordReceipt(ctx, site.colleague, alarmId, "delivered")).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(respondToAlarm(ctx, site.colleague, alarmId, "COMING")).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(recordReceipt(ctx, site.tablet, alarmId, "delivered")).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("joining", () => {
  it("a second press in the room joins its alarm; EMERGENCY wins; nobody is paged twice", async () => {
    await makePresent(ctx.db, ctx.clock.now(), site.team[0].id);
    const first = await press("ASSISTANCE");
    ctx.clock.advance(1 * SECOND);
    const second = await press("EMERGENCY");
    expect(second.joined).toBe(true);
    expect(second.alarm.id).toBe(first.alarm.id);
    expect(second.alarm.level).toBe("EMERGENCY");
    expect(second.alarm.status).toBe("PENDING");
    ctx.clock.advance(CANCEL_WINDOW_MS);
    await run();
    const third = await press("ASSISTANCE");
    expect(third).toMatchObject({ joined: true, alarm: { id: first.alarm.id, level: "EMERGENCY", status: "OPEN" } });
    expect(await ctx.db.alarm.count()).toBe(1);
    expect(await pages(first.alarm.id)).toHaveLength(1);
    expect(events.named("alarm.paged")).toHaveLength(1);
    expect((await audit(first.alarm.id)).map((e) => e.action)).toEqual([
      "alarm.raised",
      "alarm.joined",
      "alarm.opened",
      "alarm.joined",
    ]);
  });

  it("a button press joining a pending tablet alarm opens it at once (no second cancel window)", async () => {
    await makePresent(ctx.db, ctx.clock.now(), site.team[0].id);
    await ctx.db.alarmButton.create({ data: { id: "btn", locationId: LOC, roomId: CONSULT, name: "Knop" } });
    const { alarm } = await press();
    const joined = await raiseAlarm(ctx, systemActor, {
      locationId: LOC,
      roomId: CONSULT,
      level: "EMERGENCY",
      source: "BUTTON_MQTT",
      buttonId: "btn",
    });
    expect(joined).toMatchObject({ joined: true, alarm: { id: alarm.id, status: "OPEN", level: "EMERGENCY" } });
    await expect(cancelAlarm(ctx, site.tablet, alarm.id)).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await pendingJobKeys()).not.toContain(`alarm.open:${alarm.id}`);
  });

  it("a closed or cancelled alarm is not joined: a new press raises a new alarm", async () => {
    const { alarm } = await press();
    await cancelAlarm(ctx, site.tablet, alarm.id);
    const again = await press();
    expect(again.joined).toBe(false);
    expect(again.alarm.id).not.toBe(alarm.id);
  });
});

describe("escalation", () => {
  it("step 1 pages every present staff member not yet paged; step 2 tells the desk to call 112", async () => {
    const [a] = site.team;
    await makePresent(ctx.db, ctx.clock.now(), a.id, site.colleague.id, site.reception.id);
    const alarmId = await openedPress("EMERGENCY");
    await respondToAlarm(ctx, a, alarmId, "CANT");
    events.clear();

    ctx.clock.advance(29 * SECOND);
    await run();
    expect(events.named("alarm.escalated")).toEqual([]);
    ctx.clock.advance(1 * SECOND);
    await run();
    expect(events.named("alarm.escalated")).toMatchObject([{ step: 1, alarm: { id: alarmId, escalation: 1 } }]);
    expect(events.named("alarm.paged")).toMatchObject([{ staffIds: [site.colleague.id, site.reception.id].sort() }]);
    expect((await pages(alarmId)).map((p) => [p.staffId, p.round])).toEqual(
      [
        [a.id, 0],
        [site.colleague.id, 1],
        [site.reception.id, 1],
      ].sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
    );

    events.clear();
    ctx.clock.advance(60 * SECOND);
    await run();
    const [escalated] = events.named("alarm.escalated");
    expect(escalated).toMatchObject({
      step: 2,
      deskPhone: "020-555 0100",
      emergencyContacts: "Veiligheidscoördinator 06-1234 5678\nWijkagent 0900-8844",
      alarm: { escalation: 2 },
    });
    const [card] = events.named("desk.alert_raised");
    expect(card).toMatchObject({
      kind: "ALARM_CALL_112",
      locationId: LOC,
      data: {
        alarmId,
        roomName: "Spreekkamer 1",
        floor: "1e verdieping",
        level: "EMERGENCY",
        deskPhone: "020-555 0100",
        emergencyContacts: "Veiligheidscoördinator 06-1234 5678\nWijkagent 0900-8844",
      },
    });
    const escalations = (await audit(alarmId)).filter((e) => e.action === "alarm.escalated");
    expect(escalations.map((e) => JSON.parse(e.data ?? "{}").step)).toEqual([1, 2]);
    expect(escalations.every((e) => e.actorType === "SYSTEM")).toBe(true);

    // The all clear clears the "call 112" card.
    const { alarm } = await closeAlarm(ctx, site.reception, alarmId, { outcome: "POLICE_CALLED" });
    expect(alarm.status).toBe("CLOSED");
    expect(await ctx.db.deskAlert.count({ where: { kind: "ALARM_CALL_112", acknowledgedAt: null } })).toBe(0);
    expect(events.named("desk.alert_acknowledged")).toMatchObject([{ alertId: card.id }]);
  });

  it("someone coming stops the escalation", async () => {
    const [a] = site.team;
    await makePresent(ctx.db, ctx.clock.now(), a.id, site.colleague.id);
    const alarmId = await openedPress();
    ctx.clock.advance(10 * SECOND);
    await respondToAlarm(ctx, a, alarmId, "COMING");
    ctx.clock.advance(100 * SECOND);
    await run();
    expect(events.named("alarm.escalated")).toEqual([]);
    expect((await ctx.db.alarm.findUniqueOrThrow({ where: { id: alarmId } })).escalation).toBe(0);
    expect(await ctx.db.deskAlert.count()).toBe(0);
  });

  it("the only one coming who then can't re-arms the escalation that was skipped", async () => {
    const [a] = site.team;
    await makePresent(ctx.db, ctx.clock.now(), a.id, site.colleague.id);
    const alarmId = await openedPress();
    await respondToAlarm(ctx, a, alarmId, "COMING");
    ctx.clock.advance(40 * SECOND);
    await run(); // step 1 is due but someone is coming: nothing
    expect(events.named("alarm.escalated")).toEqual([]);
    await respondToAlarm(ctx, a, alarmId, "CANT");
    await run();
    expect(events.named("alarm.escalated").map((e) => e.step)).toEqual([1]);
    expect(events.named("alarm.paged").at(-1)?.staffIds).toEqual([site.colleague.id]);
    ctx.clock.advance(50 * SECOND);
    await run();
    expect(events.named("alarm.escalated").map((e) => e.step)).toEqual([1, 2]);
  });

  it("follows the location's timings and runs each step once", async () => {
    await ctx.db.location.update({
      where: { id: LOC },
      data: { alarmEscalateAllSeconds: 10, alarmCall112Seconds: 20 },
    });
    const alarmId = await openedPress();
    ctx.clock.advance(20 * SECOND);
    await run();
    expect(events.named("alarm.escalated").map((e) => e.step)).toEqual([1, 2]);
    expect(await escalateAlarm(ctx, alarmId, 2)).toBeNull();
    expect(await escalateAlarm(ctx, alarmId, 1)).toBeNull();
    expect(await ctx.db.deskAlert.count()).toBe(1);
  });
});

describe("a restart during an open alarm", () => {
  it("a fresh process on the same database still escalates, and a reconnecting pager gets the alarm", async () => {
    const [a] = site.team;
    await makePresent(ctx.db, ctx.clock.now(), a.id, site.colleague.id);
    const { alarm } = await press("EMERGENCY");
    // The process dies inside the cancel window. A new one: new Prisma client, clock and event bus.
    const db2 = createPrismaClient(testDbUrl());
    try {
      const ctx2: DomainContext & { clock: ManualClock } = {
        db: db2,
        clock: new ManualClock(ctx.clock.now()),
        events: new EventBus(),
        hmacKey: TEST_HMAC_KEY,
      };
      const events2 = collectEvents(ctx2);
      ctx2.clock.advance(CANCEL_WINDOW_MS);
      await run(ctx2);
      expect(events2.named("alarm.paged")).toMatchObject([
        { alarm: { id: alarm.id, status: "OPEN" }, staffIds: [a.id] },
      ]);

      // ...and dies again while the alarm is open; the next one escalates on time.
      const ctx3: DomainContext & { clock: ManualClock } = {
        db: db2,
        clock: new ManualClock(ctx2.clock.now()),
        events: new EventBus(),
        hmacKey: TEST_HMAC_KEY,
      };
      const events3 = collectEvents(ctx3);
      ctx3.clock.advance(30 * SECOND);
      await run(ctx3);
      expect(events3.named("alarm.escalated")).toMatchObject([{ step: 1, alarm: { id: alarm.id } }]);
      expect(events3.named("alarm.paged")).toMatchObject([{ staffIds: [site.colleague.id] }]);

      // A pager reconnecting to the new process is handed every open alarm it is paged for.
      expect((await openAlarmsForStaff(ctx3, a.id)).map((x) => x.id)).toEqual([alarm.id]);
      expect((await openAlarmsForStaff(ctx3, site.colleague.id)).map((x) => x.id)).toEqual([alarm.id]);
      expect(await openAlarmsForStaff(ctx3, site.reception.id)).toEqual([]);

      ctx3.clock.advance(60 * SECOND);
      await run(ctx3);
      expect(events3.named("alarm.escalated").map((e) => e.step)).toEqual([1, 2]);
    } finally {
      await db2.$disconnect();
    }
  });
});

describe("all clear", () => {
  it("a paged responder closes with an outcome: incident draft, escalations cancelled, tablet told", async () => {
    const [a] = site.team;
    await makePresent(ctx.db, ctx.clock.now(), a.id);
    const alarmId = await openedPress();
    ctx.clock.advance(20 * SECOND);
    events.clear();
    const { alarm, incidentId } = await closeAlarm(ctx, a, alarmId, {
      outcome: "RESOLVED",
      note: "  Rustig gesprek  ",
    });
    expect(alarm).toMatchObject({ status: "CLOSED", outcome: "RESOLVED", closedAt: ctx.clock.now().toISOString() });
    const incident = await ctx.db.incident.findUniqueOrThrow({ where: { id: incidentId as string } });
    expect(incident).toMatchObject({ alarmId, locationId: LOC, status: "DRAFT", createdById: a.id });
    expect(incident.occurredAt.toISOString()).toBe(alarm.raisedAt);
    const row = await ctx.db.alarm.findUniqueOrThrow({ where: { id: alarmId } });
    expect(row).toMatchObject({ closedById: a.id, closingNote: "Rustig gesprek" });
    expect(await pendingJobKeys()).toEqual([]);
    expect(events.named("alarm.updated")).toMatchObject([{ id: alarmId, status: "CLOSED", deviceId: site.tablet.id }]);
    expect(await openAlarmsForStaff(ctx, a.id)).toEqual([]);
    expect(await roomAlarm(ctx, site.tablet)).toBeNull();
    await expect(closeAlarm(ctx, site.reception, alarmId, { outcome: "RESOLVED" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await expect(respondToAlarm(ctx, a, alarmId, "COMING")).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await ctx.db.incident.count()).toBe(1);
  });

  it("who may close: paged staff and the desk; not unpaged staff, tablets or another location", async () => {
    const [a] = site.team;
    await makePresent(ctx.db, ctx.clock.now(), a.id);
    const alarmId = await openedPress();
    await expect(closeAlarm(ctx, site.colleague, alarmId, { outcome: "FALSE_ALARM" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(closeAlarm(ctx, site.tablet, alarmId, { outcome: "FALSE_ALARM" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const otherDesk: Actor = { type: "STAFF", id: "x", role: "RECEPTION", locationIds: ["loc-elsewhere"] };
    await expect(closeAlarm(ctx, otherDesk, alarmId, { outcome: "FALSE_ALARM" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(closeAlarm(ctx, site.reception, alarmId, { outcome: "NOPE" as never })).rejects.toMatchObject({
      code: "VALIDATION",
    });
    const desk: Actor = { type: "DEVICE", id: "desk", kind: "DESK", locationId: LOC, roomId: null };
    const { incidentId } = await closeAlarm(ctx, desk, alarmId, { outcome: "FALSE_ALARM" });
    expect(incidentId).toBeTruthy();
  });

  it("a pending alarm cannot be closed (the tablet cancels it instead)", async () => {
    const { alarm } = await press();
    await expect(closeAlarm(ctx, site.reception, alarm.id, { outcome: "RESOLVED" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });
});

describe("what each side may see", () => {
  it("the tablet sees its own pending alarm; another tablet in the same room only once it is open", async () => {
    const { alarm } = await press();
    expect((await roomAlarm(ctx, site.tablet))?.id).toBe(alarm.id);
    const sameRoom = await ctx.db.device.create({
      data: {
        id: "tablet-2",
        name: "Tablet 2",
        kind: "ROOM_TABLET",
        locationId: LOC,
        roomId: CONSULT,
        credentialHash: "h2",
      },
    });
    const second: Actor = { type: "DEVICE", id: sameRoom.id, kind: "ROOM_TABLET", locationId: LOC, roomId: CONSULT };
    expect(await roomAlarm(ctx, second)).toBeNull();
    expect(await roomAlarm(ctx, site.otherTablet)).toBeNull();
    ctx.clock.advance(CANCEL_WINDOW_MS);
    await run();
    expect((await roomAlarm(ctx, second))?.id).toBe(alarm.id);
    await expect(roomAlarm(ctx, site.reception)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("open alarms of a location: staff of that location; not the pending ones", async () => {
    await press();
    expect(await openAlarmsAt(ctx, site.reception, LOC)).toEqual([]);
    ctx.clock.advance(CANCEL_WINDOW_MS);
    await run();
    expect(await openAlarmsAt(ctx, site.reception, LOC)).toHaveLength(1);
    expect(await openAlarmsAt(ctx, site.colleague, LOC)).toHaveLength(1);
    await expect(openAlarmsAt(ctx, site.staffOfElsewhere, LOC)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(openAlarmsAt(ctx, site.tablet, LOC)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("respondersNow: whom a press would page now, for the tablet's status line", async () => {
    expect(await respondersNow(ctx, site.tablet)).toEqual(site.team.map((t) => t.id).sort());
    await makePresent(ctx.db, ctx.clock.now(), site.colleague.id);
    expect(await respondersNow(ctx, site.tablet)).toEqual([site.colleague.id]);
    await makePresent(ctx.db, ctx.clock.now(), site.team[1].id);
    expect(await respondersNow(ctx, site.tablet)).toEqual([site.team[1].id]);
  });
});

describe("timeline", () => {
  it("raised, opened, paged, delivered, seen, answered, escalated, closed — in order, with times", async () => {
    const [a] = site.team;
    await makePresent(ctx.db, ctx.clock.now(), a.id, site.colleague.id);
    const alarmId = await openedPress();
    ctx.clock.advance(100);
    await recordReceipt(ctx, a, alarmId, "delivered");
    ctx.clock.advance(900);
    await recordReceipt(ctx, a, alarmId, "seen");
    ctx.clock.advance(3 * SECOND);
    await respondToAlarm(ctx, a, alarmId, "CANT");
    ctx.clock.advance(30 * SECOND);
    await run();
    await closeAlarm(ctx, site.manager, alarmId, { outcome: "RESOLVED" });
    const timeline = await alarmTimeline(ctx, site.manager, alarmId);
    expect(timeline.entries.map((e) => [e.kind, e.staffId])).toEqual([
      ["raised", null],
      ["opened", null],
      ["paged", a.id],
      ["delivered", a.id],
      ["seen", a.id],
      ["cant", a.id],
      ["escalated", null],
      ["paged", site.colleague.id],
      ["closed", site.manager.id],
    ]);
    const at = timeline.entries.map((e) => e.at);
    expect([...at].sort()).toEqual(at);
    expect(timeline.entries.find((e) => e.kind === "escalated")?.step).toBe(1);
    expect(timeline.entries.find((e) => e.kind === "closed")).toMatchObject({ name: `Staff ${site.manager.id}` });
    await expect(alarmTimeline(ctx, site.colleague, alarmId)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await alarmTimeline(ctx, site.reception, alarmId)).entries).toHaveLength(9);
    // Each reading is audited (and is no step of the alarm itself).
    expect(
      await ctx.db.auditEvent.findMany({
        where: { action: "alarm.timeline_viewed", subjectId: alarmId },
        select: { actorId: true },
        orderBy: { id: "asc" },
      }),
    ).toEqual([{ actorId: site.manager.id }, { actorId: site.reception.id }]);
  });
});

describe("test alarm", () => {
  it("a manager pages the team marked TEST; no escalation; report per responder; closing makes no incident", async () => {
    const [a, b] = site.team;
    await makePresent(ctx.db, ctx.clock.now(), a.id, b.id, site.colleague.id);
    await expect(runTestAlarm(ctx, site.reception, LOC)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(runTestAlarm(ctx, site.colleague, LOC)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const { alarm } = await runTestAlarm(ctx, site.manager, LOC);
    expect(alarm).toMatchObject({ test: true, source: "TEST", status: "OPEN", roomId: null });
    expect(alarm.responders.map((r) => r.staffId)).toEqual([a.id, b.id]);
    expect(await pendingJobKeys()).toEqual([`alarm.test_end:${alarm.id}`]);

    ctx.clock.advance(120);
    await recordReceipt(ctx, a, alarm.id, "delivered", { device: { socketId: "sock-1", userAgent: "Phone" } });
    ctx.clock.advance(1880);
    await respondToAlarm(ctx, a, alarm.id, "COMING");
    ctx.clock.advance(5 * 60 * SECOND);
    await run();
    expect(events.named("alarm.escalated")).toEqual([]);

    const [report] = await testAlarmReports(ctx, site.manager, LOC);
    expect(report).toMatchObject({ alarmId: alarm.id, status: "OPEN" });
    expect(report.responders).toEqual([
      {
        staffId: a.id,
        name: `Staff ${a.id}`,
        deliveryMs: 120,
        answerMs: 2000,
        response: "COMING",
        devices: [{ socketId: "sock-1", userAgent: "Phone", deliveryMs: 120 }],
      },
      { staffId: b.id, name: `Staff ${b.id}`, deliveryMs: null, answerMs: null, response: null, devices: [] },
    ]);
    await expect(testAlarmReports(ctx, site.reception, LOC)).rejects.toMatchObject({ code: "FORBIDDEN" });

    const closed = await closeAlarm(ctx, site.manager, alarm.id, { outcome: "RESOLVED" });
    expect(closed.incidentId).toBeNull();
    expect(await ctx.db.incident.count()).toBe(0);
  });

  it("a test nobody closes ends by itself", async () => {
    const { alarm } = await runTestAlarm(ctx, site.manager, LOC);
    ctx.clock.advance(10 * 60 * SECOND);
    await run();
    expect((await ctx.db.alarm.findUniqueOrThrow({ where: { id: alarm.id } })).status).toBe("CLOSED");
  });

  it("a test never joins a real alarm and is not the tablet's alarm", async () => {
    await openedPress();
    const { alarm } = await runTestAlarm(ctx, site.manager, LOC);
    expect(await ctx.db.alarm.count()).toBe(2);
    expect((await roomAlarm(ctx, site.tablet))?.id).not.toBe(alarm.id);
    // A second open alarm: the pager sees both.
    expect(await openOpenIds(site.team[0].id)).toHaveLength(2);
  });
});

async function openOpenIds(staffId: string) {
  return (await openAlarmsForStaff(ctx, staffId)).map((a) => a.id);
}
