// The silent-tablet watch on a real database, driven by the real scheduler (runDueJobs) and a
// ManualClock: heartbeats through markDevicePresence, as the socket handler records them.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { markDevicePresence, revokeDevice } from "@/src/domain/devices/devices";
import {
  ensureTabletWatch,
  runTabletWatch,
  TABLET_WATCH_INTERVAL_MS,
  TABLET_WATCH_JOB,
} from "@/src/domain/devices/tablet-watch";
import { runDueJobs } from "@/src/domain/scheduler/run-due-jobs";
import { jobHandlers } from "@/src/server/job-handlers";
import { collectEvents, makeSite, type Site } from "@/tests/helpers/kiosk-fixtures";
import { closeTestDb, resetDb, type TestContext, testContext } from "@/tests/helpers/test-db";

let ctx: TestContext;
let site: Site;
const SECOND = 1000;

async function pairedTablet(id = "tab-1", name = "Tablet spreekkamer") {
  await ctx.db.device.create({
    data: {
      id,
      name,
      kind: "ROOM_TABLET",
      locationId: site.locationId,
      roomId: `${site.locationId}-consult`,
      credentialHash: `hash-${id}`,
      pairedAt: ctx.clock.now(),
      lastSeenAt: ctx.clock.now(),
    },
  });
  await markDevicePresence(ctx, id, "connected");
  return id;
}

const openAlerts = () =>
  ctx.db.deskAlert.findMany({ where: { kind: "TABLET_SILENT", acknowledgedAt: null }, orderBy: { createdAt: "asc" } });

/** Moves the clock in heartbeat-sized steps, running due jobs after each (as the loop would). */
async function advance(ms: number, heartbeat?: string) {
  for (let left = ms; left > 0; left -= 5 * SECOND) {
    ctx.clock.advance(Math.min(5 * SECOND, left));
    if (heartbeat) await markDevicePresence(ctx, heartbeat, "heartbeat");
    await runDueJobs(ctx, jobHandlers, "test-worker");
  }
}

beforeEach(async () => {
  ctx = await testContext();
  await resetDb(ctx.db);
  site = await makeSite(ctx.db);
});
afterAll(closeTestDb);

