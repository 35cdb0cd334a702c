// The incident register: registration (fresh and from an alarm's DRAFT), need-to-know access and
// audited reads, the step plan's close rule, aftercare and the 48-hour response firing through the
// scheduler (also after a restart), a building ban the kiosk enforces, the evaluation and exports.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/src/domain/access/actor";
import { ManualClock } from "@/src/domain/clock";
import type { DomainContext } from "@/src/domain/db";
import { EventBus } from "@/src/domain/events/event-bus";
import { evaluateIncidents, evaluationCsv, exportEvaluationCsv } from "@/src/domain/incidents/evaluation";
import { saveIncidentSettings } from "@/src/domain/incidents/incident-settings";
import { draftPrefill, getIncident, listOpenIncidents, recentVisitorsAt } from "@/src/domain/incidents/incident-view";
import {
  closeIncident,
  completeAftercare,
  type IncidentRegistration,
  recordResponse,
  recordSteps,
  registerIncident,
} from "@/src/domain/incidents/incidents";
import { exportIncidentSummary, renderIncidentSummaryPdf } from "@/src/domain/incidents/summary-pdf";
import { runRetention } from "@/src/domain/privacy/retention";
import { previewErasure } from "@/src/domain/privacy/subject-requests";
import { runDueJobs } from "@/src/domain/scheduler/run-due-jobs";
import { identifyAtKiosk } from "@/src/domain/visits/kiosk-check-in";
import { createPrismaClient, tuneSqlite } from "@/src/server/db";
import { jobHandlers } from "@/src/server/job-handlers";
import { collectEvents, DAY, HOUR, makePassVisitor, makeSite, type Site } from "@/tests/helpers/kiosk-fixtures";
import { closeTestDb, resetDb, TEST_HMAC_KEY, type TestContext, testContext, testDbUrl } from "@/tests/helpers/test-db";

let ctx: TestContext;
let site: Site;
let manager: Actor & { type: "STAFF" };
let victim: Actor & { type: "STAFF" };
let colleague: Actor & { type: "STAFF" };
let officer: Actor & { type: "STAFF" };

async function staff(id: string, role: "STAFF" | "MANAGER" | "RECEPTION", locationId: string) {
  await ctx.db.staffMember.create({
    data: {
      id,
      name: `Naam ${id}`,
      email: `${id}@example.test`,
      role,
      passwordHash: "x",
      locations: { create: [{ locationId }] },
    },
  });
  return { type: "STAFF" as const, id, role, locationIds: [locationId] };
}

beforeEach(async () => {
  ctx = await testContext();
  await resetDb(ctx.db);
  site = await makeSite(ctx.db);
  manager = await staff("mgr", "MANAGER", site.locationId);
  victim = await staff("victim", "STAFF", site.locationId);
  colleague = await staff("colleague", "STAFF", site.locationId);
  officer = await staff("officer", "STAFF", site.locationId);
  await ctx.db.location.update({ where: { id: site.locationId }, data: { safetyOfficerId: officer.id } });
});
afterAll(closeTestDb);

const registration = (over: Partial<IncidentRegistration> = {}): IncidentRegistration => ({
  locationId: site.locationId,
  occurredAt: new Date(ctx.clock.now().getTime() - HOUR),
  roomId: `${site.locationId}-consult`,
  affectedStaffId: victim.id,
  category: "JIJ_GEDRAG",
  description: "Bezoeker schold en dreigde; gesprek gestopt.",
  endedEarly: true,
  acuteDanger: false,
  ...over,
});

const run = (c: DomainContext = ctx) => runDueJobs(c, jobHandlers, "w-incidents");

