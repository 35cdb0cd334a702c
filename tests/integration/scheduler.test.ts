import { afterAll, beforeEach, describe, expect, it, type MockInstance, vi } from "vitest";
import { ManualClock } from "@/src/domain/clock";
import type { DomainContext } from "@/src/domain/db";
import { registerDevice } from "@/src/domain/devices/devices";
import { EventBus } from "@/src/domain/events/event-bus";
import { cancelJob, scheduleJob } from "@/src/domain/scheduler/jobs";
import { type JobHandlers, LEASE_MS, MAX_ATTEMPTS, runDueJobs } from "@/src/domain/scheduler/run-due-jobs";
import { createPrismaClient, tuneSqlite } from "@/src/server/db";
import { jobHandlers } from "@/src/server/job-handlers";
import { makeLocation, staffActorOf } from "@/tests/helpers/fixtures";
import { closeTestDb, resetDb, T0, type TestContext, testContext, testDbUrl } from "@/tests/helpers/test-db";

const MINUTE = 60_000;
let ctx: TestContext;
let log: MockInstance;

beforeEach(async () => {
  ctx = await testContext();
  await resetDb(ctx.db);
  log = vi.spyOn(console, "error").mockImplementation(() => {});
  return () => log.mockRestore();
});
afterAll(closeTestDb);

/** Handlers that count their runs per job id (the payload carries `n`). */
function counting(fail: (n: unknown) => boolean = () => false) {
  const runs: unknown[] = [];
  const handlers: JobHandlers = {
    test: async (_ctx, payload) => {
      runs.push(payload.n);
      await new Promise((r) => setTimeout(r, 1));
      if (fail(payload.n)) throw new Error(`job ${payload.n} failed`);
    },
  };
  return { runs, handlers };
}

