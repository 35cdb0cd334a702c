// Open visits (issue 4): pick-up, move to a room, no-show, check-out by staff; wait-time alerts on
// the persistent scheduler (also after a restart) and risky-conversation check-ins. Real migrated
// SQLite, a ManualClock, and the scheduler run by hand as the server's loop would.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/src/domain/access/actor";
import { ManualClock } from "@/src/domain/clock";
import type { DomainContext } from "@/src/domain/db";
import { EventBus } from "@/src/domain/events/event-bus";
import { runDueJobs } from "@/src/domain/scheduler/run-due-jobs";
import { checkOutVisit } from "@/src/domain/visits/check-out";
import { checkOutAtKiosk } from "@/src/domain/visits/check-out-at-kiosk";
import { createVisit } from "@/src/domain/visits/create-visit";
import { answerRiskCheck, openRiskPrompts } from "@/src/domain/visits/risk-checks";
import { markNoShow, moveVisitToRoom, pickUpVisit } from "@/src/domain/visits/visit-actions";
import { jobHandlers } from "@/src/server/job-handlers";
import { collectEvents, MINUTE, makeSite, type Site } from "@/tests/helpers/kiosk-fixtures";
import { closeTestDb, resetDb, type TestContext, testContext } from "@/tests/helpers/test-db";

let ctx: TestContext;
let events: ReturnType<typeof collectEvents>;
let site: Site;
let kioskActor: Actor;

const run = (c: DomainContext = ctx) => runDueJobs(c, jobHandlers, "test-worker");

beforeEach(async () => {
  ctx = await testContext();
  await resetDb(ctx.db);
  events = collectEvents(ctx);
  site = await makeSite(ctx.db, { waitAlertMinutes: 10 });
  kioskActor = { type: "DEVICE", id: site.kiosk.id, kind: "KIOSK", locationId: site.locationId, roomId: null };
});
afterAll(closeTestDb);

const host = (): Actor => ({ type: "STAFF", id: site.hostId, role: "STAFF", locationIds: [site.locationId] });
async function otherStaff(id: string, role: "STAFF" | "RECEPTION" = "STAFF"): Promise<Actor & { type: "STAFF" }> {
  await ctx.db.staffMember.create({
    data: {
      id,
      name: `Staff ${id}`,
      email: `${id}@example.test`,
      role,
      passwordHash: "x",
      locations: { create: [{ locationId: site.locationId }] },
    },
  });
  return { type: "STAFF", id, role, locationIds: [site.locationId] };
}

async function newVisit(opts: { risky?: boolean; banned?: boolean; hostId?: string | null; leaveCode?: boolean } = {}) {
  const visitor = await ctx.db.visitor.create({ data: { firstName: "Sam", lastName: "de Graaf" } });
  const visit = await createVisit(ctx, kioskActor, {
    location: { id: site.locationId, controlledEntrance: false, kind: "APPOINTMENT", waitAlertMinutes: 10 },
    visitorId: visitor.id,
    method: "WALK_IN",
    hostId: opts.hostId === undefined ? site.hostId : opts.hostId,
    risky: opts.risky ?? false,
    ban: opts.banned ? { id: "ban-x", alert: {} } : null,
  });
  return visit;
}

const openAlerts = (kind: string) => ctx.db.deskAlert.findMany({ where: { kind, acknowledgedAt: null } });
const pendingJobs = () => ctx.db.scheduledJob.findMany({ where: { status: "PENDING" }, orderBy: { dueAt: "asc" } });