describe("registering", () => {
  it("a fresh registration opens the incident with three aftercare tasks and the 48-hour deadline", async () => {
    const { id } = await registerIncident(ctx, victim, registration());
    const incident = await ctx.db.incident.findUniqueOrThrow({ where: { id }, include: { aftercare: true } });
    expect(incident).toMatchObject({ status: "OPEN", category: "JIJ_GEDRAG", registeredById: victim.id });
    expect(incident.responseDueAt?.getTime()).toBe(incident.occurredAt.getTime() + 48 * HOUR);
    expect(incident.aftercare.map((t) => t.kind).sort()).toEqual(["FINAL", "FIRST", "FOLLOW_UP"]);
    const jobs = await ctx.db.scheduledJob.findMany({ where: { status: "PENDING" } });
    expect(jobs.map((j) => j.kind).sort()).toEqual([
      "incident.aftercare_due",
      "incident.aftercare_due",
      "incident.aftercare_due",
      "incident.response_overdue",
      "incident.response_reminder",
    ]);
    expect(await ctx.db.auditEvent.count({ where: { action: "incident.registered", subjectId: id } })).toBe(1);
  });

  it("refuses bad input with field errors, and a room of another location", async () => {
    await expect(registerIncident(ctx, victim, registration({ description: "  " }))).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { description: ["required"] },
    });
    await expect(
      registerIncident(ctx, victim, registration({ occurredAt: new Date(ctx.clock.now().getTime() + DAY) })),
    ).rejects.toMatchObject({ fieldErrors: { occurredAt: ["future"] } });
    await expect(registerIncident(ctx, victim, registration({ roomId: "nope" }))).rejects.toMatchObject({
      fieldErrors: { roomId: ["invalid"] },
    });
    expect(await ctx.db.incident.count()).toBe(0);
  });

  it("completes an alarm's DRAFT, pre-filled with the room, the host and the visitor of the visit there", async () => {
    const { visitor } = await makePassVisitor(ctx.db, { firstName: "Kees", lastName: "Smit" });
    const raisedAt = new Date(ctx.clock.now().getTime() - 10 * 60_000);
    await ctx.db.visit.create({
      data: {
        locationId: site.locationId,
        visitorId: visitor.id,
        hostId: victim.id,
        roomId: `${site.locationId}-consult`,
        method: "PASS",
        status: "WITH_HOST",
        checkedInAt: new Date(raisedAt.getTime() - 20 * 60_000),
      },
    });
    const alarm = await ctx.db.alarm.create({
      data: {
        locationId: site.locationId,
        roomId: `${site.locationId}-consult`,
        level: "EMERGENCY",
        source: "ROOM_TABLET",
        status: "CLOSED",
        raisedAt,
        confirmAt: raisedAt,
      },
    });
    const draft = await ctx.db.incident.create({
      data: {
        locationId: site.locationId,
        alarmId: alarm.id,
        occurredAt: raisedAt,
        createdAt: ctx.clock.now(),
        createdById: colleague.id,
      },
    });
    const prefill = await draftPrefill(ctx, colleague, draft.id);
    expect(prefill).toMatchObject({
      roomId: `${site.locationId}-consult`,
      affectedStaffId: victim.id,
      visitorId: visitor.id,
      visitorName: "Kees Smit",
      occurredAt: raisedAt.toISOString(),
    });
    await registerIncident(
      ctx,
      colleague,
      registration({ incidentId: draft.id, occurredAt: raisedAt, visitorId: visitor.id, category: "PHYSICAL" }),
    );
    expect(await ctx.db.incident.count()).toBe(1);
    await expect(registerIncident(ctx, colleague, registration({ incidentId: draft.id }))).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });
});

