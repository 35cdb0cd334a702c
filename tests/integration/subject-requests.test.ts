// Subject requests (AVG art. 15 and 17) on the real database: the privacy officer finds a visitor
// by pass, by document number (hashed as the kiosk does: the visitor here checked in with an ID
// card at the kiosk itself), by name and date of birth, or a staff member; the export holds
// exactly that person's data; erasing removes it all and nothing of anyone else's, and is refused
// while a ban in force or an open incident holds it. Every step is audited, never with the number.
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/src/domain/access/actor";
import { renderSubjectPdf } from "@/src/domain/privacy/subject-export-pdf";
import {
  eraseVisitor,
  exportSubject,
  findSubjects,
  previewErasure,
  viewSubject,
} from "@/src/domain/privacy/subject-requests";
import { completeCheckIn, identifyAtKiosk } from "@/src/domain/visits/kiosk-check-in";
import {
  acceptRules,
  DAY,
  HOUR,
  makePassVisitor,
  makeSite,
  NL_ID_CARD,
  type Site,
} from "@/tests/helpers/kiosk-fixtures";
import { pdfText } from "@/tests/helpers/pdf-text";
import { closeTestDb, resetDb, type TestContext, testContext } from "@/tests/helpers/test-db";

let ctx: TestContext;
let site: Site;
const OFFICER: Actor = { type: "STAFF", id: "staff-privacy", role: "PRIVACY", locationIds: [] };
const RECEPTION: Actor = { type: "STAFF", id: "loc-s-rec", role: "RECEPTION", locationIds: ["loc-s"] };
/** The ID card's number as someone would type it from the card (lower case, with a space). */
const TYPED_NUMBER = "speci 2026";

beforeEach(async () => {
  ctx = await testContext();
  await resetDb(ctx.db);
  site = await makeSite(ctx.db, { id: "loc-s" });
  await ctx.db.staffMember.create({
    data: {
      id: "staff-privacy",
      name: "Fenna Mulder",
      email: "fenna@example.test",
      role: "PRIVACY",
      passwordHash: "x",
    },
  });
});
afterAll(closeTestDb);

const ago = (ms: number) => new Date(ctx.clock.now().getTime() - ms);

/** A visitor with a pass, a finished visit (host, purpose, risk check, desk alert), an appointment and an acceptance. */
async function visitorWithHistory(firstName: string, lastName: string, dateOfBirth: string | null = null) {
  const { visitor, passId } = await makePassVisitor(ctx.db, { firstName, lastName, dateOfBirth });
  const appointment = await ctx.db.appointment.create({
    data: {
      locationId: site.locationId,
      hostId: site.hostId,
      visitorId: visitor.id,
      startsAt: ago(3 * HOUR),
      purpose: `Gesprek ${firstName}`,
      status: "DONE",
    },
  });
  const visit = await ctx.db.visit.create({
    data: {
      locationId: site.locationId,
      visitorId: visitor.id,
      appointmentId: appointment.id,
      hostId: site.hostId,
      roomId: `${site.locationId}-consult`,
      method: "PASS",
      status: "CHECKED_OUT",
      purpose: `Gesprek ${firstName}`,
      risky: true,
      checkedInAt: ago(3 * HOUR),
      checkedOutAt: ago(2 * HOUR),
      riskChecks: { create: { promptedAt: ago(150 * 60_000), answeredAt: ago(149 * 60_000), ok: true } },
    },
  });
  const alert = await ctx.db.deskAlert.create({
    data: { locationId: site.locationId, kind: "WAIT_LONG", visitId: visit.id, createdAt: ago(170 * 60_000) },
  });
  await acceptRules(ctx.db, visitor.id, site.locationId);
  await ctx.db.auditEvent.create({
    data: {
      actorType: "SYSTEM",
      action: "visit.checked_in",
      subjectType: "Visit",
      subjectId: visit.id,
      at: ago(3 * HOUR),
    },
  });
  return { visitor, passId, visit, appointment, alert };
}

