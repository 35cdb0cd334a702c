// Retention on a real database with a controllable clock: seeded old and recent data at a
// location, one run removes exactly what has expired — not what an active ban or an open
// incident holds — with one audit event carrying the counts; a second run removes nothing; the
// daily job runs through the scheduler and schedules the next day's.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { ensureRetentionJobs, RETENTION_JOB, retentionJobKey, runRetention } from "@/src/domain/privacy/retention";
import { runDueJobs } from "@/src/domain/scheduler/run-due-jobs";
import { jobHandlers } from "@/src/server/job-handlers";
import { DAY, makePassVisitor, makeSite } from "@/tests/helpers/kiosk-fixtures";
import { closeTestDb, resetDb, type TestContext, testContext } from "@/tests/helpers/test-db";

let ctx: TestContext;
const L = "loc-r";
const OTHER = "loc-o";

beforeEach(async () => {
  ctx = await testContext();
  await resetDb(ctx.db);
  await makeSite(ctx.db, { id: L });
  await makeSite(ctx.db, { id: OTHER });
});
afterAll(closeTestDb);

const ago = (days: number) => new Date(ctx.clock.now().getTime() - days * DAY);

async function visit(visitorId: string | null, daysAgo: number, extra: { banId?: string; locationId?: string } = {}) {
  return ctx.db.visit.create({
    data: {
      locationId: extra.locationId ?? L,
      visitorId,
      method: "PASS",
      status: "CHECKED_OUT",
      checkedInAt: ago(daysAgo),
      checkedOutAt: ago(daysAgo),
      banId: extra.banId ?? null,
      banAlert: !!extra.banId,
    },
  });
}

async function ban(opts: { visitorId?: string; passId?: string; endsInDays: number }) {
  return ctx.db.ban.create({
    data: {
      locationId: L,
      visitorId: opts.visitorId ?? null,
      passId: opts.passId ?? null,
      displayName: "X",
      reasonCategory: "AGGRESSION",
      startsAt: ago(200),
      endsAt: new Date(ctx.clock.now().getTime() + opts.endsInDays * DAY),
      reviewAt: ago(10),
      decidedById: `${L}-admin`,
      contactName: "Teamleider",
    },
  });
}

async function alarm(daysAgo: number, status: "CLOSED" | "CANCELLED" | "OPEN") {
  const a = await ctx.db.alarm.create({
    data: {
      locationId: L,
      roomId: `${L}-consult`,
      level: "EMERGENCY",
      source: "ROOM_TABLET",
      status,
      raisedAt: ago(daysAgo),
      confirmAt: ago(daysAgo),
    },
  });
  await ctx.db.alarmPage.create({ data: { alarmId: a.id, staffId: `${L}-host`, pagedAt: ago(daysAgo) } });
  return a;
}