describe("choosing the visitor involved", () => {
  it("lists the location's visitors of the last 24 hours by first name and initial, latest first, once each", async () => {
    const visit = async (visitorId: string, hoursAgo: number, locationId = site.locationId) =>
      ctx.db.visit.create({
        data: {
          locationId,
          visitorId,
          method: "PASS",
          status: "CHECKED_OUT",
          checkedInAt: new Date(ctx.clock.now().getTime() - hoursAgo * HOUR),
        },
      });
    const kees = (await makePassVisitor(ctx.db, { firstName: "Kees", lastName: "Smit" })).visitor;
    const anna = (await makePassVisitor(ctx.db, { firstName: "Anna", lastName: "de Vries" })).visitor;
    const old = (await makePassVisitor(ctx.db, { firstName: "Oud", lastName: "Bezoek" })).visitor;
    await visit(kees.id, 5);
    await visit(anna.id, 3);
    await visit(kees.id, 1);
    await visit(old.id, 30);
    const list = await recentVisitorsAt(ctx, colleague, site.locationId);
    expect(list.map((v) => [v.visitorId, v.name])).toEqual([
      [kees.id, "Kees S."],
      [anna.id, "Anna d."],
    ]);
    expect(list[0].checkedInAt).toBe(new Date(ctx.clock.now().getTime() - HOUR).toISOString());
    const stranger = { type: "STAFF" as const, id: "x", role: "STAFF" as const, locationIds: ["elsewhere"] };
    await expect(recentVisitorsAt(ctx, stranger, site.locationId)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("need to know", () => {
  it("the author, the affected staff member, the manager and the safety officer see it; a colleague does not", async () => {
    const { id } = await registerIncident(ctx, manager, registration());
    for (const who of [manager, victim, officer]) {
      expect((await getIncident(ctx, who, id)).id).toBe(id);
    }
    await expect(getIncident(ctx, colleague, id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    // Every read by someone other than the author is audited; the author's own are not.
    const reads = await ctx.db.auditEvent.findMany({ where: { action: "incident.viewed", subjectId: id } });
    expect(reads.map((r) => r.actorId).sort()).toEqual([officer.id, victim.id].sort());
  });

  it("the affected staff member may record steps but not handle the response or aftercare", async () => {
    const { id } = await registerIncident(ctx, manager, registration());
    await recordSteps(ctx, victim, id, { vptReported: true });
    await expect(recordResponse(ctx, victim, id, { kind: "WARNING" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const detail = await getIncident(ctx, officer, id);
    expect(detail.canManage).toBe(true);
    expect(detail.contacts.safetyOfficer?.id).toBe(officer.id);
    expect(detail.contacts.police).toEqual({ emergency: "112", nonEmergency: "0900-8844" });
    await completeAftercare(ctx, officer, detail.aftercare[0]!.id, { outcome: "COLLEAGUE_SUPPORT" });
  });

  it("lists: managers see their locations' open incidents and overdue tasks; staff only their own", async () => {
    const { id } = await registerIncident(ctx, victim, registration());
    ctx.clock.advance(2 * DAY);
    const forManager = await listOpenIncidents(ctx, manager);
    expect(forManager.incidents.map((i) => i.id)).toEqual([id]);
    expect(forManager.overdue.map((t) => t.kind).sort()).toEqual(["AFTERCARE_FIRST", "RESPONSE"]);
    expect((await listOpenIncidents(ctx, colleague)).incidents).toEqual([]);
    expect((await listOpenIncidents(ctx, victim)).incidents.map((i) => i.id)).toEqual([id]);
  });
});

describe("the step plan's close rule", () => {
  it("physical violence cannot be closed without a complaint status or a recorded reason", async () => {
    const { id } = await registerIncident(ctx, manager, registration({ category: "PHYSICAL" }));
    await recordSteps(ctx, manager, id, { managerInformed: true });
    await expect(closeIncident(ctx, manager, id)).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { steps: ["blocked_CRIMINAL_COMPLAINT"] },
    });
    await expect(recordSteps(ctx, manager, id, { complaintStatus: "NOT_FILED" })).rejects.toMatchObject({
      fieldErrors: { complaintReason: ["required"] },
    });
    await recordSteps(ctx, manager, id, { complaintStatus: "NOT_FILED", complaintReason: "Slachtoffer wil niet" });
    await closeIncident(ctx, manager, id);
    expect((await ctx.db.incident.findUniqueOrThrow({ where: { id } })).status).toBe("CLOSED");
  });
});

describe("deadlines through the scheduler", () => {
  it("aftercare reminders and the 48-hour reminder and overdue mark fire on time, each told to the location live", async () => {
    const { id } = await registerIncident(ctx, manager, registration({ occurredAt: ctx.clock.now() }));
    const events = collectEvents(ctx);
    const told = () => events.named("incident.tasks_changed");
    await run();
    expect(await ctx.db.incidentAftercareTask.count({ where: { remindedAt: { not: null } } })).toBe(0);
    expect(told()).toEqual([]);

    ctx.clock.advance(24 * HOUR);
    await run();
    const first = await ctx.db.incidentAftercareTask.findFirstOrThrow({ where: { incidentId: id, kind: "FIRST" } });
    expect(first.remindedAt).not.toBeNull();
    expect(told()).toEqual([{ locationId: site.locationId }]);

    ctx.clock.advance(12 * HOUR); // 36 h: the response reminder
    await run();
    let incident = await ctx.db.incident.findUniqueOrThrow({ where: { id } });
    expect(incident.responseRemindedAt).not.toBeNull();
    expect(incident.responseOverdueAt).toBeNull();
    expect(told()).toHaveLength(2);

    ctx.clock.advance(12 * HOUR); // 48 h: overdue
    await run();
    incident = await ctx.db.incident.findUniqueOrThrow({ where: { id } });
    expect(incident.responseOverdueAt?.toISOString()).toBe(ctx.clock.now().toISOString());
    expect(await ctx.db.auditEvent.count({ where: { action: "incident.response_overdue", subjectId: id } })).toBe(1);
    expect(told()).toHaveLength(3);

    ctx.clock.advance(DAY); // day 3: the follow-up question
    await run();
    const followUp = await ctx.db.incidentAftercareTask.findFirstOrThrow({
      where: { incidentId: id, kind: "FOLLOW_UP" },
    });
    expect(followUp.remindedAt).not.toBeNull();
    expect(told()).toHaveLength(4);
    await run(); // nothing new due: nobody told again
    expect(told()).toHaveLength(4);
  });

  it("a response in time cancels its reminders; a recorded aftercare question is not reminded", async () => {
    const { id } = await registerIncident(ctx, manager, registration({ occurredAt: ctx.clock.now() }));
    const tasks = await ctx.db.incidentAftercareTask.findMany({ where: { incidentId: id } });
    await completeAftercare(ctx, manager, tasks.find((t) => t.kind === "FIRST")!.id, { outcome: "DECLINED" });
    await recordResponse(ctx, manager, id, { kind: "INCIDENT_CONVERSATION" });
    ctx.clock.advance(3 * DAY);
    await run();
    const incident = await ctx.db.incident.findUniqueOrThrow({ where: { id } });
    expect(incident).toMatchObject({
      responseKind: "INCIDENT_CONVERSATION",
      responseRemindedAt: null,
      responseOverdueAt: null,
    });
    const first = await ctx.db.incidentAftercareTask.findFirstOrThrow({ where: { incidentId: id, kind: "FIRST" } });
    expect(first).toMatchObject({ outcome: "DECLINED", remindedAt: null });
  });

  it("survives a restart: a new process on the same database fires the due aftercare and 48-hour jobs", async () => {
    const { id } = await registerIncident(ctx, manager, registration({ occurredAt: ctx.clock.now() }));
    const later = ctx.clock.now().getTime() + 4 * DAY;
    await closeTestDb();
    const db = createPrismaClient(testDbUrl());
    await tuneSqlite(db);
    try {
      const ctx2: DomainContext = {
        db,
        clock: new ManualClock(later),
        events: new EventBus(),
        hmacKey: TEST_HMAC_KEY,
      };
      const result = await run(ctx2);
      expect(result).toMatchObject({ done: 4, failed: 0 });
      const incident = await db.incident.findUniqueOrThrow({ where: { id } });
      expect(incident.responseRemindedAt).not.toBeNull();
      expect(incident.responseOverdueAt).not.toBeNull();
      const reminded = await db.incidentAftercareTask.findMany({
        where: { incidentId: id, remindedAt: { not: null } },
      });
      expect(reminded.map((t) => t.kind).sort()).toEqual(["FIRST", "FOLLOW_UP"]);
    } finally {
      await db.$disconnect();
    }
  });
});

describe("the response to the perpetrator", () => {
  it("a building ban creates a ban with an end date; the visitor's next kiosk check-in raises the silent desk alert", async () => {
    const { visitor, passText } = await makePassVisitor(ctx.db, { firstName: "Kees", lastName: "Smit" });
    const { id } = await registerIncident(ctx, manager, registration({ visitorId: visitor.id, category: "PHYSICAL" }));
    const endsAt = new Date(ctx.clock.now().getTime() + 90 * DAY);
    const { banId } = await recordResponse(ctx, manager, id, { kind: "BUILDING_BAN", banEndsAt: endsAt });
    const ban = await ctx.db.ban.findUniqueOrThrow({ where: { id: banId! } });
    expect(ban).toMatchObject({
      scope: "BUILDING",
      visitorId: visitor.id,
      reasonCategory: "PHYSICAL_VIOLENCE",
      endsAt,
    });
    expect((await ctx.db.incident.findUniqueOrThrow({ where: { id } })).banId).toBe(ban.id);

    const outcome = await identifyAtKiosk(ctx, site.kiosk, { kind: "scan", text: passText }, "nl");
    expect(outcome).toEqual({ step: "please-wait" });
    const alert = await ctx.db.deskAlert.findFirstOrThrow({ where: { kind: "BAN_MATCH" } });
    expect(JSON.parse(alert.data)).toMatchObject({ banId: ban.id });
  });

  it("a building ban needs a known visitor and an end date", async () => {
    const { id } = await registerIncident(ctx, manager, registration());
    await expect(
      recordResponse(ctx, manager, id, { kind: "BUILDING_BAN", banEndsAt: new Date(ctx.clock.now().getTime() + DAY) }),
    ).rejects.toMatchObject({ fieldErrors: { kind: ["visitor_unknown"] } });
    expect(await ctx.db.ban.count()).toBe(0);
  });
});

describe("evaluation and exports", () => {
  it("counts by category, location, month and outcome, with the time to respond; CSV and PDF exports are audited", async () => {
    const a = await registerIncident(ctx, manager, registration({ category: "PHYSICAL" }));
    await registerIncident(ctx, manager, registration({ category: "JIJ_GEDRAG" }));
    ctx.clock.advance(10 * HOUR);
    await recordResponse(ctx, manager, a.id, { kind: "WARNING" });
    const range = {
      from: new Date(ctx.clock.now().getTime() - 30 * DAY),
      to: new Date(ctx.clock.now().getTime() + DAY),
    };
    const e = await evaluateIncidents(ctx, manager, range);
    expect(e.total).toBe(2);
    expect(e.byCategory).toEqual({ PHYSICAL: 1, JIJ_GEDRAG: 1 });
    expect(e.byResponse).toEqual({ WARNING: 1, NONE: 1 });
    expect(e.response).toEqual({ answered: 1, inTime: 1, medianHours: 11 });
    expect(Object.values(e.byMonth)).toEqual([2]);
    const csv = evaluationCsv(e);
    expect(csv.split("\r\n")[0]).toContain("category");
    expect(csv).not.toContain("schold"); // no free text
    await exportEvaluationCsv(ctx, manager, range);
    await expect(evaluateIncidents(ctx, victim, range)).rejects.toMatchObject({ code: "FORBIDDEN" });

    const summary = await exportIncidentSummary(ctx, manager, a.id, { withVisitor: false });
    expect(summary).toMatchObject({ category: "PHYSICAL", responseKind: "WARNING", visitorName: null });
    expect(JSON.stringify(summary)).not.toContain("schold");
    const pdf = await renderIncidentSummaryPdf(summary, "nl");
    expect(Buffer.from(pdf.slice(0, 5)).toString()).toBe("%PDF-");
    await expect(exportIncidentSummary(ctx, victim, a.id, { withVisitor: false })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const audited = await ctx.db.auditEvent.findMany({
      where: { action: { in: ["incident.evaluation_exported", "incident.summary_exported"] } },
    });
    expect(audited).toHaveLength(2);
  });
});

describe("settings and retention", () => {
  it("a manager sets the safety officer, the wijkagent and the follow-up days; the next registration uses them", async () => {
    await saveIncidentSettings(ctx, manager, site.locationId, {
      safetyOfficerId: colleague.id,
      neighbourhoodOfficer: "Wijkagent De Boer, 06 1111 2222",
      emergencyContacts: "Beveiliging: 020 000 0000",
      aftercareFollowUpDays: 5,
    });
    const { id } = await registerIncident(ctx, victim, registration({ occurredAt: ctx.clock.now() }));
    const followUp = await ctx.db.incidentAftercareTask.findFirstOrThrow({
      where: { incidentId: id, kind: "FOLLOW_UP" },
    });
    expect(followUp.dueAt.getTime()).toBe(ctx.clock.now().getTime() + 5 * DAY);
    expect((await getIncident(ctx, colleague, id)).contacts.neighbourhoodOfficer).toContain("De Boer");
    await expect(
      saveIncidentSettings(ctx, manager, site.locationId, {
        safetyOfficerId: null,
        neighbourhoodOfficer: "",
        emergencyContacts: "",
        aftercareFollowUpDays: 20,
      }),
    ).rejects.toMatchObject({ fieldErrors: { aftercareFollowUpDays: ["invalid"] } });
  });

  it("retention removes a closed incident with its aftercare after the location's period, never an open one", async () => {
    const open = await registerIncident(ctx, manager, registration());
    const closed = await registerIncident(ctx, manager, registration());
    await recordSteps(ctx, manager, closed.id, { managerInformed: true });
    await closeIncident(ctx, manager, closed.id);
    ctx.clock.advance(1826 * DAY);
    await runRetention(ctx, site.locationId);
    expect((await ctx.db.incident.findMany()).map((i) => i.id)).toEqual([open.id]);
    expect(await ctx.db.incidentAftercareTask.count({ where: { incidentId: closed.id } })).toBe(0);
  });

  it("an open incident naming a visitor holds them: retention keeps them and erasure is refused", async () => {
    const { visitor } = await makePassVisitor(ctx.db, { firstName: "Kees", lastName: "Smit" });
    await ctx.db.visitor.update({
      where: { id: visitor.id },
      data: { createdAt: new Date(ctx.clock.now().getTime() - 800 * DAY) },
    });
    const { id } = await registerIncident(ctx, manager, registration({ visitorId: visitor.id }));
    await runRetention(ctx, site.locationId);
    expect(await ctx.db.visitor.count({ where: { id: visitor.id } })).toBe(1);
    const officerPrivacy: Actor = { type: "STAFF", id: "privacy", role: "PRIVACY", locationIds: [] };
    const plan = await previewErasure(ctx, officerPrivacy, visitor.id);
    expect(plan.holds).toEqual([expect.objectContaining({ reason: "incident", id })]);
  });
});
