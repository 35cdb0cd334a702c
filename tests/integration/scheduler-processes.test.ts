// The scheduler with several processes on PostgreSQL: two workers, each with its own connection
// pool and event bus (two Portier processes), on one fresh PostgreSQL database of their own.
// Proves: every due job runs exactly once while both loops run and share the work; a job whose row
// another worker holds locked is skipped, not waited for (SELECT … FOR UPDATE SKIP LOCKED); an
// alarm's escalation scheduled by process A fires on time from process B after A is gone; presses
// in one room at the same instant on both make one alarm.
// Skipped only where no PostgreSQL server answers (never in CI).
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { CANCEL_WINDOW_MS } from "@/src/domain/alarms/alarm-policy";
import { raiseAlarm } from "@/src/domain/alarms/alarms";
import { ManualClock } from "@/src/domain/clock";
import type { DomainContext } from "@/src/domain/db";
import { isPostgresClient } from "@/src/domain/db-provider";
import { EventBus } from "@/src/domain/events/event-bus";
import { scheduleJob } from "@/src/domain/scheduler/jobs";
import { type JobHandlers, runDueJobs } from "@/src/domain/scheduler/run-due-jobs";
import { startSchedulerLoop } from "@/src/domain/scheduler/scheduler-loop";
import { createPrismaClient } from "@/src/server/db";
import { jobHandlers } from "@/src/server/job-handlers";
import { deployMigrations } from "@/src/server/migrations";
import { makeAlarmSite, makePresent } from "@/tests/helpers/alarm-fixtures";
import { POSTGRES_TEST_URL, skipWithout } from "@/tests/helpers/services";
import { PRISMA_DIR, resetDb, T0, TEST_HMAC_KEY } from "@/tests/helpers/test-db";

const skip = await skipWithout(["postgresql"], "scheduler-with-several-processes (PostgreSQL)");
const dbName = `portier_sched_${process.pid}_${Date.now().toString(36)}`;
const dbUrl = (() => {
  const u = new URL(POSTGRES_TEST_URL);
  u.pathname = `/${dbName}`;
  return u.toString();
})();
const admin = () => new pg.Client({ connectionString: POSTGRES_TEST_URL });

let clock: ManualClock;
let a: DomainContext;
let b: DomainContext;

beforeAll(async () => {
  if (skip) return;
  const c = admin();
  await c.connect();
  await c.query(`CREATE DATABASE "${dbName}"`);
  await c.end();
  await deployMigrations({ url: dbUrl, prismaDir: PRISMA_DIR });
  clock = new ManualClock(T0);
  // Two processes: their own pool and event bus each, one clock (the wall clock they share).
  a = { db: createPrismaClient(dbUrl), clock, events: new EventBus(), hmacKey: TEST_HMAC_KEY };
  b = { db: createPrismaClient(dbUrl), clock, events: new EventBus(), hmacKey: TEST_HMAC_KEY };
});
afterAll(async () => {
  if (skip) return;
  await a.db.$disconnect().catch(() => {});
  await b.db.$disconnect();
  const c = admin();
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await c.end();
});

/** Handlers that record which worker ran which job. */
function recording() {
  const runs: { n: unknown; by: string }[] = [];
  const handlers = (by: string): JobHandlers => ({
    test: async (_ctx, payload) => {
      runs.push({ n: payload.n, by });
      await new Promise((r) => setTimeout(r, 2));
    },
  });
  return { runs, handlers };
}