async function ban(opts: { visitorId?: string; passId?: string; endsInDays: number; ended?: boolean }) {
  return ctx.db.ban.create({
    data: {
      locationId: site.locationId,
      visitorId: opts.visitorId ?? null,
      passId: opts.passId ?? null,
      displayName: "Banned person",
      reasonCategory: "AGGRESSION",
      startsAt: ago(30 * DAY),
      endsAt: new Date(ctx.clock.now().getTime() + opts.endsInDays * DAY),
      reviewAt: ago(DAY),
      endedAt: opts.ended ? ago(DAY) : null,
      decidedById: site.admin.id,
      contactName: "Teamleider",
    },
  });
}

/** The visitor who checked in at the kiosk with the Dutch ID card (document hash stored by the kiosk). */
async function checkInWithIdCard() {
  const first = await identifyAtKiosk(ctx, site.kiosk, { kind: "scan", text: NL_ID_CARD.join("\n") }, "nl");
  if (first.step === "rules") await completeCheckIn(ctx, site.kiosk, first.pending, "accept");
  return ctx.db.visitor.findFirstOrThrow({ where: { documentHash: { not: null } } });
}

async function privacyAudit() {
  return ctx.db.auditEvent.findMany({ where: { action: { startsWith: "privacy." } }, orderBy: { id: "asc" } });
}

