// Check-out at the kiosk (pass, invite, document or leave code) and by staff.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { checkOutVisit } from "@/src/domain/visits/check-out";
import { checkOutAtKiosk } from "@/src/domain/visits/check-out-at-kiosk";
import { completeCheckIn, identifyAtKiosk, type KioskDevice } from "@/src/domain/visits/kiosk-check-in";
import type { KioskOutcome } from "@/src/domain/visits/kiosk-outcome";
import {
  acceptRules,
  collectEvents,
  MINUTE,
  makeInvite,
  makePassVisitor,
  makeSite,
  NL_ID_CARD,
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
  site = await makeSite(ctx.db);
});
afterAll(closeTestDb);

async function checkIn(text: string, kiosk: KioskDevice = site.kiosk): Promise<KioskOutcome> {
  const first = await identifyAtKiosk(ctx, kiosk, { kind: "scan", text }, "nl");
  return first.step === "rules" ? completeCheckIn(ctx, kiosk, first.pending, "accept") : first;
}
const leaveBy = (text: string, kiosk: KioskDevice = site.kiosk) => checkOutAtKiosk(ctx, kiosk, { kind: "scan", text });
const leaveCode = (code: string, kiosk: KioskDevice = site.kiosk) =>
  checkOutAtKiosk(ctx, kiosk, { kind: "leave-code", code });
const SEE_DESK = { step: "see-desk", reason: "code" } as const;

async function passVisitor() {
  const p = await makePassVisitor(ctx.db, { firstName: "Sanne", lastName: "Jansen" });
  await acceptRules(ctx.db, p.visitor.id, site.locationId);
  return p;
}

describe("check-out at the kiosk", () => {
  it("by pass: says goodbye by first name, ends the visit, tells the desk and audits it", async () => {
    const { passText } = await passVisitor();
    await checkIn(passText);
    const visit = await ctx.db.visit.findFirstOrThrow();
    ctx.clock.advance(30 * MINUTE);
    events.clear();
    expect(await leaveBy(passText)).toEqual({ step: "checked-out", firstName: "Sanne" });
    expect(await ctx.db.visit.findUniqueOrThrow({ where: { id: visit.id } })).toMatchObject({
      status: "CHECKED_OUT",
      checkedOutAt: ctx.clock.now(),
    });
    expect(events.named("visit.checked_out")).toMatchObject([
      { visitId: visit.id, status: "CHECKED_OUT", visitorName: "Sanne J." },
    ]);
    const audit = await ctx.db.auditEvent.findMany({ where: { subjectId: visit.id }, orderBy: { id: "asc" } });
    expect(audit.map((a) => `${a.action}/${a.actorType}/${a.actorId}`)).toEqual([
      `visit.checked_in/DEVICE/${site.kiosk.id}`,
      `visit.checked_out/DEVICE/${site.kiosk.id}`,
    ]);
  });

  it("answers a repeated check-out within two minutes with goodbye again, later with the desk", async () => {
    const { passText } = await passVisitor();
    await checkIn(passText);
    await leaveBy(passText);
    events.clear();
    ctx.clock.advance(MINUTE);
    expect(await leaveBy(passText)).toEqual({ step: "checked-out", firstName: "Sanne" });
    expect(events.all).toEqual([]);
    ctx.clock.advance(2 * MINUTE);
    expect(await leaveBy(passText)).toEqual(SEE_DESK);
    expect(await ctx.db.auditEvent.count({ where: { action: "visit.checked_out" } })).toBe(1);
  });

  it("by invite: ends the visit and the appointment", async () => {
    const { invite, appointment } = await makeInvite(ctx, site);
    expect((await checkIn(invite)).step).toBe("checked-in");
    expect(await leaveBy(invite)).toEqual({ step: "checked-out", firstName: "Fatima" });
    expect(await ctx.db.appointment.findUniqueOrThrow({ where: { id: appointment.id } })).toMatchObject({
      status: "DONE",
    });
    expect(await ctx.db.visit.findFirstOrThrow()).toMatchObject({ status: "CHECKED_OUT" });
  });

  it("by identity document", async () => {
    expect((await checkIn(NL_ID_CARD.join("\n"))).step).toBe("checked-in");
    expect(await leaveBy(NL_ID_CARD.join(""))).toEqual({ step: "checked-out", firstName: "Willeke" });
  });

  it("by the leave code shown at check-in; an unknown, malformed or used code goes to the desk", async () => {
    const { passText } = await passVisitor();
    const done = await checkIn(passText);
    if (done.step !== "checked-in") throw new Error("expected checked-in");
    const wrong = String((Number(done.leaveCode) + 1) % 1_000_000).padStart(6, "0");
    expect(await leaveCode(wrong)).toEqual(SEE_DESK);
    for (const bad of ["", "abc", "12345", "12345678", `${done.leaveCode}x`, " 1 2 3 "])
      expect(await leaveCode(bad)).toEqual(SEE_DESK);
    expect(await ctx.db.visit.count({ where: { status: "WAITING" } })).toBe(1);
    expect(await leaveCode(done.leaveCode)).toEqual({ step: "checked-out", firstName: "Sanne" });
    expect(await leaveCode(done.leaveCode)).toEqual(SEE_DESK);
  });

  it("gives every open visit its own leave code", async () => {
    const codes = new Set<string>();
    for (let i = 0; i < 15; i++) {
      const { visitor, passText } = await makePassVisitor(ctx.db, { firstName: `V${i}` });
      await acceptRules(ctx.db, visitor.id, site.locationId);
      const out = await checkIn(passText);
      if (out.step !== "checked-in") throw new Error("expected checked-in");
      codes.add(out.leaveCode);
    }
    expect(codes.size).toBe(15);
  });

  it("never checks out a visit at another location", async () => {
    const other = await makeSite(ctx.db, { id: "loc-other" });
    const { passText } = await passVisitor();
    const done = await checkIn(passText);
    if (done.step !== "checked-in") throw new Error("expected checked-in");
    expect(await leaveBy(passText, other.kiosk)).toEqual(SEE_DESK);
    expect(await leaveCode(done.leaveCode, other.kiosk)).toEqual(SEE_DESK);
    expect(await ctx.db.visit.findFirstOrThrow()).toMatchObject({ status: "WAITING" });
  });

  it("sends garbage and unknown passes to the desk", async () => {
    for (const text of [
      "hello",
      "PP1.ABCDEFGHJKMNPQRS",
      "PI1.a.b.c.d",
      NL_ID_CARD.join("\n").replace("SPECI", "SPECX"),
    ]) {
      expect(await leaveBy(text)).toEqual(SEE_DESK);
    }
  });
});

