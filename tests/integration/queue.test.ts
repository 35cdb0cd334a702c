// Capacity of a walk-in location: queue numbers at capacity, calling the next number when someone
// leaves, a called number's place, and the expiry of a called number that did not come in.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { runDueJobs } from "@/src/domain/scheduler/run-due-jobs";
import { queueView } from "@/src/domain/visits/capacity";
import { checkOutVisit } from "@/src/domain/visits/check-out";
import { completeCheckIn, identifyAtKiosk } from "@/src/domain/visits/kiosk-check-in";
import type { KioskOutcome } from "@/src/domain/visits/kiosk-outcome";
import { jobHandlers } from "@/src/server/job-handlers";
import {
  acceptRules,
  collectEvents,
  MINUTE,
  makePassVisitor,
  makeSite,
  type Site,
} from "@/tests/helpers/kiosk-fixtures";
import { closeTestDb, resetDb, type TestContext, testContext } from "@/tests/helpers/test-db";

let ctx: TestContext;
let events: ReturnType<typeof collectEvents>;
let site: Site;

beforeEach(async () => {
  ctx = await testContext();
  await resetDb(ctx.db);
  events = collectEvents(ctx);
  site = await makeSite(ctx.db, { id: "loc-haven", capacity: 2, registrationMode: "MINIMAL" });
});
afterAll(closeTestDb);

/** A minimal walk-in, optionally with a queue number; accepts the house rules when asked. */
async function arrive(firstName: string, queueNumber?: number): Promise<KioskOutcome> {
  const first = await identifyAtKiosk(
    ctx,
    site.kiosk,
    { kind: "walk-in", fields: { mode: "MINIMAL", firstName, age: 30, nationalityGroup: "EU" }, queueNumber },
    "nl",
  );
  return first.step === "rules" ? completeCheckIn(ctx, site.kiosk, first.pending, "accept") : first;
}
const visitOf = (firstName: string) =>
  ctx.db.visit.findFirstOrThrow({ where: { visitor: { firstName }, status: "WAITING" } });
const ticket = (number: number) =>
  ctx.db.queueTicket.findFirstOrThrow({ where: { locationId: site.locationId, number } });
const openVisits = () =>
  ctx.db.visit.count({ where: { locationId: site.locationId, status: { in: ["WAITING", "WITH_HOST"] } } });
const leave = async (firstName: string) => checkOutVisit(ctx, site.admin, (await visitOf(firstName)).id);