describe("silent room tablets", () => {
  it("a tablet silent for over 30 s raises one desk alert, cleared and announced when it is back", async () => {
    const id = await pairedTablet();
    await ensureTabletWatch(ctx);
    const events = collectEvents(ctx);
    // Heartbeats keep it quiet.
    await advance(60 * SECOND, id);
    expect(await openAlerts()).toHaveLength(0);
    // Then it falls silent (page closed): the socket disconnects.
    await markDevicePresence(ctx, id, "disconnected");
    await advance(25 * SECOND);
    expect(await openAlerts()).toHaveLength(0);
    await advance(20 * SECOND);
    const [alert] = await openAlerts();
    expect(alert).toBeDefined();
    expect(JSON.parse(alert.data)).toMatchObject({
      deviceId: id,
      deviceName: "Tablet spreekkamer",
      roomName: "Spreekkamer",
    });
    expect(events.named("desk.alert_raised")).toMatchObject([{ kind: "TABLET_SILENT", locationId: site.locationId }]);
    // Still silent a minute later: still one alert.
    await advance(60 * SECOND);
    expect(await ctx.db.deskAlert.count({ where: { kind: "TABLET_SILENT" } })).toBe(1);
    // Back: cleared automatically, and the desk is told.
    await markDevicePresence(ctx, id, "connected");
    await advance(TABLET_WATCH_INTERVAL_MS, id);
    expect(await openAlerts()).toHaveLength(0);
    expect(events.named("desk.alert_acknowledged")).toEqual([{ alertId: alert.id, locationId: site.locationId }]);
    const audit = await ctx.db.auditEvent.findMany({
      where: { action: { in: ["device.tablet_silent", "device.tablet_back"] } },
      orderBy: { at: "asc" },
    });
    expect(audit.map((a) => [a.action, a.subjectId])).toEqual([
      ["device.tablet_silent", id],
      ["device.tablet_back", id],
    ]);
  });

  it("does not raise again after the desk acknowledged it while the silence lasts; a new silence raises again", async () => {
    const id = await pairedTablet();
    await markDevicePresence(ctx, id, "disconnected");
    ctx.clock.advance(31 * SECOND);
    expect(await runTabletWatch(ctx)).toEqual({ raised: 1, cleared: 0 });
    await ctx.db.deskAlert.updateMany({ data: { acknowledgedAt: ctx.clock.now() } });
    ctx.clock.advance(60 * SECOND);
    expect(await runTabletWatch(ctx)).toEqual({ raised: 0, cleared: 0 });
    await markDevicePresence(ctx, id, "connected");
    expect(await runTabletWatch(ctx)).toEqual({ raised: 0, cleared: 0 });
    await markDevicePresence(ctx, id, "disconnected");
    ctx.clock.advance(31 * SECOND);
    expect(await runTabletWatch(ctx)).toEqual({ raised: 1, cleared: 0 });
  });

  it("ignores revoked and unpaired tablets and clears the alert of a tablet that is revoked", async () => {
    const id = await pairedTablet();
    await ctx.db.device.create({
      data: { id: "never-paired", name: "Nieuw", kind: "ROOM_TABLET", locationId: site.locationId },
    });
    await markDevicePresence(ctx, id, "disconnected");
    ctx.clock.advance(40 * SECOND);
    expect(await runTabletWatch(ctx)).toEqual({ raised: 1, cleared: 0 });
    await revokeDevice(ctx, site.admin, id);
    expect(await runTabletWatch(ctx)).toEqual({ raised: 0, cleared: 1 });
    ctx.clock.advance(600 * SECOND);
    expect(await runTabletWatch(ctx)).toEqual({ raised: 0, cleared: 0 });
  });

  it("decides again per tablet in a short transaction: one heard from after the pass read it is not alerted", async () => {
    const quiet = await pairedTablet("tab-quiet", "Tablet 1");
    const back = await pairedTablet("tab-back", "Tablet 2");
    await markDevicePresence(ctx, quiet, "disconnected");
    await markDevicePresence(ctx, back, "disconnected");
    ctx.clock.advance(40 * SECOND);
    // The pass reads every tablet outside a transaction; right after that read, tab-back speaks.
    // (Before, the pass read and wrote in one transaction: this heartbeat would have waited for it.)
    const db = ctx.db.$extends({
      query: {
        device: {
          async findMany({ args, query }) {
            const rows = await query(args);
            if (!args.where?.id) await markDevicePresence(ctx, back, "heartbeat");
            return rows;
          },
        },
      },
    }) as unknown as TestContext["db"];
    expect(await runTabletWatch({ ...ctx, db })).toEqual({ raised: 1, cleared: 0 });
    const alerts = await openAlerts();
    expect(alerts.map((a) => JSON.parse(a.data).deviceId)).toEqual([quiet]);
  });

  it("a socket's last presence for a device deleted meanwhile is ignored, not an error", async () => {
    const id = await pairedTablet();
    const events = collectEvents(ctx);
    // Deleted right after markDevicePresence read it (an admin deletes it as its socket closes).
    const db = ctx.db.$extends({
      query: {
        device: {
          async findUnique({ args, query }) {
            const row = await query(args);
            await ctx.db.device.deleteMany({ where: { id } });
            return row;
          },
        },
      },
    }) as unknown as TestContext["db"];
    await expect(markDevicePresence({ ...ctx, db }, id, "disconnected")).resolves.toBeUndefined();
    expect(await ctx.db.device.count({ where: { id } })).toBe(0);
    expect(events.named("device.presence_changed")).toEqual([]);
  });

  it("keeps one recurring job, also across a restart", async () => {
    await ensureTabletWatch(ctx);
    await ensureTabletWatch(ctx); // a restart: nothing added
    const live = () =>
      ctx.db.scheduledJob.findMany({ where: { kind: TABLET_WATCH_JOB, status: { in: ["PENDING", "RUNNING"] } } });
    expect(await live()).toHaveLength(1);
    for (let i = 0; i < 5; i++) {
      ctx.clock.advance(TABLET_WATCH_INTERVAL_MS);
      await runDueJobs(ctx, jobHandlers, "test-worker");
      const pending = await live();
      expect(pending).toHaveLength(1);
      expect(pending[0].dueAt.getTime()).toBe(ctx.clock.now().getTime() + TABLET_WATCH_INTERVAL_MS);
    }
    await ensureTabletWatch(ctx);
    expect(await live()).toHaveLength(1);
    // One row in all, however long it runs.
    expect(await ctx.db.scheduledJob.count({ where: { kind: TABLET_WATCH_JOB } })).toBe(1);
  });
});