describe("check-out by staff", () => {
  it("is idempotent: a second check-out changes nothing and publishes nothing", async () => {
    const { passText } = await passVisitor();
    await checkIn(passText);
    const visit = await ctx.db.visit.findFirstOrThrow();
    const first = await checkOutVisit(ctx, site.admin, visit.id);
    expect(first).toMatchObject({ id: visit.id, status: "CHECKED_OUT", checkedOutAt: ctx.clock.now() });
    const at = ctx.clock.now();
    ctx.clock.advance(MINUTE);
    events.clear();
    const again = await checkOutVisit(ctx, site.admin, visit.id);
    expect(again).toMatchObject({ status: "CHECKED_OUT", checkedOutAt: at });
    expect(events.all).toEqual([]);
    const audit = await ctx.db.auditEvent.findMany({ where: { action: "visit.checked_out" } });
    expect(audit).toMatchObject([
      { actorType: "STAFF", actorId: site.admin.id, subjectId: visit.id, locationId: site.locationId },
    ]);
  });

  it("refuses staff of another location and unknown visits", async () => {
    const { passText } = await passVisitor();
    await checkIn(passText);
    const visit = await ctx.db.visit.findFirstOrThrow();
    const outsider = { type: "STAFF" as const, id: "x", role: "RECEPTION" as const, locationIds: ["loc-other"] };
    await expect(checkOutVisit(ctx, outsider, visit.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const otherKiosk = {
      type: "DEVICE" as const,
      id: "k",
      kind: "KIOSK" as const,
      locationId: "loc-other",
      roomId: null,
    };
    await expect(checkOutVisit(ctx, otherKiosk, visit.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(checkOutVisit(ctx, site.admin, "no-such-visit")).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await ctx.db.visit.findFirstOrThrow()).status).toBe("WAITING");
  });
});