describe("capacity queue", () => {
  it("gives queue numbers at capacity, calls the next on departure, and admits the called number", async () => {
    expect((await arrive("Anna")).step).toBe("checked-in");
    expect((await arrive("Bas")).step).toBe("checked-in");
    events.clear();

    expect(await arrive("Cem")).toEqual({ step: "queued", number: 1, ahead: 0 });
    expect(await arrive("Dirk")).toEqual({ step: "queued", number: 2, ahead: 1 });
    expect(await openVisits()).toBe(2);
    expect(events.named("queue.changed").at(-1)).toMatchObject({
      locationId: site.locationId,
      waiting: [{ number: 1 }, { number: 2 }],
      called: [],
    });
    expect((await ticket(1)).status).toBe("WAITING");

    // An uncalled number does not skip the queue, and does not lose its place either.
    expect(await arrive("Dirk", 2)).toEqual({ step: "queued", number: 2, ahead: 1 });
    expect(await arrive("Cem", 1)).toEqual({ step: "queued", number: 1, ahead: 0 });
    expect(await ctx.db.queueTicket.count()).toBe(2);
    expect(await openVisits()).toBe(2);

    // Someone leaves: number 1 is called, with an expiry job.
    events.clear();
    await leave("Anna");
    const called = await ticket(1);
    expect(called).toMatchObject({ status: "CALLED", calledAt: ctx.clock.now() });
    expect(events.named("queue.changed")).toMatchObject([
      { waiting: [{ number: 2 }], called: [{ number: 1, id: called.id }] },
    ]);
    const job = await ctx.db.scheduledJob.findUniqueOrThrow({ where: { key: `queue-called:${called.id}` } });
    expect(job).toMatchObject({
      kind: "queue.called_expiry",
      status: "PENDING",
      dueAt: new Date(ctx.clock.now().getTime() + 10 * MINUTE),
    });
    expect(JSON.parse(job.payload)).toEqual({ ticketId: called.id });

    // The called place is held: a newcomer or an uncalled number still queues.
    expect(await arrive("Eva")).toEqual({ step: "queued", number: 3, ahead: 1 });
    expect(await arrive("Dirk", 2)).toEqual({ step: "queued", number: 2, ahead: 0 });

    // Number 1 comes in.
    events.clear();
    expect(await arrive("Cem", 1)).toMatchObject({ step: "checked-in", firstName: "Cem" });
    expect(await ticket(1)).toMatchObject({ status: "ADMITTED", closedAt: ctx.clock.now() });
    expect(await ctx.db.scheduledJob.count({ where: { key: `queue-called:${called.id}` } })).toBe(0);
    expect(events.named("queue.changed").at(-1)).toMatchObject({ waiting: [{ number: 2 }, { number: 3 }], called: [] });
    expect(await openVisits()).toBe(2);
    // A number is admitted once.
    expect(await arrive("Someone", 1)).toEqual({ step: "queued", number: 4, ahead: 2 });
  });

  it("expires a called number that does not come in after ten minutes, and calls the next", async () => {
    await arrive("Anna");
    await arrive("Bas");
    await arrive("Cem"); // 1
    await arrive("Dirk"); // 2
    await leave("Anna");
    expect((await ticket(1)).status).toBe("CALLED");

    ctx.clock.advance(9 * MINUTE);
    expect(await runDueJobs(ctx, jobHandlers, "test-worker")).toMatchObject({ done: 0 });
    ctx.clock.advance(2 * MINUTE);
    events.clear();
    expect(await runDueJobs(ctx, jobHandlers, "test-worker")).toMatchObject({ done: 1, failed: 0 });
    expect(await ticket(1)).toMatchObject({ status: "EXPIRED", closedAt: ctx.clock.now() });
    expect(await ticket(2)).toMatchObject({ status: "CALLED", calledAt: ctx.clock.now() });
    expect(events.named("queue.changed").at(-1)).toMatchObject({ waiting: [], called: [{ number: 2 }] });
    const next = await ctx.db.scheduledJob.findUniqueOrThrow({
      where: { key: `queue-called:${(await ticket(2)).id}` },
    });
    expect(next.status).toBe("PENDING");

    // The expired number has lost its place; the called one gets in.
    expect(await arrive("Cem", 1)).toEqual({ step: "queued", number: 3, ahead: 0 });
    expect((await arrive("Dirk", 2)).step).toBe("checked-in");
    expect(await queueView(ctx.db, site.locationId)).toMatchObject({ waiting: [{ number: 3 }], called: [] });
  });

  it("does not admit a called number that expired while its holder read the house rules", async () => {
    await arrive("Anna");
    await arrive("Bas");
    await arrive("Cem"); // 1
    await arrive("Dirk"); // 2
    await leave("Anna");
    const asked = await identifyAtKiosk(
      ctx,
      site.kiosk,
      {
        kind: "walk-in",
        fields: { mode: "MINIMAL", firstName: "Cem", age: 30, nationalityGroup: "EU" },
        queueNumber: 1,
      },
      "nl",
    );
    expect(asked.step).toBe("rules");
    ctx.clock.advance(9 * MINUTE + 30_000);
    await ctx.db.scheduledJob.updateMany({ data: { dueAt: ctx.clock.now() } });
    await runDueJobs(ctx, jobHandlers, "test-worker"); // number 1 expires, number 2 is called
    expect((await ticket(2)).status).toBe("CALLED");
    const outcome = await completeCheckIn(ctx, site.kiosk, (asked as { pending: string }).pending, "accept");
    expect(outcome).toEqual({ step: "queued", number: 3, ahead: 0 });
    expect((await ticket(1)).status).toBe("EXPIRED");
    expect(await openVisits()).toBe(1);
  });

  it("calls as many numbers as places were freed, and none at a location without capacity", async () => {
    await arrive("Anna");
    await arrive("Bas");
    await arrive("Cem");
    await arrive("Dirk");
    await arrive("Eva");
    await leave("Anna");
    await leave("Bas");
    expect((await queueView(ctx.db, site.locationId)).called.map((t) => t.number)).toEqual([1, 2]);
    expect((await ticket(3)).status).toBe("WAITING");
    // Checking out twice frees no second place.
    await checkOutVisit(
      ctx,
      site.admin,
      (await ctx.db.visit.findFirstOrThrow({ where: { visitor: { firstName: "Anna" } } })).id,
    );
    expect((await ticket(3)).status).toBe("WAITING");

    const open = await makeSite(ctx.db, { id: "loc-open" });
    for (let i = 0; i < 5; i++) {
      const { visitor, passText } = await makePassVisitor(ctx.db, { firstName: `P${i}` });
      await acceptRules(ctx.db, visitor.id, open.locationId);
      expect((await identifyAtKiosk(ctx, open.kiosk, { kind: "scan", text: passText }, "nl")).step).toBe("checked-in");
    }
    expect(await ctx.db.queueTicket.count({ where: { locationId: open.locationId } })).toBe(0);
  });

  it("keeps the queue order and a called number's place across midnight (a night shelter)", async () => {
    ctx.clock.set("2026-03-10T23:50:00+01:00");
    await arrive("Anna");
    await arrive("Bas");
    expect(await arrive("Cem")).toEqual({ step: "queued", number: 1, ahead: 0 });
    expect(await arrive("Dirk")).toEqual({ step: "queued", number: 2, ahead: 1 });
    ctx.clock.set("2026-03-11T00:05:00+01:00");
    // Numbers start again on the new day, but yesterday's waiting numbers are still ahead.
    expect(await arrive("Eva")).toEqual({ step: "queued", number: 1, ahead: 2 });
    await leave("Anna");
    const called = await ctx.db.queueTicket.findFirstOrThrow({ where: { status: "CALLED" } });
    expect(called).toMatchObject({ day: "2026-03-10", number: 1 });
    // Yesterday's number 1 holds the place and can be redeemed after midnight.
    expect(await arrive("Cem", 1)).toMatchObject({ step: "checked-in" });
    expect(await ctx.db.queueTicket.findUniqueOrThrow({ where: { id: called.id } })).toMatchObject({
      status: "ADMITTED",
    });
    expect((await ctx.db.queueTicket.findFirstOrThrow({ where: { day: "2026-03-11", number: 1 } })).status).toBe(
      "WAITING",
    );
  });
});