describe("finding a person", () => {
  it("finds a visitor by client pass, however it is typed", async () => {
    const { visitor, passId } = await visitorWithHistory("Sanne", "Jansen");
    await visitorWithHistory("Other", "Person");
    const typed = `${passId.slice(0, 4).toLowerCase()} ${passId.slice(4)}`;
    const hits = await findSubjects(ctx, OFFICER, { by: "pass", passId: typed });
    expect(hits).toEqual([
      expect.objectContaining({ kind: "visitor", id: visitor.id, name: "Sanne Jansen", hasPass: true }),
    ]);
    expect(await findSubjects(ctx, OFFICER, { by: "pass", passId: "not a pass" })).toEqual([]);
  });

  it("finds the visitor the kiosk registered by document number, with the kiosk's keyed hash, and never stores the number", async () => {
    const visitor = await checkInWithIdCard();
    await visitorWithHistory("Other", "Person");
    const hits = await findSubjects(ctx, OFFICER, {
      by: "document",
      documentNumber: TYPED_NUMBER,
      issuingState: "nld",
    });
    expect(hits.map((h) => h.id)).toEqual([visitor.id]);
    // Another country's document with the same number is someone else.
    expect(
      await findSubjects(ctx, OFFICER, { by: "document", documentNumber: "SPECI2026", issuingState: "BEL" }),
    ).toEqual([]);
    const audit = await privacyAudit();
    expect(audit.map((e) => e.action)).toEqual(["privacy.subjects_searched", "privacy.subjects_searched"]);
    expect(JSON.parse(audit[0].data ?? "{}")).toEqual({ by: "document", found: [visitor.id] });
    for (const e of await ctx.db.auditEvent.findMany()) {
      expect(JSON.stringify(e).toUpperCase()).not.toContain("SPECI2026");
      expect(JSON.stringify(e).toUpperCase()).not.toContain("SPECI 2026");
    }
  });

  it("finds a visitor by name and date of birth, and a staff member by name or e-mail", async () => {
    const { visitor } = await visitorWithHistory("Eva", "de Wit", "1990-02-15");
    const namesake = await visitorWithHistory("Eva", "de Wit", "1971-07-01");
    const byName = await findSubjects(ctx, OFFICER, { by: "name", name: "eva wit" });
    expect(byName.map((h) => h.id).sort()).toEqual([visitor.id, namesake.visitor.id].sort());
    const withDob = await findSubjects(ctx, OFFICER, { by: "name", name: "Eva de Wit", dateOfBirth: "1990-02-15" });
    expect(withDob.map((h) => h.id)).toEqual([visitor.id]);
    const staff = await findSubjects(ctx, OFFICER, { by: "staff", query: "fenna@example" });
    expect(staff).toEqual([
      expect.objectContaining({ kind: "staff", id: "staff-privacy", detail: "fenna@example.test" }),
    ]);
    const audit = await privacyAudit();
    expect(audit.map((e) => [e.subjectType, JSON.parse(e.data ?? "{}").by])).toEqual([
      ["Visitor", "name"],
      ["Visitor", "name"],
      ["StaffMember", "staff"],
    ]);
    // The searched name is not written to the trail, only the ids found.
    expect(audit.every((e) => !e.data?.includes("Wit"))).toBe(true);
  });

  it("is for the privacy officer only", async () => {
    await visitorWithHistory("Sanne", "Jansen");
    await expect(findSubjects(ctx, RECEPTION, { by: "name", name: "Sanne" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(findSubjects(ctx, site.admin, { by: "name", name: "Sanne" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(findSubjects(ctx, null, { by: "name", name: "Sanne" })).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
    const { visitor } = await visitorWithHistory("Tom", "Bos");
    await expect(exportSubject(ctx, RECEPTION, "visitor", visitor.id, "json")).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(eraseVisitor(ctx, RECEPTION, visitor.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await ctx.db.visitor.count({ where: { id: visitor.id } })).toBe(1);
  });
});

describe("the export", () => {
  it("holds exactly the visitor's data, and none of another visitor's", async () => {
    const a = await visitorWithHistory("Sanne", "Jansen", "1990-02-15");
    const b = await visitorWithHistory("Bert", "Bakker");
    const endedBan = await ban({ passId: a.passId, endsInDays: 10, ended: true });
    await ban({ passId: b.passId, endsInDays: 10 });

    const data = await exportSubject(ctx, OFFICER, "visitor", a.visitor.id, "json");
    if (data.kind !== "visitor") throw new Error("expected a visitor");
    expect(data.visitor).toMatchObject({
      id: a.visitor.id,
      firstName: "Sanne",
      lastName: "Jansen",
      dateOfBirth: "1990-02-15",
      passId: a.passId,
      hasDocumentHash: false,
    });
    expect(data.visits).toEqual([
      expect.objectContaining({
        id: a.visit.id,
        location: "Location loc-s",
        room: "Spreekkamer",
        host: "Staff loc-s-host",
        purpose: "Gesprek Sanne",
        risky: true,
        appointmentId: a.appointment.id,
      }),
    ]);
    expect(data.appointments.map((x) => x.id)).toEqual([a.appointment.id]);
    expect(data.houseRulesAcceptances).toHaveLength(1);
    expect(data.bans).toEqual([expect.objectContaining({ id: endedBan.id, matchedBy: ["pass"], inForce: false })]);
    expect(data.deskAlerts.map((x) => x.id)).toEqual([a.alert.id]);
    expect(data.riskChecks).toHaveLength(1);
    expect(data.auditEvents.map((e) => [e.action, e.subjectId])).toEqual([["visit.checked_in", a.visit.id]]);

    // Valid JSON as served, with nothing of the other visitor in it.
    const text = JSON.stringify(data);
    expect(JSON.parse(text)).toEqual(data);
    for (const other of [b.visitor.id, b.passId, b.visit.id, b.appointment.id, b.alert.id, "Bert", "Bakker"]) {
      expect(text).not.toContain(other);
    }
    const audit = await privacyAudit();
    expect(audit.map((e) => [e.action, e.subjectType, e.subjectId, e.data])).toEqual([
      ["privacy.subject_exported", "Visitor", a.visitor.id, JSON.stringify({ format: "json" })],
    ]);
  });

  it("lists the incidents that name a visitor or concern a staff member, without the description or others' names", async () => {
    const a = await visitorWithHistory("Sanne", "Jansen");
    const b = await visitorWithHistory("Bert", "Bakker");
    const incident = (id: string, visitorId: string, description: string) =>
      ctx.db.incident.create({
        data: {
          id,
          locationId: site.locationId,
          status: "OPEN",
          occurredAt: ago(2 * HOUR),
          createdAt: ago(HOUR),
          visitorId,
          affectedStaffId: site.hostId,
          registeredById: site.admin.id,
          category: "JIJ_GEDRAG",
          description,
          endedEarly: true,
          aftercare: { create: [{ kind: "FIRST", dueAt: ago(-DAY) }] },
        },
      });
    await incident("inc-a", a.visitor.id, "Schreeuwde naar de gastvrouw");
    await incident("inc-b", b.visitor.id, "Gooide een stoel");

    const visitor = await exportSubject(ctx, OFFICER, "visitor", a.visitor.id, "json");
    if (visitor.kind !== "visitor") throw new Error("expected a visitor");
    expect(visitor.incidents).toEqual([
      expect.objectContaining({ id: "inc-a", category: "JIJ_GEDRAG", status: "OPEN", hasDescription: true }),
    ]);
    expect(JSON.stringify(visitor)).not.toContain("Schreeuwde");

    const host = await exportSubject(ctx, OFFICER, "staff", site.hostId, "json");
    if (host.kind !== "staff") throw new Error("expected a staff member");
    expect(host.incidents.map((i) => [i.id, i.affected, i.registered, i.aftercare.length])).toEqual([
      ["inc-a", true, false, 1],
      ["inc-b", true, false, 1],
    ]);
    const registrar = await exportSubject(ctx, OFFICER, "staff", site.admin.id, "json");
    if (registrar.kind !== "staff") throw new Error("expected a staff member");
    // Who registered it sees that they did, not the aftercare offered to the colleague.
    expect(registrar.incidents.map((i) => [i.id, i.affected, i.registered, i.aftercare.length])).toEqual([
      ["inc-a", false, true, 0],
      ["inc-b", false, true, 0],
    ]);
  });

  it("never holds a document hash, password hash or badge hash, only that one exists", async () => {
    const visitor = await checkInWithIdCard();
    const v = await exportSubject(ctx, OFFICER, "visitor", visitor.id, "json");
    const text = JSON.stringify(v);
    expect(text).not.toContain(visitor.documentHash!);
    expect(text.toUpperCase()).not.toContain("SPECI2026");
    expect(v.kind === "visitor" && v.visitor.hasDocumentHash).toBe(true);

    await ctx.db.staffMember.update({
      where: { id: site.hostId },
      data: { passwordHash: "$argon2id$secret-hash", badgeHash: "badge-hash-value" },
    });
    await ctx.db.staffPresence.create({
      data: { staffId: site.hostId, locationId: site.locationId, signedInAt: ago(HOUR), signedInBy: "DASHBOARD" },
    });
    const s = await exportSubject(ctx, OFFICER, "staff", site.hostId, "json");
    if (s.kind !== "staff") throw new Error("expected a staff member");
    const staffText = JSON.stringify(s);
    expect(staffText).not.toContain("secret-hash");
    expect(staffText).not.toContain("badge-hash-value");
    expect(s.staff).toMatchObject({ id: site.hostId, hasPasswordHash: true, hasBadgeHash: true });
    expect(s.locations).toEqual([{ id: site.locationId, name: "Location loc-s" }]);
    expect(s.presence).toHaveLength(1);
    // The kiosk visit they host is not theirs to see: the export names no visitor.
    expect(staffText).not.toContain(visitor.firstName);
  });

  it("renders a readable PDF over several pages", async () => {
    const a = await visitorWithHistory("Sanne", "Jansen");
    for (let i = 0; i < 80; i++) {
      await ctx.db.auditEvent.create({
        data: {
          actorType: "SYSTEM",
          action: `visitor.note_${i}`,
          subjectType: "Visitor",
          subjectId: a.visitor.id,
          at: ago(HOUR),
        },
      });
    }
    const data = await exportSubject(ctx, OFFICER, "visitor", a.visitor.id, "pdf");
    const bytes = await renderSubjectPdf(data, "nl");
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBeGreaterThan(1);
    const text = pdfText(bytes);
    expect(text).toContain("Sanne Jansen");
    expect(text).toContain("Bezoeken (1)");
    expect(text).toContain("Doel: Gesprek Sanne");
    expect(text).toContain("visitor.note_79");
    expect(text).toContain(`Pagina ${doc.getPageCount()} van ${doc.getPageCount()}`);
    expect(pdfText(await renderSubjectPdf(data, "en"))).toContain("Visits (1)");
  });

  it("audits opening the overview", async () => {
    const a = await visitorWithHistory("Sanne", "Jansen");
    await viewSubject(ctx, OFFICER, "visitor", a.visitor.id);
    await viewSubject(ctx, OFFICER, "staff", site.hostId);
    expect((await privacyAudit()).map((e) => [e.action, e.subjectType, e.subjectId, e.actorId])).toEqual([
      ["privacy.subject_viewed", "Visitor", a.visitor.id, "staff-privacy"],
      ["privacy.subject_viewed", "StaffMember", site.hostId, "staff-privacy"],
    ]);
    await expect(viewSubject(ctx, OFFICER, "visitor", "nobody")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("erasure", () => {
  it("removes the visitor and everything only about them, and leaves everyone else's data", async () => {
    const a = await visitorWithHistory("Sanne", "Jansen");
    const b = await visitorWithHistory("Bert", "Bakker");
    await ban({ visitorId: a.visitor.id, endsInDays: -5 }); // expired: no hold, erased with them
    const bBan = await ban({ passId: b.passId, endsInDays: 10 });
    await ctx.db.scheduledJob.create({
      data: { kind: "visit.wait_alert", key: `visit.wait_alert:${a.visit.id}:1`, dueAt: ago(-HOUR) },
    });
    const before = {
      visits: await ctx.db.visit.count(),
      alerts: await ctx.db.deskAlert.count(),
      appointments: await ctx.db.appointment.count(),
    };

    const plan = await previewErasure(ctx, OFFICER, a.visitor.id);
    expect(plan.holds).toEqual([]);
    expect(plan.deletes).toEqual({
      visits: 1,
      riskChecks: 1,
      deskAlerts: 1,
      appointments: 1,
      houseRulesAcceptances: 1,
      endedBans: 1,
      scheduledJobs: 1,
    });

    expect(await eraseVisitor(ctx, OFFICER, a.visitor.id)).toMatchObject({ erased: true });

    expect(await ctx.db.visitor.findUnique({ where: { id: a.visitor.id } })).toBeNull();
    expect(await ctx.db.visit.count({ where: { visitorId: a.visitor.id } })).toBe(0);
    expect(await ctx.db.visit.count({ where: { id: a.visit.id } })).toBe(0);
    expect(await ctx.db.riskCheck.count({ where: { visitId: a.visit.id } })).toBe(0);
    expect(await ctx.db.deskAlert.count({ where: { id: a.alert.id } })).toBe(0);
    expect(await ctx.db.appointment.count({ where: { id: a.appointment.id } })).toBe(0);
    expect(await ctx.db.rulesAcceptance.count({ where: { visitorId: a.visitor.id } })).toBe(0);
    expect(await ctx.db.ban.count({ where: { visitorId: a.visitor.id } })).toBe(0);
    expect(await ctx.db.scheduledJob.count({ where: { key: { contains: a.visit.id } } })).toBe(0);

    // The other visitor keeps everything.
    expect(await ctx.db.visitor.count({ where: { id: b.visitor.id } })).toBe(1);
    expect(await ctx.db.visit.count()).toBe(before.visits - 1);
    expect(await ctx.db.deskAlert.count()).toBe(before.alerts - 1);
    expect(await ctx.db.appointment.count()).toBe(before.appointments - 1);
    expect(await ctx.db.riskCheck.count({ where: { visitId: b.visit.id } })).toBe(1);
    expect(await ctx.db.rulesAcceptance.count({ where: { visitorId: b.visitor.id } })).toBe(1);
    expect(await ctx.db.ban.count({ where: { id: bBan.id } })).toBe(1);

    const erased = (await privacyAudit()).at(-1)!;
    expect(erased).toMatchObject({ action: "privacy.subject_erased", subjectType: "Visitor", subjectId: a.visitor.id });
    expect(JSON.parse(erased.data ?? "{}")).toMatchObject({ visits: 1, appointments: 1 });
    expect(erased.data).not.toContain("Sanne");
    // The audit trail itself is kept (append-only): the visit's own event is still there.
    expect(await ctx.db.auditEvent.count({ where: { subjectId: a.visit.id } })).toBe(1);
  });

  it("is refused while a ban in force names the visitor, and allowed once it has ended", async () => {
    const a = await visitorWithHistory("Sanne", "Jansen");
    const held = await ban({ passId: a.passId, endsInDays: 30 });
    const plan = await previewErasure(ctx, OFFICER, a.visitor.id);
    expect(plan.holds).toEqual([expect.objectContaining({ reason: "ban", id: held.id })]);

    const refused = await eraseVisitor(ctx, OFFICER, a.visitor.id);
    expect(refused).toMatchObject({ erased: false, holds: [expect.objectContaining({ reason: "ban" })] });
    expect(await ctx.db.visitor.count({ where: { id: a.visitor.id } })).toBe(1);
    expect(await ctx.db.visit.count({ where: { visitorId: a.visitor.id } })).toBe(1);
    expect((await privacyAudit()).at(-1)).toMatchObject({ action: "privacy.erasure_refused", subjectId: a.visitor.id });

    await ctx.db.ban.update({ where: { id: held.id }, data: { endedAt: ctx.clock.now() } });
    expect(await eraseVisitor(ctx, OFFICER, a.visitor.id)).toMatchObject({ erased: true });
    expect(await ctx.db.visitor.count({ where: { id: a.visitor.id } })).toBe(0);
  });

  it("is refused while the visitor is still in the building (the evacuation register needs them)", async () => {
    const a = await visitorWithHistory("Sanne", "Jansen");
    const open = await ctx.db.visit.create({
      data: {
        locationId: site.locationId,
        visitorId: a.visitor.id,
        method: "PASS",
        status: "WAITING",
        checkedInAt: ago(HOUR),
      },
    });
    expect(await eraseVisitor(ctx, OFFICER, a.visitor.id)).toMatchObject({
      erased: false,
      holds: [expect.objectContaining({ reason: "present", id: open.id })],
    });
    await ctx.db.visit.update({ where: { id: open.id }, data: { status: "CHECKED_OUT", checkedOutAt: ago(0) } });
    expect(await eraseVisitor(ctx, OFFICER, a.visitor.id)).toMatchObject({ erased: true });
  });

  it("is refused while an incident that is not closed concerns one of their visits", async () => {
    const a = await visitorWithHistory("Sanne", "Jansen");
    const b = await visitorWithHistory("Bert", "Bakker");
    // Bert's visit moves to another room; an alarm in Sanne's room during both visits.
    await ctx.db.room.create({
      data: { id: "loc-s-other", locationId: site.locationId, name: "Elders", kind: "CONSULT" },
    });
    await ctx.db.visit.update({ where: { id: b.visit.id }, data: { roomId: "loc-s-other" } });
    const alarm = await ctx.db.alarm.create({
      data: {
        locationId: site.locationId,
        roomId: `${site.locationId}-consult`,
        level: "EMERGENCY",
        source: "ROOM_TABLET",
        status: "CLOSED",
        raisedAt: ago(150 * 60_000),
        confirmAt: ago(150 * 60_000),
      },
    });
    const incident = await ctx.db.incident.create({
      data: { locationId: site.locationId, alarmId: alarm.id, occurredAt: ago(150 * 60_000), createdAt: ago(HOUR) },
    });
    expect((await previewErasure(ctx, OFFICER, a.visitor.id)).holds).toEqual([
      expect.objectContaining({ reason: "incident", id: incident.id }),
    ]);
    expect(await eraseVisitor(ctx, OFFICER, a.visitor.id)).toMatchObject({ erased: false });
    // The other room's visitor is not held by it.
    expect((await previewErasure(ctx, OFFICER, b.visitor.id)).holds).toEqual([]);

    await ctx.db.incident.update({ where: { id: incident.id }, data: { status: "CLOSED" } });
    expect(await eraseVisitor(ctx, OFFICER, a.visitor.id)).toMatchObject({ erased: true });
  });
});