describe("visit actions", () => {
  it("host picks up: WAITING → WITH_HOST with pickedUpAt and room, audited, visit.updated published", async () => {
    const visit = await newVisit();
    ctx.clock.advance(3 * MINUTE);
    events.clear();
    const summary = await pickUpVisit(ctx, host(), visit.id, { roomId: `${site.locationId}-consult` });
    expect(summary).toMatchObject({ status: "WITH_HOST", roomId: `${site.locationId}-consult`, visitorName: "Sam d." });
    expect(summary.pickedUpAt).toBe(ctx.clock.now().toISOString());
    expect(events.named("visit.updated")).toHaveLength(1);
    const audit = await ctx.db.auditEvent.findMany({ where: { subjectId: visit.id, action: "visit.picked_up" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorType: "STAFF", actorId: site.hostId });
  });

  it("refuses illegal transitions with clear codes", async () => {
    const visit = await newVisit();
    await pickUpVisit(ctx, host(), visit.id);
    await expect(pickUpVisit(ctx, host(), visit.id)).rejects.toMatchObject({ code: "VISIT_NOT_WAITING" });
    await expect(markNoShow(ctx, site.admin, visit.id)).rejects.toMatchObject({ code: "VISIT_NOT_WAITING" });
    await checkOutVisit(ctx, host(), visit.id);
    await expect(pickUpVisit(ctx, host(), visit.id)).rejects.toMatchObject({ code: "VISIT_ENDED" });
    await expect(moveVisitToRoom(ctx, site.admin, visit.id, `${site.locationId}-consult`)).rejects.toMatchObject({
      code: "VISIT_ENDED",
    });
  });

  it("rooms of the visit's own location only", async () => {
    const other = await makeSite(ctx.db, { id: "loc-other" });
    const visit = await newVisit();
    await expect(moveVisitToRoom(ctx, site.admin, visit.id, `${other.locationId}-consult`)).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { roomId: ["room_not_here"] },
    });
    const moved = await moveVisitToRoom(ctx, site.admin, visit.id, `${site.locationId}-consult`);
    expect(moved.roomId).toBe(`${site.locationId}-consult`);
  });

  it("a host acts on their own visits only; the desk on any visit of its location", async () => {
    const colleague = await otherStaff("colleague");
    const desk = await otherStaff("desk", "RECEPTION");
    const visit = await newVisit();
    await expect(pickUpVisit(ctx, colleague, visit.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(checkOutVisit(ctx, colleague, visit.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const outsider: Actor = { type: "STAFF", id: "x", role: "RECEPTION", locationIds: ["elsewhere"] };
    await expect(markNoShow(ctx, outsider, visit.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(pickUpVisit(ctx, desk, visit.id)).resolves.toMatchObject({ status: "WITH_HOST" });
  });

  it("no-show: the visit and its appointment", async () => {
    const visitor = await ctx.db.visitor.create({ data: { firstName: "Noor" } });
    const appointment = await ctx.db.appointment.create({
      data: { locationId: site.locationId, hostId: site.hostId, visitorId: visitor.id, startsAt: ctx.clock.now() },
    });
    const visit = await createVisit(ctx, kioskActor, {
      location: { id: site.locationId, controlledEntrance: false },
      visitorId: visitor.id,
      method: "INVITE",
      appointmentId: appointment.id,
      hostId: site.hostId,
    });
    const summary = await markNoShow(ctx, site.admin, visit.id);
    expect(summary.status).toBe("NO_SHOW");
    expect((await ctx.db.appointment.findUniqueOrThrow({ where: { id: appointment.id } })).status).toBe("NO_SHOW");
    expect(await pendingJobs()).toEqual([]);
  });
});

describe("wait-time alerts", () => {
  it("schedules the first alert with the visit, at check-in + the location's threshold", async () => {
    const visit = await newVisit();
    const jobs = await pendingJobs();
    expect(jobs.map((j) => [j.kind, j.key, j.dueAt.getTime()])).toEqual([
      ["visit.wait_alert", `visit.wait_alert:${visit.id}:1`, visit.checkedInAt.getTime() + 10 * MINUTE],
    ]);
  });

  it("reads the threshold from the location when the caller did not pass it", async () => {
    await ctx.db.location.update({ where: { id: site.locationId }, data: { waitAlertMinutes: 7 } });
    const visitor = await ctx.db.visitor.create({ data: { firstName: "Ali" } });
    const visit = await createVisit(ctx, kioskActor, {
      location: { id: site.locationId, controlledEntrance: false },
      visitorId: visitor.id,
      method: "WALK_IN",
    });
    expect((await pendingJobs())[0].dueAt.getTime()).toBe(visit.checkedInAt.getTime() + 7 * MINUTE);
  });

  it("fires exactly at the threshold, again at twice the threshold, then stops", async () => {
    const visit = await newVisit();
    ctx.clock.advance(10 * MINUTE - 1);
    await run();
    expect(await openAlerts("WAIT_TIME")).toEqual([]);
    ctx.clock.advance(1);
    events.clear();
    await run();
    const [first] = await openAlerts("WAIT_TIME");
    expect(first).toMatchObject({ visitId: visit.id, locationId: site.locationId });
    expect(JSON.parse(first.data)).toMatchObject({ level: 1, minutes: 10 });
    expect((await ctx.db.visit.findUniqueOrThrow({ where: { id: visit.id } })).waitAlertLevel).toBe(1);
    expect(events.named("desk.alert_raised").map((a) => a.kind)).toEqual(["WAIT_TIME"]);
    expect(events.named("visit.wait_reminder")).toEqual([
      {
        visitId: visit.id,
        locationId: site.locationId,
        hostId: site.hostId,
        visitorName: "Sam d.",
        level: 1,
        minutes: 10,
      },
    ]);
    expect(events.named("visit.updated")[0]).toMatchObject({ waitAlertLevel: 1 });

    ctx.clock.advance(10 * MINUTE - 1);
    await run();
    expect((await openAlerts("WAIT_TIME")).map((a) => a.id)).toEqual([first.id]);
    ctx.clock.advance(1);
    events.clear();
    await run();
    const open = await openAlerts("WAIT_TIME");
    expect(open).toHaveLength(1);
    expect(JSON.parse(open[0].data)).toMatchObject({ level: 2, minutes: 20 });
    // The level-1 card is replaced, not stacked.
    expect(events.named("desk.alert_acknowledged")).toEqual([{ alertId: first.id, locationId: site.locationId }]);
    expect(events.named("visit.wait_reminder").map((r) => r.level)).toEqual([2]);

    ctx.clock.advance(60 * MINUTE);
    await run();
    expect(await openAlerts("WAIT_TIME")).toHaveLength(1);
    expect(await pendingJobs()).toEqual([]);
  });

  it("clears when the visitor is picked up: jobs cancelled, the desk card closes live", async () => {
    const visit = await newVisit();
    ctx.clock.advance(10 * MINUTE);
    await run();
    const [alert] = await openAlerts("WAIT_TIME");
    events.clear();
    await pickUpVisit(ctx, host(), visit.id);
    expect(await openAlerts("WAIT_TIME")).toEqual([]);
    expect(events.named("desk.alert_acknowledged")).toEqual([{ alertId: alert.id, locationId: site.locationId }]);
    expect(await pendingJobs()).toEqual([]);
    ctx.clock.advance(60 * MINUTE);
    await run();
    expect(await openAlerts("WAIT_TIME")).toEqual([]);
  });

  it("is cancelled by a check-out at the kiosk and by a no-show", async () => {
    const a = await newVisit();
    await checkOutAtKiosk(ctx, site.kiosk, { kind: "leave-code", code: a.leaveCode ?? "" });
    expect((await ctx.db.visit.findUniqueOrThrow({ where: { id: a.id } })).status).toBe("CHECKED_OUT");
    expect(await pendingJobs()).toEqual([]);
    const b = await newVisit();
    await markNoShow(ctx, site.admin, b.id);
    expect(await pendingJobs()).toEqual([]);
  });

  it("banned or rules-declined visits get none (the desk already has their alert)", async () => {
    await newVisit({ banned: true });
    expect(await pendingJobs()).toEqual([]);
  });

  it("a walk-in shelter gets none: its guests are in, nobody comes to fetch them", async () => {
    const shelter = await makeSite(ctx.db, { id: "loc-shelter", capacity: 60 });
    const visitor = await ctx.db.visitor.create({ data: { firstName: "Guest" } });
    await createVisit(ctx, kioskActor, {
      location: { id: shelter.locationId, controlledEntrance: false },
      visitorId: visitor.id,
      method: "WALK_IN",
    });
    expect(await pendingJobs()).toEqual([]);
  });

  it("a wait alert due while the server was stopped fires after start", async () => {
    const visit = await newVisit();
    // The server stops; time passes beyond the threshold with nobody running jobs.
    ctx.clock.advance(12 * MINUTE);
    expect(await openAlerts("WAIT_TIME")).toEqual([]);
    // A fresh start: a new context (new clock, new event bus) on the same database runs what is due.
    const restarted: DomainContext = {
      db: ctx.db,
      clock: new ManualClock(ctx.clock.now()),
      events: new EventBus(),
      hmacKey: ctx.hmacKey,
    };
    const seen = collectEvents(restarted);
    expect(await runDueJobs(restarted, jobHandlers, "fresh-start")).toMatchObject({ done: 1, failed: 0 });
    expect(await openAlerts("WAIT_TIME")).toHaveLength(1);
    expect(seen.named("desk.alert_raised")).toMatchObject([{ kind: "WAIT_TIME", visitId: visit.id }]);
    expect(seen.named("visit.wait_reminder")).toMatchObject([{ visitId: visit.id, hostId: site.hostId, level: 1 }]);
    // The second level is on the scheduler too, at twice the threshold.
    expect((await pendingJobs()).map((j) => [j.key, j.dueAt.getTime()])).toEqual([
      [`visit.wait_alert:${visit.id}:2`, visit.checkedInAt.getTime() + 20 * MINUTE],
    ]);
  });
  it("after a long stop, goes straight to the level that is true now (one card, nothing left pending)", async () => {
    const visit = await newVisit();
    ctx.clock.advance(25 * MINUTE);
    events.clear();
    await run();
    await run(); // a second tick, as the loop would
    const open = await openAlerts("WAIT_TIME");
    expect(open).toHaveLength(1);
    expect(JSON.parse(open[0].data)).toMatchObject({ level: 2, minutes: 20 });
    expect((await ctx.db.visit.findUniqueOrThrow({ where: { id: visit.id } })).waitAlertLevel).toBe(2);
    expect(events.named("visit.wait_reminder").map((r) => r.level)).toEqual([2]);
    expect(await pendingJobs()).toEqual([]);
  });
});

describe("risky conversations", () => {
  async function present(staffId: string) {
    await ctx.db.staffPresence.create({
      data: { staffId, locationId: site.locationId, signedInAt: ctx.clock.now(), signedInBy: "DASHBOARD" },
    });
  }

  it("starts at pick-up: present colleagues are told the room; a prompt every N minutes until check-out", async () => {
    const colleague = await otherStaff("colleague");
    await present(colleague.id);
    await present(site.hostId); // the host is present too, but is not prompted about their own conversation
    const visit = await newVisit({ risky: true });
    ctx.clock.advance(2 * MINUTE);
    events.clear();
    await pickUpVisit(ctx, host(), visit.id, { roomId: `${site.locationId}-consult` });
    expect(events.named("risk_conversation.started")).toEqual([
      {
        visitId: visit.id,
        locationId: site.locationId,
        hostId: site.hostId,
        hostName: `Staff ${site.hostId}`,
        roomName: "Spreekkamer",
        staffIds: [colleague.id],
      },
    ]);
    ctx.clock.advance(10 * MINUTE - 1);
    await run();
    expect(events.named("risk_check.prompted")).toEqual([]);
    ctx.clock.advance(1);
    await run();
    const [prompt] = events.named("risk_check.prompted");
    expect(prompt).toMatchObject({ visitId: visit.id, staffIds: [colleague.id], roomName: "Spreekkamer", missed: 0 });
    expect(await openRiskPrompts(ctx.db, { id: colleague.id, locationIds: [site.locationId] })).toHaveLength(1);
    await answerRiskCheck(ctx, colleague, { riskCheckId: prompt.riskCheckId, ok: true });
    expect(events.named("risk_check.answered")).toMatchObject([{ riskCheckId: prompt.riskCheckId, ok: true }]);
    expect(await openRiskPrompts(ctx.db, { id: colleague.id, locationIds: [site.locationId] })).toEqual([]);

    ctx.clock.advance(10 * MINUTE);
    await run();
    expect(events.named("risk_check.prompted")).toHaveLength(2);
    expect(await openAlerts("RISK_UNANSWERED")).toEqual([]);

    await checkOutVisit(ctx, host(), visit.id);
    expect(await pendingJobs()).toEqual([]);
    ctx.clock.advance(60 * MINUTE);
    await run();
    expect(events.named("risk_check.prompted")).toHaveLength(2);
  });

  it("without anyone signed in, falls back to the location's staff room (empty staffIds)", async () => {
    const visit = await newVisit({ risky: true });
    events.clear();
    await pickUpVisit(ctx, host(), visit.id);
    expect(events.named("risk_conversation.started")[0].staffIds).toEqual([]);
  });

  it("an unanswered prompt is prompted again and flagged at the desk; an answer clears the flag", async () => {
    const colleague = await otherStaff("colleague");
    await present(colleague.id);
    const visit = await newVisit({ risky: true });
    await pickUpVisit(ctx, host(), visit.id);
    ctx.clock.advance(10 * MINUTE);
    await run();
    ctx.clock.advance(10 * MINUTE);
    events.clear();
    await run();
    expect(events.named("risk_check.prompted")).toMatchObject([{ missed: 1 }]);
    const [flag] = await openAlerts("RISK_UNANSWERED");
    expect(JSON.parse(flag.data)).toMatchObject({ roomName: null, hostName: `Staff ${site.hostId}`, missed: 1 });
    const latest = events.named("risk_check.prompted")[0];
    await answerRiskCheck(ctx, colleague, { riskCheckId: latest.riskCheckId, ok: true });
    expect(await openAlerts("RISK_UNANSWERED")).toEqual([]);
    expect(await ctx.db.riskCheck.count({ where: { answeredAt: null } })).toBe(0);
  });

  it('"not OK" raises an ASSISTANCE alarm for the visit\'s room (paging the colleagues present), even after another said OK', async () => {
    const a = await otherStaff("colleague-a");
    const b = await otherStaff("colleague-b");
    await present(a.id);
    await present(b.id);
    const visit = await newVisit({ risky: true });
    await pickUpVisit(ctx, host(), visit.id, { roomId: `${site.locationId}-consult` });
    ctx.clock.advance(10 * MINUTE);
    await run();
    const [prompt] = events.named("risk_check.prompted");
    await answerRiskCheck(ctx, a, { riskCheckId: prompt.riskCheckId, ok: true });
    events.clear();
    const answer = await answerRiskCheck(ctx, b, { riskCheckId: prompt.riskCheckId, ok: false });
    expect(answer.alertId).toBeNull();
    expect(answer.alarmId).toBeTruthy();
    const alarm = await ctx.db.alarm.findUniqueOrThrow({ where: { id: answer.alarmId as string } });
    expect(alarm).toMatchObject({
      roomId: `${site.locationId}-consult`,
      level: "ASSISTANCE",
      source: "RISK_CHECK",
      status: "OPEN",
      test: false,
    });
    // No cancel window for a risk check: the colleagues present are paged at once.
    const [paged] = events.named("alarm.paged");
    expect(paged.staffIds.sort()).toEqual([a.id, b.id].sort());
    expect(events.named("desk.alert_raised")).toEqual([]);
    const audit = await ctx.db.auditEvent.findMany({ where: { subjectId: visit.id, action: "risk_check.not_ok" } });
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].data ?? "{}")).toMatchObject({ alarmId: alarm.id });
  });

  it('"not OK" for a conversation without a room falls back to the RISK_NOT_OK desk alert', async () => {
    const a = await otherStaff("colleague-a");
    await present(a.id);
    const visit = await newVisit({ risky: true });
    await pickUpVisit(ctx, host(), visit.id);
    ctx.clock.advance(10 * MINUTE);
    await run();
    const [prompt] = events.named("risk_check.prompted");
    events.clear();
    const answer = await answerRiskCheck(ctx, a, { riskCheckId: prompt.riskCheckId, ok: false });
    expect(answer.alertId).toBeTruthy();
    expect(answer.alarmId).toBeNull();
    expect(events.named("desk.alert_raised")).toMatchObject([
      {
        kind: "RISK_NOT_OK",
        visitId: visit.id,
        data: { roomName: null, hostName: `Staff ${site.hostId}`, answeredById: a.id },
      },
    ]);
    expect(await ctx.db.alarm.count()).toBe(0);
  });

  it("a colleague of another location may not answer", async () => {
    const visit = await newVisit({ risky: true });
    await pickUpVisit(ctx, host(), visit.id);
    ctx.clock.advance(10 * MINUTE);
    await run();
    const [prompt] = events.named("risk_check.prompted");
    const outsider: Actor = { type: "STAFF", id: "x", role: "STAFF", locationIds: ["elsewhere"] };
    await expect(answerRiskCheck(ctx, outsider, { riskCheckId: prompt.riskCheckId, ok: false })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });
});
