// The shift briefing lists the alarms of its period (time, room, level, outcome, TEST marked),
// plus any alarm still open from before; cancelled ones are left out.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { systemActor } from "@/src/domain/access/actor";
import { CANCEL_WINDOW_MS } from "@/src/domain/alarms/alarm-policy";
import { cancelAlarm, closeAlarm, raiseAlarm, respondToAlarm } from "@/src/domain/alarms/alarms";
import { runTestAlarm } from "@/src/domain/alarms/test-alarm";
import { loadBriefing } from "@/src/domain/briefing/load-briefing";
import { runDueJobs } from "@/src/domain/scheduler/run-due-jobs";
import { jobHandlers } from "@/src/server/job-handlers";
import { type AlarmSite, CONSULT, LOC, makeAlarmSite, makePresent, OTHER_ROOM } from "@/tests/helpers/alarm-fixtures";
import { HOUR } from "@/tests/helpers/kiosk-fixtures";
import { closeTestDb, resetDb, type TestContext, testContext } from "@/tests/helpers/test-db";

let ctx: TestContext;
let site: AlarmSite;

beforeEach(async () => {
  ctx = await testContext();
  await resetDb(ctx.db);
  site = await makeAlarmSite(ctx.db, ctx.clock.now());
});
afterAll(closeTestDb);

const press = (roomId = CONSULT) =>
  raiseAlarm(ctx, roomId === CONSULT ? site.tablet : site.otherTablet, {
    locationId: LOC,
    roomId,
    level: "EMERGENCY",
    source: "ROOM_TABLET",
  });

describe("shift briefing: alarms", () => {
  it("lists the period's alarms and the ones still open, newest first, tests marked", async () => {
    const [a] = site.team;
    await makePresent(ctx.db, ctx.clock.now(), a.id);
    // Long before the period, still open: listed.
    const stillOpen = await press(OTHER_ROOM);
    ctx.clock.advance(CANCEL_WINDOW_MS);
    await runDueJobs(ctx, jobHandlers, "t");
    // Before the period and closed: not listed.
    await ctx.db.alarmButton.create({ data: { id: "btn", locationId: LOC, roomId: CONSULT, name: "Knop" } });
    const old = await raiseAlarm(ctx, systemActor, {
      locationId: LOC,
      roomId: CONSULT,
      level: "ASSISTANCE",
      source: "BUTTON_MQTT",
      buttonId: "btn",
    });
    await closeAlarm(ctx, site.reception, old.alarm.id, { outcome: "FALSE_ALARM" });
    ctx.clock.advance(10 * HOUR);

    // In the period: a closed alarm someone came to, a test, and a cancelled press (not listed).
    const real = await raiseAlarm(ctx, systemActor, {
      locationId: LOC,
      roomId: CONSULT,
      level: "ASSISTANCE",
      source: "BUTTON_MQTT",
      buttonId: "btn",
    });
    await respondToAlarm(ctx, a, real.alarm.id, "COMING");
    await closeAlarm(ctx, a, real.alarm.id, { outcome: "POLICE_CALLED" });
    ctx.clock.advance(HOUR);
    const test = await runTestAlarm(ctx, site.manager, LOC);
    ctx.clock.advance(HOUR);
    const cancelled = await press(CONSULT);
    await cancelAlarm(ctx, site.tablet, cancelled.alarm.id);

    const briefing = await loadBriefing(ctx, site.colleague, { id: LOC, timeZone: "Europe/Amsterdam" }, 4);
    expect(briefing.alarms.map((x) => x.alarmId)).toEqual([test.alarm.id, real.alarm.id, stillOpen.alarm.id]);
    expect(briefing.alarms[0]).toMatchObject({ test: true, roomName: null, status: "OPEN", outcome: null });
    expect(briefing.alarms[1]).toEqual({
      alarmId: real.alarm.id,
      raisedAt: real.alarm.raisedAt,
      roomName: "Spreekkamer 1",
      floor: "1e verdieping",
      level: "ASSISTANCE",
      status: "CLOSED",
      outcome: "POLICE_CALLED",
      test: false,
      coming: 1,
      // Closing opened the incident registration as a draft.
      incident: { id: expect.any(String), status: "DRAFT" },
    });
    expect(briefing.alarms[1].incident?.id).toBe(
      (await ctx.db.incident.findUniqueOrThrow({ where: { alarmId: real.alarm.id } })).id,
    );
    expect(briefing.alarms[2]).toMatchObject({
      roomName: "Spreekkamer 2",
      level: "EMERGENCY",
      status: "OPEN",
      incident: null,
    });
  });

  it("is empty for a quiet shift", async () => {
    const briefing = await loadBriefing(ctx, site.reception, { id: LOC, timeZone: "Europe/Amsterdam" }, 8);
    expect(briefing.alarms).toEqual([]);
  });
});
