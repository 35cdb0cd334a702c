// Appointments, invites and visitors on the real database: who may see and change which
// appointment, the purpose hidden from reception, invites that rotate and expire with their
// appointment (checked by the kiosk's own identify step), no-shows, audit in the same
// transaction, client passes the kiosk recognises, and audited visit history.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/src/domain/access/actor";
import {
  cancelAppointment,
  createAppointment,
  getAppointment,
  issueInvite,
  listAppointments,
  markNoShow,
  updateAppointment,
} from "@/src/domain/appointments/appointments";
import { localDay } from "@/src/domain/local-day";
import { seedDemo } from "@/src/domain/seed/demo-seed";
import { getVisitor, issuePass, searchVisitors, visitHistory } from "@/src/domain/visitors/visitors";
import { identifyAtKiosk } from "@/src/domain/visits/kiosk-check-in";
import { makeStaff } from "@/tests/helpers/fixtures";
import { collectEvents, DAY, HOUR, makeSite, type Site } from "@/tests/helpers/kiosk-fixtures";
import { closeTestDb, resetDb, type TestContext, testContext } from "@/tests/helpers/test-db";

type Staff = Actor & { type: "STAFF" };
let ctx: TestContext;
let site: Site;
let host: Staff;
let otherStaff: Staff;
let reception: Staff;
let manager: Staff;
let elsewhere: Staff;

beforeEach(async () => {
  // 10:00 in Amsterdam on a Tuesday.
  ctx = await testContext("2026-03-10T09:00:00Z");
  await resetDb(ctx.db);
  site = await makeSite(ctx.db, { id: "loc-a" });
  await makeSite(ctx.db, { id: "loc-b" });
  host = { type: "STAFF", id: site.hostId, role: "STAFF", locationIds: ["loc-a"] };
  await makeStaff(ctx.db, { id: "other", role: "STAFF", locationIds: ["loc-a"] });
  await makeStaff(ctx.db, { id: "balie", role: "RECEPTION", locationIds: ["loc-a"] });
  await makeStaff(ctx.db, { id: "boss", role: "MANAGER", locationIds: ["loc-a"] });
  await makeStaff(ctx.db, { id: "far", role: "RECEPTION", locationIds: ["loc-b"] });
  otherStaff = { type: "STAFF", id: "other", role: "STAFF", locationIds: ["loc-a"] };
  reception = { type: "STAFF", id: "balie", role: "RECEPTION", locationIds: ["loc-a"] };
  manager = { type: "STAFF", id: "boss", role: "MANAGER", locationIds: ["loc-a"] };
  elsewhere = { type: "STAFF", id: "far", role: "RECEPTION", locationIds: ["loc-b"] };
});
afterAll(closeTestDb);

const input = (over: Partial<Parameters<typeof createAppointment>[2]> = {}) => ({
  locationId: "loc-a",
  hostId: site.hostId,
  roomId: "loc-a-consult",
  startsAt: new Date(ctx.clock.now().getTime() + HOUR),
  endsAt: new Date(ctx.clock.now().getTime() + 2 * HOUR),
  purpose: "Schuldhulp intake",
  risky: true,
  newVisitor: { firstName: "Fatima", lastName: "El Amrani" },
  ...over,
});

const scan = (text: string) => identifyAtKiosk(ctx, site.kiosk, { kind: "scan", text }, "nl");
const audits = (action: string) => ctx.db.auditEvent.findMany({ where: { action } });