describe("scheduler", () => {
  it("runs a due job once, and not before it is due", async () => {
    const { runs, handlers } = counting();
    const job = await scheduleJob(ctx.db, {
      kind: "test",
      dueAt: new Date(T0.getTime() + 5 * MINUTE),
      payload: { n: 1 },
    });

    expect(await runDueJobs(ctx, handlers, "w1")).toEqual({ done: 0, failed: 0, retried: 0 });
    ctx.clock.advance(5 * MINUTE - 1);
    expect(await runDueJobs(ctx, handlers, "w1")).toEqual({ done: 0, failed: 0, retried: 0 });
    expect(runs).toEqual([]);

    ctx.clock.advance(1);
    expect(await runDueJobs(ctx, handlers, "w1")).toEqual({ done: 1, failed: 0, retried: 0 });
    expect(runs).toEqual([1]);
    ctx.clock.advance(MINUTE);
    expect(await runDueJobs(ctx, handlers, "w1")).toEqual({ done: 0, failed: 0, retried: 0 });
    expect(runs).toEqual([1]);

    const row = await ctx.db.scheduledJob.findUniqueOrThrow({ where: { id: job.id } });
    expect(row).toMatchObject({ status: "DONE", attempts: 1, lockedBy: null, lockedUntil: null, lastError: null });
    expect(row.finishedAt).toEqual(new Date(T0.getTime() + 5 * MINUTE));
  });

  it("keeps one job per key and lets a pending job be cancelled", async () => {
    const { runs, handlers } = counting();
    await scheduleJob(ctx.db, { kind: "test", key: "k", dueAt: new Date(T0.getTime() + MINUTE), payload: { n: 1 } });
    await scheduleJob(ctx.db, {
      kind: "test",
      key: "k",
      dueAt: new Date(T0.getTime() + 2 * MINUTE),
      payload: { n: 2 },
    });
    expect(await ctx.db.scheduledJob.count()).toBe(1);
    ctx.clock.advance(MINUTE);
    await runDueJobs(ctx, handlers, "w1");
    expect(runs).toEqual([]); // moved to the later time
    ctx.clock.advance(MINUTE);
    await runDueJobs(ctx, handlers, "w1");
    expect(runs).toEqual([2]);

    await scheduleJob(ctx.db, {
      kind: "test",
      key: "c",
      dueAt: new Date(T0.getTime() + 3 * MINUTE),
      payload: { n: 3 },
    });
    expect(await cancelJob(ctx.db, "c")).toBe(true);
    expect(await cancelJob(ctx.db, "c")).toBe(false);
    ctx.clock.advance(MINUTE);
    await runDueJobs(ctx, handlers, "w1");
    expect(runs).toEqual([2]);
  });

  it("lets a recurring job schedule its own key again: one row, pending for its next run", async () => {
    const runs: number[] = [];
    const handlers: JobHandlers = {
      tick: async (c, payload) => {
        runs.push(Number(payload.n));
        await scheduleJob(c.db, {
          kind: "tick",
          key: "tick",
          dueAt: new Date(c.clock.now().getTime() + MINUTE),
          payload: { n: Number(payload.n) + 1 },
        });
      },
    };
    await scheduleJob(ctx.db, { kind: "tick", key: "tick", dueAt: T0, payload: { n: 1 } });
    for (let i = 0; i < 3; i++) {
      await runDueJobs(ctx, handlers, "w1");
      ctx.clock.advance(MINUTE);
    }
    expect(runs).toEqual([1, 2, 3]);
    const rows = await ctx.db.scheduledJob.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ key: "tick", status: "PENDING", payload: JSON.stringify({ n: 4 }) });
  });

  it(`retries with back-off and marks FAILED after ${MAX_ATTEMPTS} attempts`, async () => {
    const { runs, handlers } = counting(() => true);
    const job = await scheduleJob(ctx.db, { kind: "test", dueAt: T0, payload: { n: 7 } });
    let backoff = 0;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      ctx.clock.advance(backoff);
      const result = await runDueJobs(ctx, handlers, "w1");
      const row = await ctx.db.scheduledJob.findUniqueOrThrow({ where: { id: job.id } });
      expect(row.attempts).toBe(attempt);
      expect(row.lastError).toBe("job 7 failed");
      if (attempt < MAX_ATTEMPTS) {
        expect(result).toEqual({ done: 0, failed: 0, retried: 1 });
        expect(row.status).toBe("PENDING");
        backoff = row.dueAt.getTime() - ctx.clock.now().getTime();
        expect(backoff).toBe(1000 * 2 ** attempt); // 2 s, 4 s, 8 s, 16 s
        // Not retried before the back-off is over.
        ctx.clock.advance(backoff - 1);
        expect(await runDueJobs(ctx, handlers, "w1")).toEqual({ done: 0, failed: 0, retried: 0 });
        backoff = 1;
      } else {
        expect(result).toEqual({ done: 0, failed: 1, retried: 0 });
        expect(row.status).toBe("FAILED");
        expect(row.finishedAt).toEqual(ctx.clock.now());
      }
    }
    expect(runs).toHaveLength(MAX_ATTEMPTS);
    ctx.clock.advance(60 * MINUTE);
    expect(await runDueJobs(ctx, handlers, "w1")).toEqual({ done: 0, failed: 0, retried: 0 });
    expect(runs).toHaveLength(MAX_ATTEMPTS);
  });

  it("fails a job of an unknown kind instead of crashing the loop", async () => {
    await scheduleJob(ctx.db, { kind: "no-such-kind", dueAt: T0 });
    expect(await runDueJobs(ctx, {}, "w1")).toEqual({ done: 0, failed: 0, retried: 1 });
    const row = await ctx.db.scheduledJob.findFirstOrThrow();
    expect(row.lastError).toMatch(/no handler/);
  });

  it("never runs one job twice when two workers run at the same time", async () => {
    const { runs, handlers } = counting();
    for (let n = 0; n < 30; n++) await scheduleJob(ctx.db, { kind: "test", dueAt: T0, payload: { n } });
    // The second worker has its own connection to the same database, like a second process.
    const other = createPrismaClient(testDbUrl());
    await tuneSqlite(other);
    try {
      const ctx2: DomainContext = { db: other, clock: ctx.clock, events: new EventBus(), hmacKey: ctx.hmacKey };
      const [a, b, c] = await Promise.all([
        runDueJobs(ctx, handlers, "w1"),
        runDueJobs(ctx2, handlers, "w2"),
        runDueJobs(ctx, handlers, "w3"),
      ]);
      expect(a.done + b.done + c.done).toBe(30);
      // They really ran side by side: the work was shared.
      expect([a, b, c].filter((r) => r.done > 0).length).toBeGreaterThanOrEqual(2);
    } finally {
      await other.$disconnect();
    }
    expect(runs).toHaveLength(30);
    expect(new Set(runs).size).toBe(30);
    const rows = await ctx.db.scheduledJob.findMany();
    expect(rows.every((r) => r.status === "DONE" && r.attempts === 1)).toBe(true);
  });

  it("takes over a RUNNING job whose worker died (lease expired), but not one still leased", async () => {
    const { runs, handlers } = counting();
    const dead = await ctx.db.scheduledJob.create({
      data: {
        kind: "test",
        dueAt: new Date(T0.getTime() - 10 * MINUTE),
        payload: JSON.stringify({ n: "dead" }),
        status: "RUNNING",
        attempts: 1,
        lockedBy: "crashed-worker",
        lockedUntil: new Date(T0.getTime() - 1),
      },
    });
    const alive = await ctx.db.scheduledJob.create({
      data: {
        kind: "test",
        dueAt: new Date(T0.getTime() - 10 * MINUTE),
        payload: JSON.stringify({ n: "alive" }),
        status: "RUNNING",
        attempts: 1,
        lockedBy: "busy-worker",
        lockedUntil: new Date(T0.getTime() + LEASE_MS),
      },
    });
    expect(await runDueJobs(ctx, handlers, "w1")).toEqual({ done: 1, failed: 0, retried: 0 });
    expect(runs).toEqual(["dead"]);
    expect(await ctx.db.scheduledJob.findUniqueOrThrow({ where: { id: dead.id } })).toMatchObject({
      status: "DONE",
      attempts: 2,
    });
    expect(await ctx.db.scheduledJob.findUniqueOrThrow({ where: { id: alive.id } })).toMatchObject({
      status: "RUNNING",
      lockedBy: "busy-worker",
    });
  });

  it("survives a restart: a job scheduled before runs after a new client opens the same database", async () => {
    // Register a device: its pairing code expires through a scheduled job ten minutes later.
    await makeLocation(ctx.db, "loc-a");
    const { device } = await registerDevice(ctx, staffActorOf("admin"), {
      name: "Kiosk",
      kind: "KIOSK",
      locationId: "loc-a",
    });
    await scheduleJob(ctx.db, { kind: "test", dueAt: new Date(T0.getTime() + MINUTE), payload: { n: "restart" } });

    // "Crash": throw the client away. Nothing of the old process survives but the database file.
    await closeTestDb();

    const db = createPrismaClient(testDbUrl());
    await tuneSqlite(db);
    try {
      const later: DomainContext = {
        db,
        clock: new ManualClock(T0.getTime() + 11 * MINUTE),
        events: new EventBus(),
        hmacKey: "test",
      };
      const { runs, handlers } = counting();
      expect(await runDueJobs(later, { ...jobHandlers, ...handlers }, "after-restart")).toEqual({
        done: 2,
        failed: 0,
        retried: 0,
      });
      expect(runs).toEqual(["restart"]);
      const d = await db.device.findUniqueOrThrow({ where: { id: device.id } });
      expect(d.pairingCodeHash).toBeNull();
      expect(d.pairingExpiresAt).toBeNull();
      expect(
        await db.auditEvent.count({ where: { action: "device.pairing_code_expired", subjectId: device.id } }),
      ).toBe(1);
    } finally {
      await db.$disconnect();
    }
  });
});