describe("retention run", () => {
  it("removes exactly what has expired and keeps what a ban in force or an open incident holds", async () => {
    // Visits (28 days): two old ones of a regular, one recent, one old one held by a ban in force,
    // one old one at another location (not this location's run).
    const regular = (await makePassVisitor(ctx.db, { firstName: "Regular" })).visitor;
    const old1 = await visit(regular.id, 40);
    await visit(regular.id, 30);
    const recent = await visit(regular.id, 5);
    const banned = (await makePassVisitor(ctx.db, { firstName: "Banned" })).visitor;
    const activeBan = await ban({ visitorId: banned.id, endsInDays: 30 });
    const held = await visit(banned.id, 60, { banId: activeBan.id });
    const elsewhere = await visit(null, 60, { locationId: OTHER });
    await ctx.db.riskCheck.create({ data: { visitId: old1.id, promptedAt: ago(40) } });
    await ctx.db.deskAlert.createMany({
      data: [
        { locationId: L, kind: "WAIT_TIME", visitId: old1.id, createdAt: ago(40) },
        { locationId: L, kind: "BAN_MATCH", visitId: held.id, createdAt: ago(60) },
        { locationId: L, kind: "SEE_DESK", createdAt: ago(29) },
        { locationId: L, kind: "SEE_DESK", createdAt: ago(1) },
      ],
    });
    await ctx.db.scheduledJob.create({
      data: { kind: "visit.wait_alert", key: `visit.wait_alert:${old1.id}:2`, dueAt: ago(39), payload: "{}" },
    });
    // Visitors (365 days after the last visit): one whose last visit was 400 days ago, one never
    // seen since creation 400 days ago but named by a ban in force (by pass), one with an old
    // appointment only, one created yesterday.
    const gone = await ctx.db.visitor.create({
      data: { firstName: "Gone", lastVisitAt: ago(400), createdAt: ago(800) },
    });
    await ctx.db.rulesAcceptance.create({
      data: { visitorId: gone.id, locationId: L, version: 1, language: "nl", acceptedAt: ago(400) },
    });
    const passBanned = await makePassVisitor(ctx.db, { firstName: "PassBanned" });
    await ctx.db.visitor.update({ where: { id: passBanned.visitor.id }, data: { createdAt: ago(400) } });
    await ban({ passId: passBanned.passId, endsInDays: 10 });
    const expiredBan = await makePassVisitor(ctx.db, { firstName: "ExpiredBan" });
    await ctx.db.visitor.update({ where: { id: expiredBan.visitor.id }, data: { createdAt: ago(400) } });
    await ban({ passId: expiredBan.passId, endsInDays: -1 });
    const appointee = await ctx.db.visitor.create({ data: { firstName: "Appointee", createdAt: ago(400) } });
    await ctx.db.appointment.create({
      data: { locationId: L, hostId: `${L}-host`, visitorId: appointee.id, startsAt: ago(35) },
    });
    await ctx.db.appointment.create({
      data: { locationId: L, hostId: `${L}-host`, startsAt: new Date(ctx.clock.now().getTime() + DAY) },
    });
    const fresh = await ctx.db.visitor.create({ data: { firstName: "Fresh", createdAt: ago(1) } });
    // Queue numbers, staff presence.
    await ctx.db.queueTicket.createMany({
      data: [
        { locationId: L, number: 1, day: "2026-01-01", createdAt: ago(60) },
        { locationId: L, number: 1, day: "2026-03-09", createdAt: ago(1) },
      ],
    });
    await ctx.db.staffPresence.createMany({
      data: [
        { staffId: `${L}-host`, locationId: L, signedInAt: ago(31), signedInBy: "DASHBOARD", signedOutAt: ago(30) },
        { staffId: `${L}-admin`, locationId: L, signedInAt: ago(50), signedInBy: "DASHBOARD" },
        { staffId: `${L}-host`, locationId: L, signedInAt: ago(2), signedInBy: "DASHBOARD", signedOutAt: ago(2) },
      ],
    });
    // Alarms (365 days): an old closed one, an old cancelled one, an old one held by a draft
    // incident, a recent closed one; incidents (1825 days): an old closed one, the draft.
    await alarm(400, "CLOSED");
    await alarm(380, "CANCELLED");
    const heldAlarm = await alarm(500, "CLOSED");
    await ctx.db.incident.create({
      data: { locationId: L, alarmId: heldAlarm.id, occurredAt: ago(500), createdAt: ago(500) },
    });
    await ctx.db.incident.create({
      data: { locationId: L, status: "CLOSED", occurredAt: ago(2000), createdAt: ago(2000) },
    });
    const recentAlarm = await alarm(10, "CLOSED");
    // A finished job from long ago.
    await ctx.db.scheduledJob.create({
      data: { kind: "x", dueAt: ago(100), status: "DONE", finishedAt: ago(100), payload: "{}" },
    });

    const counts = await runRetention(ctx, L);
    expect(counts).toEqual({
      visits: 2,
      appointments: 1,
      queueTickets: 1,
      deskAlerts: 2,
      staffPresence: 1,
      alarms: 2,
      incidents: 1,
      visitors: 3, // Gone, ExpiredBan, Appointee (its appointment expired in this run)
      jobs: 1,
    });

    const visitIds = (await ctx.db.visit.findMany({ select: { id: true } })).map((v) => v.id).sort();
    expect(visitIds).toEqual([recent.id, held.id, elsewhere.id].sort());
    expect(await ctx.db.riskCheck.count()).toBe(0);
    expect((await ctx.db.deskAlert.findMany({ select: { kind: true } })).map((a) => a.kind).sort()).toEqual([
      "BAN_MATCH",
      "SEE_DESK",
    ]);
    expect(await ctx.db.scheduledJob.count({ where: { key: { startsWith: "visit.wait_alert:" } } })).toBe(0);
    // The regular's record stays, and now knows when they last came (of the expired visits).
    expect((await ctx.db.visitor.findUniqueOrThrow({ where: { id: regular.id } })).lastVisitAt).toEqual(ago(30));
    const visitorNames = (await ctx.db.visitor.findMany({ select: { firstName: true } })).map((v) => v.firstName);
    expect(visitorNames.sort()).toEqual(["Banned", "Fresh", "PassBanned", "Regular"]);
    expect(await ctx.db.rulesAcceptance.count({ where: { visitorId: gone.id } })).toBe(0);
    expect(await ctx.db.visitor.findUnique({ where: { id: fresh.id } })).not.toBeNull();
    expect(await ctx.db.queueTicket.count()).toBe(1);
    // Still signed in (a ghost is the end-of-day rule's job) and recent presence stay.
    expect(await ctx.db.staffPresence.count()).toBe(2);
    const alarmIds = (await ctx.db.alarm.findMany({ select: { id: true } })).map((a) => a.id).sort();
    expect(alarmIds).toEqual([heldAlarm.id, recentAlarm.id].sort());
    expect(await ctx.db.alarmPage.count()).toBe(2);
    expect(await ctx.db.incident.count()).toBe(1);
    expect(await ctx.db.appointment.count()).toBe(1);

    const audit = await ctx.db.auditEvent.findMany({ where: { action: "privacy.retention_run" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorType: "SYSTEM", subjectType: "Location", subjectId: L, locationId: L });
    expect(JSON.parse(audit[0].data ?? "{}")).toEqual(counts);

    // Nothing more to remove a moment later.
    expect(Object.values((await runRetention(ctx, L)) ?? {}).every((n) => n === 0)).toBe(true);
  });

  it("keeps a visitor record for its own period after the last visit has expired", async () => {
    const v = (await makePassVisitor(ctx.db)).visitor;
    await visit(v.id, 40);
    await runRetention(ctx, L);
    expect(await ctx.db.visit.count()).toBe(0);
    expect(await ctx.db.visitor.count()).toBe(1);
    ctx.clock.advance(330 * DAY); // 370 days after the visit
    const counts = await runRetention(ctx, L);
    expect(counts?.visitors).toBe(1);
    expect(await ctx.db.visitor.count()).toBe(0);
  });
});

describe("a first run on a long history", () => {
  it("removes 1,200 expired visits with their pending follow-ups in one run", async () => {
    const old = ago(60);
    await ctx.db.visit.createMany({
      data: Array.from({ length: 1200 }, (_, i) => ({
        id: `old-${i}`,
        locationId: L,
        method: "WALK_IN" as const,
        status: "CHECKED_OUT" as const,
        checkedInAt: old,
      })),
    });
    await ctx.db.scheduledJob.createMany({
      data: Array.from({ length: 1200 }, (_, i) => ({
        kind: "visit.wait_alert",
        key: `visit.wait_alert:old-${i}:1`,
        dueAt: old,
        payload: "{}",
      })),
    });
    expect((await runRetention(ctx, L))?.visits).toBe(1200);
    expect(await ctx.db.visit.count()).toBe(0);
    expect(await ctx.db.scheduledJob.count({ where: { kind: "visit.wait_alert" } })).toBe(0);
  });
});

describe("the daily job", () => {
  it("runs at 03:30 local time through the scheduler and schedules the next day's", async () => {
    // T0 is 10 March 2026, 09:00 in Amsterdam: the first run is on 11 March, 03:30 (02:30 UTC).
    await ensureRetentionJobs(ctx);
    await ensureRetentionJobs(ctx); // idempotent
    const jobs = await ctx.db.scheduledJob.findMany({ where: { kind: RETENTION_JOB } });
    expect(jobs.map((j) => j.key).sort()).toEqual(
      [retentionJobKey(L, "2026-03-11"), retentionJobKey(OTHER, "2026-03-11")].sort(),
    );
    expect(jobs[0].dueAt.toISOString()).toBe("2026-03-11T02:30:00.000Z");
    await visit(null, 29);

    ctx.clock.set(new Date("2026-03-11T02:30:01Z"));
    await runDueJobs(ctx, jobHandlers, "test");
    expect(await ctx.db.visit.count()).toBe(0);
    expect(await ctx.db.auditEvent.count({ where: { action: "privacy.retention_run" } })).toBe(2);
    const next = await ctx.db.scheduledJob.findUniqueOrThrow({ where: { key: retentionJobKey(L, "2026-03-12") } });
    expect(next).toMatchObject({ status: "PENDING", dueAt: new Date("2026-03-12T02:30:00Z") });
  });
});