describe("appointments", () => {
  it("reception books for a host; the visitor is stored minimally; audited; an event for the screens", async () => {
    const events = collectEvents(ctx);
    const a = await createAppointment(ctx, reception, input());
    const v = await ctx.db.visitor.findUniqueOrThrow({ where: { id: a.visitorId! } });
    expect(v).toMatchObject({ firstName: "Fatima", lastName: "El Amrani", dateOfBirth: null, passId: null });
    const [audit] = await audits("appointment.created");
    expect(audit).toMatchObject({ actorId: "balie", subjectId: a.id, locationId: "loc-a" });
    expect(audit.data).not.toContain("Schuldhulp");
    expect(audit.data).not.toContain("Fatima");
    expect(events.named("appointment.changed")).toEqual([
      { appointmentId: a.id, locationId: "loc-a", hostId: site.hostId, status: "SCHEDULED" },
    ]);
  });

  it("reception never gets the purpose; the host and managers do", async () => {
    const a = await createAppointment(ctx, reception, input());
    expect((await getAppointment(ctx, reception, a.id)).purpose).toBeNull();
    expect((await getAppointment(ctx, reception, a.id)).purposeVisible).toBe(false);
    expect((await getAppointment(ctx, host, a.id)).purpose).toBe("Schuldhulp intake");
    expect((await getAppointment(ctx, manager, a.id)).purpose).toBe("Schuldhulp intake");
    // An edit by reception keeps the purpose it cannot see.
    await updateAppointment(ctx, reception, a.id, input({ purpose: null, visitorId: a.visitorId, newVisitor: null }));
    expect((await ctx.db.appointment.findUniqueOrThrow({ where: { id: a.id } })).purpose).toBe("Schuldhulp intake");
  });

  it("staff see and manage only the appointments they host", async () => {
    const mine = await createAppointment(ctx, host, input());
    const theirs = await createAppointment(ctx, reception, input({ hostId: "other" }));
    const from = new Date(ctx.clock.now().getTime() - DAY);
    const to = new Date(ctx.clock.now().getTime() + DAY);
    const list = await listAppointments(ctx, host, { locationId: "loc-a", from, to });
    expect(list.map((a) => a.id)).toEqual([mine.id]);
    await expect(getAppointment(ctx, host, theirs.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(cancelAppointment(ctx, host, theirs.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(issueInvite(ctx, host, theirs.id, { via: "letter" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(createAppointment(ctx, otherStaff, input())).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { hostId: ["own_only"] },
    });
    // Reception sees everyone's at its location, nobody at another location.
    expect((await listAppointments(ctx, reception, { locationId: "loc-a", from, to })).length).toBe(2);
    await expect(getAppointment(ctx, elsewhere, mine.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses a past day, an end before the start, a room of another location", async () => {
    const now = ctx.clock.now().getTime();
    await expect(
      createAppointment(ctx, reception, input({ startsAt: new Date(now - DAY), endsAt: null })),
    ).rejects.toMatchObject({ fieldErrors: { startsAt: ["past"] } });
    await expect(createAppointment(ctx, reception, input({ endsAt: new Date(now + HOUR / 2) }))).rejects.toMatchObject({
      fieldErrors: { endsAt: ["before_start"] },
    });
    await expect(createAppointment(ctx, reception, input({ roomId: "loc-b-consult" }))).rejects.toMatchObject({
      fieldErrors: { roomId: ["invalid_value"] },
    });
  });
});

describe("invites", () => {
  it("the issued invite identifies the visitor at the kiosk; the same text again without rotation", async () => {
    const a = await createAppointment(ctx, reception, input());
    const first = await issueInvite(ctx, reception, a.id, { via: "letter" });
    const again = await issueInvite(ctx, reception, a.id, { via: "image" });
    expect(again.token).toBe(first.token);
    expect(first.day).toBe("2026-03-10");
    const outcome = await scan(first.token);
    expect(outcome.step).toBe("rules");
    expect((await audits("appointment.invite_issued")).map((e) => JSON.parse(e.data!).via)).toEqual([
      "letter",
      "image",
    ]);
  });

  it("re-issuing rotates the nonce: the older letter stops working", async () => {
    const a = await createAppointment(ctx, reception, input());
    const old = await issueInvite(ctx, reception, a.id, { via: "letter" });
    const fresh = await issueInvite(ctx, reception, a.id, { rotate: true, via: "reissue" });
    expect(fresh.token).not.toBe(old.token);
    expect(await scan(old.token)).toEqual({ step: "see-desk", reason: "code" });
    expect((await scan(fresh.token)).step).toBe("rules");
  });

  it("is valid on its day only", async () => {
    const a = await createAppointment(
      ctx,
      reception,
      input({ startsAt: new Date(ctx.clock.now().getTime() + DAY), endsAt: null }),
    );
    const { token, day } = await issueInvite(ctx, reception, a.id, { via: "letter" });
    expect(day).toBe("2026-03-11");
    expect(await scan(token)).toEqual({ step: "see-desk", reason: "code" }); // a day early
    ctx.clock.advance(DAY);
    expect((await scan(token)).step).toBe("rules");
    ctx.clock.advance(DAY);
    expect(await scan(token)).toEqual({ step: "see-desk", reason: "code" }); // a day late
  });

  it("rescheduling invalidates the old invite; moving to another day gives a new day", async () => {
    const a = await createAppointment(ctx, reception, input());
    const old = await issueInvite(ctx, reception, a.id, { via: "letter" });
    const later = new Date(ctx.clock.now().getTime() + 3 * HOUR);
    const { inviteRotated } = await updateAppointment(
      ctx,
      reception,
      a.id,
      input({ startsAt: later, endsAt: null, visitorId: a.visitorId, newVisitor: null }),
    );
    expect(inviteRotated).toBe(true);
    expect(await scan(old.token)).toEqual({ step: "see-desk", reason: "code" });
    const moved = new Date(ctx.clock.now().getTime() + 2 * DAY);
    await updateAppointment(
      ctx,
      reception,
      a.id,
      input({ startsAt: moved, endsAt: null, visitorId: a.visitorId, newVisitor: null }),
    );
    expect((await issueInvite(ctx, reception, a.id, { via: "letter" })).day).toBe("2026-03-12");
  });

  it("cancelling invalidates the invite, and no new one is issued", async () => {
    const a = await createAppointment(ctx, reception, input());
    const { token } = await issueInvite(ctx, reception, a.id, { via: "letter" });
    await cancelAppointment(ctx, reception, a.id, "Belde af");
    expect(await scan(token)).toEqual({ step: "see-desk", reason: "code" });
    await expect(issueInvite(ctx, reception, a.id, { via: "letter" })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await audits("appointment.cancelled")).toHaveLength(1);
  });
});

describe("no-show", () => {
  it("only after the start, then the invite is dead and the status is NO_SHOW", async () => {
    const a = await createAppointment(ctx, reception, input());
    const { token } = await issueInvite(ctx, reception, a.id, { via: "letter" });
    await expect(markNoShow(ctx, reception, a.id)).rejects.toMatchObject({ code: "CONFLICT" });
    ctx.clock.advance(2 * HOUR);
    await markNoShow(ctx, host, a.id);
    expect((await ctx.db.appointment.findUniqueOrThrow({ where: { id: a.id } })).status).toBe("NO_SHOW");
    expect(await scan(token)).toEqual({ step: "see-desk", reason: "code" });
    expect(await audits("appointment.no_show")).toHaveLength(1);
  });
});

describe("visitors", () => {
  it("search finds visitors of one's own locations only; staff may not search", async () => {
    await createAppointment(ctx, reception, input());
    await createAppointment(
      ctx,
      elsewhere,
      input({
        locationId: "loc-b",
        hostId: "loc-b-host",
        roomId: null,
        newVisitor: { firstName: "Fatima", lastName: "Bakker" },
      }),
    );
    expect((await searchVisitors(ctx, reception, "fatima")).map((v) => v.lastName)).toEqual(["El Amrani"]);
    expect((await searchVisitors(ctx, elsewhere, "Fatima")).map((v) => v.lastName)).toEqual(["Bakker"]);
    await expect(searchVisitors(ctx, host, "Fatima")).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("issues a pass the kiosk recognises; re-issuing replaces it, so the lost pass stops working", async () => {
    const a = await createAppointment(ctx, reception, input());
    const first = await issuePass(ctx, reception, a.visitorId!);
    expect(first.passId).toMatch(/^PP1\.[2-9A-HJKMNP-Z]{16}$/);
    expect((await getVisitor(ctx, reception, a.visitorId!)).passIssuedAt).toBe(ctx.clock.now().toISOString());
    expect((await scan(first.passId)).step).toBe("rules");
    const second = await issuePass(ctx, reception, a.visitorId!);
    expect(second.replaced).toBe(true);
    expect(await scan(first.passId)).toEqual({ step: "see-desk", reason: "code" });
    expect((await scan(second.passId)).step).toBe("rules");
    const rows = await audits("visitor.pass_issued");
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => r.data).join()).not.toContain("PP1.");
  });

  it("visit history is for managers only, and reading it is audited", async () => {
    const a = await createAppointment(ctx, reception, input());
    await expect(visitHistory(ctx, reception, a.visitorId!)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await audits("visitor.history_viewed")).toHaveLength(0);
    expect(await visitHistory(ctx, manager, a.visitorId!)).toEqual([]);
    const [audit] = await audits("visitor.history_viewed");
    expect(audit).toMatchObject({ actorId: "boss", subjectType: "Visitor", subjectId: a.visitorId });
  });
});

describe("demo seed", () => {
  it("adds three of today's appointments at Centrum with invites, and a second run adds nothing", async () => {
    await resetDb(ctx.db);
    const now = ctx.clock.now();
    await seedDemo(ctx.db, ctx.hmacKey, now);
    const rows = await ctx.db.appointment.findMany({ where: { locationId: "loc-centrum" } });
    expect(rows).toHaveLength(3);
    expect(rows.every((a) => localDay(a.startsAt, "Europe/Amsterdam") === localDay(now, "Europe/Amsterdam"))).toBe(
      true,
    );
    expect(rows.every((a) => a.inviteNonce)).toBe(true);
    expect((await seedDemo(ctx.db, ctx.hmacKey, new Date(now.getTime() + DAY))).created).toBe(0);
    expect(await ctx.db.appointment.count()).toBe(3);
  });
});