describe.skipIf(skip)("the scheduler with two processes on PostgreSQL", () => {
  it("claims with SKIP LOCKED on PostgreSQL", () => {
    expect(isPostgresClient(a.db)).toBe(true);
  });

  it("runs each of 200 due jobs exactly once while two loops run side by side", async () => {
    await resetDbOn(a);
    const { runs, handlers } = recording();
    for (let n = 0; n < 200; n++) {
      await scheduleJob(a.db, { kind: "test", dueAt: new Date(T0.getTime() - (n % 7) * 1000), payload: { n } });
    }
    const loopA = startSchedulerLoop(a, handlers("A"), "process-A", 20);
    const loopB = startSchedulerLoop(b, handlers("B"), "process-B", 20);
    try {
      await vi.waitFor(async () => expect(await a.db.scheduledJob.count({ where: { status: "DONE" } })).toBe(200), {
        timeout: 15_000,
        interval: 50,
      });
    } finally {
      await Promise.all([loopA.stop(), loopB.stop()]);
    }
    expect(runs).toHaveLength(200);
    expect(new Set(runs.map((r) => r.n)).size).toBe(200);
    // Both processes did part of the work.
    expect(runs.some((r) => r.by === "A")).toBe(true);
    expect(runs.some((r) => r.by === "B")).toBe(true);
    const rows = await a.db.scheduledJob.findMany();
    expect(rows.every((r) => r.attempts === 1 && r.lockedBy === null)).toBe(true);
  });

  it("skips a job whose row another process holds locked, instead of waiting for it", async () => {
    await resetDbOn(a);
    const { runs, handlers } = recording();
    const held = await scheduleJob(a.db, {
      kind: "test",
      dueAt: new Date(T0.getTime() - 2000),
      payload: { n: "held" },
    });
    await scheduleJob(a.db, { kind: "test", dueAt: new Date(T0.getTime() - 1000), payload: { n: "free" } });
    // Another process is in the middle of claiming the older job: its row is locked in an open transaction.
    const other = new pg.Client({ connectionString: dbUrl });
    await other.connect();
    try {
      await other.query("BEGIN");
      await other.query(`SELECT "id" FROM "ScheduledJob" WHERE "id" = $1 FOR UPDATE`, [held.id]);
      const result = await runDueJobs(b, handlers("B"), "process-B");
      expect(result.done).toBe(1);
      expect(runs).toEqual([{ n: "free", by: "B" }]);
      await other.query("ROLLBACK");
    } finally {
      await other.end();
    }
    await runDueJobs(b, handlers("B"), "process-B");
    expect(runs.map((r) => r.n)).toEqual(["free", "held"]);
  });

  it("two presses in one room at the same instant on two processes make one alarm (the second joins)", async () => {
    await resetDbOn(a);
    const site = await makeAlarmSite(a.db, clock.now());
    await makePresent(a.db, clock.now(), site.team[0].id);
    const press = (ctx: DomainContext) =>
      raiseAlarm(ctx, site.tablet, {
        locationId: site.locationId,
        roomId: site.tablet.roomId,
        level: "EMERGENCY",
        source: "ROOM_TABLET",
        deviceId: site.tablet.id,
      });
    for (let round = 0; round < 5; round++) {
      const results = await Promise.all([press(a), press(b), press(a), press(b)]);
      expect(new Set(results.map((r) => r.alarm.id)).size).toBe(1);
      expect(results.filter((r) => !r.joined)).toHaveLength(1);
      await a.db.alarm.updateMany({ data: { status: "CANCELLED" } });
    }
  });

  // Last: process A's connection is closed here (the process is gone).
  it("an escalation scheduled by process A fires on time from process B after A is gone", async () => {
    await resetDbOn(a);
    const site = await makeAlarmSite(a.db, clock.now());
    await a.db.location.update({ where: { id: site.locationId }, data: { alarmEscalateAllSeconds: 30 } });
    await makePresent(a.db, clock.now(), site.team[0].id, site.colleague.id);
    const { alarm } = await raiseAlarm(a, site.tablet, {
      locationId: site.locationId,
      roomId: site.tablet.roomId,
      level: "EMERGENCY",
      source: "ROOM_TABLET",
      deviceId: site.tablet.id,
    });
    // A's own scheduler opens the alarm when the cancel window ends (and schedules the escalation).
    clock.advance(CANCEL_WINDOW_MS);
    expect(await runDueJobs(a, jobHandlers, "process-A")).toMatchObject({ done: 1 });
    const opened = await a.db.alarm.findUniqueOrThrow({ where: { id: alarm.id } });
    expect(opened.status).toBe("OPEN");
    await a.db.$disconnect(); // process A is gone

    const escalated: number[] = [];
    b.events.on("alarm.escalated", (p) => void escalated.push(p.step));
    clock.advance(30_000 - 1);
    await runDueJobs(b, jobHandlers, "process-B");
    expect(escalated).toEqual([]); // not before it is due
    clock.advance(1);
    await runDueJobs(b, jobHandlers, "process-B");
    expect(escalated).toEqual([1]); // B's first tick at the due time runs it
    const row = await b.db.alarm.findUniqueOrThrow({ where: { id: alarm.id } });
    expect(row.escalation).toBe(1);
    // Everyone present is paged now, the colleague too.
    const pages = await b.db.alarmPage.findMany({ where: { alarmId: alarm.id } });
    expect(pages.map((p) => p.staffId)).toContain(site.colleague.id);
  });
});

async function resetDbOn(ctx: DomainContext) {
  await resetDb(ctx.db);
}
