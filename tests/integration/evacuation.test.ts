// Evacuation roll call on the real database: the snapshot at the start (staff present, open
// visits, last known room, needs-help first), marks (last mark wins, both kept, idempotent by mark
// id), check-outs counted as left, the kiosk refusing check-ins, every door released and restored,
// the end with its summary (PDF, CSV), the start-role setting, the fire panel webhook (called as
// a route with Request objects on this worker's database) and the MQTT input (with a broker).
import { randomBytes } from "node:crypto";
import mqtt from "mqtt";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { POST as firePanelRoute } from "@/app/api/evacuations/fire-panel/route";
import type { Actor } from "@/src/domain/access/actor";
import {
  FIRE_PANEL_FAILURE_LIMIT,
  issueFirePanelSecret,
  parseFirePayload,
  saveEvacuationSettings,
} from "@/src/domain/evacuation/evacuation-inputs";
import { loadSummary, rollCallPdf, summaryCsv, summaryPdf } from "@/src/domain/evacuation/evacuation-reports";
import {
  attachEvacuationCheckOuts,
  endEvacuation,
  listEvacuations,
  loadMarks,
  loadRollCall,
  recordMarks,
  startEvacuation,
} from "@/src/domain/evacuation/evacuations";
import {
  declareEvacuationHelpAtKiosk,
  setOwnEvacuationHelp,
  setStaffEvacuationHelp,
  setVisitorEvacuationHelp,
} from "@/src/domain/evacuation/needs-help";
import { signInStaff } from "@/src/domain/presence/presence";
import { findStaff } from "@/src/domain/staff/manage-staff";
import { checkOutAtKiosk } from "@/src/domain/visits/check-out-at-kiosk";
import { completeCheckIn, identifyAtKiosk } from "@/src/domain/visits/kiosk-check-in";
import { CLIENT_ADDRESS_HEADER } from "@/src/server/client-address";
import { startMqttEvacuation } from "@/src/server/mqtt-evacuation";
import type { Runtime } from "@/src/server/runtime";
import { makeStaff } from "@/tests/helpers/fixtures";
import { acceptRules, collectEvents, makePassVisitor, makeSite, type Site } from "@/tests/helpers/kiosk-fixtures";
import { MQTT_TEST_BROKER, skipWithoutBroker } from "@/tests/helpers/mqtt-broker";
import { pdfText } from "@/tests/helpers/pdf-text";
import { closeTestDb, resetDb, type TestContext, testContext } from "@/tests/helpers/test-db";

const RUNTIME_KEY = Symbol.for("portier.runtime");
type G = typeof globalThis & { [RUNTIME_KEY]?: Runtime };
const skipMqtt = await skipWithoutBroker("evacuation MQTT");

let ctx: TestContext;
let site: Site;
let events: ReturnType<typeof collectEvents>;
let detach: () => void;
const receptionist = (id: string): Actor & { type: "STAFF" } => ({
  type: "STAFF",
  id,
  role: "RECEPTION",
  locationIds: [site.locationId],
});
const colleague = (id: string): Actor & { type: "STAFF" } => ({
  type: "STAFF",
  id,
  role: "STAFF",
  locationIds: [site.locationId],
});

/** A visitor with an open visit (checked in at the kiosk with their pass). */
async function visitorInside(firstName: string, opts: { help?: boolean; room?: boolean } = {}) {
  const v = await makePassVisitor(ctx.db, { firstName, lastName: "Bakker" });
  await acceptRules(ctx.db, v.visitor.id, site.locationId);
  if (opts.help) await ctx.db.visitor.update({ where: { id: v.visitor.id }, data: { needsEvacuationHelp: true } });
  const outcome = await identifyAtKiosk(ctx, site.kiosk, { kind: "scan", text: v.passText }, "nl");
  expect(outcome.step).toBe("checked-in");
  const visit = await ctx.db.visit.findFirstOrThrow({ where: { visitorId: v.visitor.id } });
  if (opts.room)
    await ctx.db.visit.update({
      where: { id: visit.id },
      data: { status: "WITH_HOST", hostId: site.hostId, roomId: `${site.locationId}-consult` },
    });
  return { ...v, visit };
}

beforeAll(() => {
  vi.spyOn(console, "warn").mockImplementation(() => {});
  vi.spyOn(console, "error").mockImplementation(() => {});
  vi.spyOn(console, "log").mockImplementation(() => {});
});

beforeEach(async () => {
  detach?.();
  ctx = await testContext();
  await resetDb(ctx.db);
  (globalThis as G)[RUNTIME_KEY] = {
    ctx,
    testClock: null,
    ready: Promise.resolve(),
    realtime: null,
    tickScheduler: null,
  };
  events = collectEvents(ctx);
  detach = attachEvacuationCheckOuts(ctx);
  site = await makeSite(ctx.db);
  await makeStaff(ctx.db, { id: "rec", role: "RECEPTION", locationIds: [site.locationId] });
  await makeStaff(ctx.db, { id: "mar", role: "STAFF", locationIds: [site.locationId] });
});

afterAll(async () => {
  detach?.();
  delete (globalThis as G)[RUNTIME_KEY];
  vi.restoreAllMocks();
  await closeTestDb();
});

async function presentStaff(...ids: string[]) {
  for (const id of ids)
    await signInStaff(ctx, site.admin, { staffId: id, locationId: site.locationId, method: "DASHBOARD" });
}

const markAt = (id: string, personId: string, status: "SAFE" | "NEEDS_HELP" | "NOT_FOUND", at: Date) => ({
  id,
  personId,
  status,
  markedAt: at.toISOString(),
});

describe("starting an evacuation", () => {
  it("snapshots staff present and visitors inside, with their room, needs-help first; releases every door; tells the marshals", async () => {
    await ctx.db.door.create({
      data: {
        locationId: site.locationId,
        name: "Voordeur",
        kind: "ENTRANCE_OUTER",
        fromZone: "OUTSIDE",
        toZone: "PUBLIC",
      },
    });
    await setOwnEvacuationHelp(ctx, colleague("mar"), true);
    await presentStaff("rec", "mar", site.hostId);
    await visitorInside("Anna", { room: true });
    await visitorInside("Bram", { help: true });

    const { rollCall, alreadyRunning } = await startEvacuation(ctx, receptionist("rec"), {
      locationId: site.locationId,
      drill: true,
      reason: "Oefening",
      source: "DASHBOARD",
    });
    expect(alreadyRunning).toBe(false);
    expect(rollCall.evacuation).toMatchObject({ drill: true, source: "DASHBOARD", endedAt: null });
    expect(rollCall.counts).toMatchObject({ total: 5, accounted: 0, missing: 5 });
    const names = rollCall.people.map((p) => `${p.kind}:${p.name}:${p.needsHelp}`);
    // Needs-help first (a staff member and a visitor), then by name.
    expect(names.slice(0, 2).sort()).toEqual(["STAFF:Staff mar:true", "VISITOR:Bram B.:true"]);
    const anna = rollCall.people.find((p) => p.name === "Anna B.");
    expect(anna).toMatchObject({ roomName: "Spreekkamer", status: "MISSING" });
    // The host is with Anna: their last known room is hers.
    expect(rollCall.people.find((p) => p.name === `Staff ${site.hostId}`)?.roomName).toBe("Spreekkamer");

    expect(events.named("evacuation.started")).toHaveLength(1);
    expect(events.named("evacuation.status_changed")).toEqual([
      { evacuationId: rollCall.evacuation.id, locationId: site.locationId, active: true, drill: true },
    ]);
    const location = await ctx.db.location.findUniqueOrThrow({ where: { id: site.locationId } });
    expect(location.emergencyRelease).toBe(true);
    expect(await ctx.db.door.findMany({ select: { released: true } })).toEqual([{ released: true }]);
    const audit = await ctx.db.auditEvent.findMany({ where: { action: "evacuation.started" } });
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].data ?? "{}")).toMatchObject({ drill: true, staff: 3, visitors: 2 });

    // A second start (another press, the fire panel) joins the running one.
    const again = await startEvacuation(ctx, site.admin, {
      locationId: site.locationId,
      drill: false,
      source: "DASHBOARD",
    });
    expect(again.alreadyRunning).toBe(true);
    expect(again.rollCall.evacuation.id).toBe(rollCall.evacuation.id);
    expect(await ctx.db.evacuation.count()).toBe(1);
  });

  it("follows the location's start-role setting; a staff member without it is refused", async () => {
    await expect(
      startEvacuation(ctx, colleague("mar"), { locationId: site.locationId, drill: false, source: "DASHBOARD" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await saveEvacuationSettings(ctx, site.admin, {
      locationId: site.locationId,
      startRoles: ["STAFF", "ADMIN"],
      mqttTopic: null,
    });
    await expect(
      startEvacuation(ctx, receptionist("rec"), { locationId: site.locationId, drill: false, source: "DASHBOARD" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const { rollCall } = await startEvacuation(ctx, colleague("mar"), {
      locationId: site.locationId,
      drill: false,
      source: "DASHBOARD",
    });
    expect(rollCall.counts.total).toBe(0);
    // Nobody inside: accounted for at once.
    expect(rollCall.evacuation.allAccountedAt).toBe(rollCall.evacuation.startedAt);
  });
});

describe("marks", () => {
  it("last mark wins, both marks are kept, a mark sent twice counts once; every marshal is told", async () => {
    await presentStaff("rec");
    await visitorInside("Anna");
    const { rollCall } = await startEvacuation(ctx, receptionist("rec"), {
      locationId: site.locationId,
      drill: false,
      source: "DASHBOARD",
    });
    const anna = rollCall.people.find((p) => p.kind === "VISITOR")!;
    const rec = rollCall.people.find((p) => p.kind === "STAFF")!;
    const t0 = ctx.clock.now();
    ctx.clock.advance(60_000);
    const later = new Date(t0.getTime() + 30_000);
    const earlier = new Date(t0.getTime() + 10_000);

    const first = await recordMarks(ctx, colleague("mar"), rollCall.evacuation.id, [
      markAt("mark-aaaa-0001", anna.id, "SAFE", later),
    ]);
    expect(first.accepted).toEqual(["mark-aaaa-0001"]);
    // A second marshal's older mark (they were offline) arrives later: it does not win.
    const second = await recordMarks(ctx, receptionist("rec"), rollCall.evacuation.id, [
      markAt("mark-bbbb-0001", anna.id, "NOT_FOUND", earlier),
      markAt("mark-aaaa-0001", anna.id, "SAFE", later),
    ]);
    expect(second.accepted).toEqual(["mark-bbbb-0001"]);
    expect(second.duplicates).toEqual(["mark-aaaa-0001"]);
    let now = await loadRollCall(ctx, colleague("mar"), rollCall.evacuation.id);
    expect(now.people.find((p) => p.id === anna.id)?.status).toBe("SAFE");
    const marks = await loadMarks(ctx, colleague("mar"), rollCall.evacuation.id);
    expect(marks.map((m) => [m.id, m.status, m.byName])).toEqual([
      ["mark-bbbb-0001", "NOT_FOUND", "Staff rec"],
      ["mark-aaaa-0001", "SAFE", "Staff mar"],
    ]);
    expect(events.named("evacuation.marked")).toHaveLength(2);
    expect(now.counts).toMatchObject({ accounted: 1, missing: 1 });
    expect(now.evacuation.allAccountedAt).toBeNull();

    // The last one found: everyone accounted for at that mark's time.
    const found = new Date(t0.getTime() + 50_000);
    await recordMarks(ctx, colleague("mar"), rollCall.evacuation.id, [markAt("mark-cccc-0001", rec.id, "SAFE", found)]);
    now = await loadRollCall(ctx, colleague("mar"), rollCall.evacuation.id);
    expect(now.counts).toMatchObject({ accounted: 2, missing: 0 });
    expect(now.evacuation.allAccountedAt).toBe(found.toISOString());
    expect(await ctx.db.auditEvent.count({ where: { action: "evacuation.marked" } })).toBe(3);
  });

  it("refuses bad marks with a clear 4xx code and keeps nothing of them", async () => {
    await presentStaff("rec");
    const { rollCall } = await startEvacuation(ctx, receptionist("rec"), {
      locationId: site.locationId,
      drill: false,
      source: "DASHBOARD",
    });
    const id = rollCall.evacuation.id;
    const person = rollCall.people[0];
    await expect(
      recordMarks(ctx, colleague("mar"), id, [{ id: "short", personId: person.id, status: "SAFE", markedAt: "x" }]),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(
      recordMarks(ctx, colleague("mar"), id, [markAt("mark-zzzz-0001", "someone-else", "SAFE", ctx.clock.now())]),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(
      recordMarks(ctx, { type: "STAFF", id: "x", role: "PRIVACY", locationIds: [site.locationId] }, id, [
        markAt("mark-zzzz-0002", person.id, "SAFE", ctx.clock.now()),
      ]),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      recordMarks(ctx, { type: "STAFF", id: "x", role: "STAFF", locationIds: ["elsewhere"] }, id, [
        markAt("mark-zzzz-0003", person.id, "SAFE", ctx.clock.now()),
      ]),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await ctx.db.evacuationMark.count()).toBe(0);
  });
});

describe("the kiosk during an evacuation", () => {
  it("refuses check-ins with EVACUATION_IN_PROGRESS; a check-out still works and counts as left", async () => {
    const inside = await visitorInside("Anna");
    const newcomer = await makePassVisitor(ctx.db, { firstName: "Cas" });
    await acceptRules(ctx.db, newcomer.visitor.id, site.locationId);
    const { rollCall } = await startEvacuation(ctx, site.admin, {
      locationId: site.locationId,
      drill: false,
      source: "DASHBOARD",
    });
    const refused = await identifyAtKiosk(ctx, site.kiosk, { kind: "scan", text: newcomer.passText }, "nl");
    expect(refused).toEqual({ step: "evacuation", code: "EVACUATION_IN_PROGRESS" });
    expect(await completeCheckIn(ctx, site.kiosk, "whatever", "accept")).toMatchObject({ step: "see-desk" });
    expect(await ctx.db.visit.count({ where: { visitorId: newcomer.visitor.id } })).toBe(0);
    // The newcomer's scan at the evacuation screen is a check-out with no visit to end: the kiosk
    // shows the evacuation screen again, not "please see the desk" (the desk is leaving too).
    const evacuation = { step: "evacuation", code: "EVACUATION_IN_PROGRESS" };
    expect(await checkOutAtKiosk(ctx, site.kiosk, { kind: "scan", text: newcomer.passText })).toEqual(evacuation);
    expect(await checkOutAtKiosk(ctx, site.kiosk, { kind: "scan", text: "not a code" })).toEqual(evacuation);

    const out = await checkOutAtKiosk(ctx, site.kiosk, { kind: "scan", text: inside.passText });
    expect(out.step).toBe("checked-out");
    await vi.waitFor(async () => {
      const r = await loadRollCall(ctx, site.admin, rollCall.evacuation.id);
      expect(r.people[0]).toMatchObject({ status: "LEFT" });
      expect(r.counts).toMatchObject({ accounted: 1, missing: 0 });
    });
    const marks = await loadMarks(ctx, site.admin, rollCall.evacuation.id);
    expect(marks).toMatchObject([{ status: "LEFT", source: "KIOSK" }]);
  });
});

describe("needs help to evacuate, for a colleague", () => {
  it("an admin sets a colleague's flag (the colleague asked); nobody else may; every change audited", async () => {
    await expect(setStaffEvacuationHelp(ctx, receptionist("rec"), "mar", true)).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await setStaffEvacuationHelp(ctx, site.admin, "mar", true)).toBe(true);
    expect(await setStaffEvacuationHelp(ctx, site.admin, "mar", true)).toBe(true); // no change: no second event
    expect((await findStaff(ctx, "mar"))?.needsEvacuationHelp).toBe(true);
    await expect(setStaffEvacuationHelp(ctx, site.admin, "nobody", true)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await setStaffEvacuationHelp(ctx, site.admin, "mar", false)).toBe(false);
    const audit = await ctx.db.auditEvent.findMany({
      where: { action: "staff.evacuation_help_changed", subjectId: "mar" },
      orderBy: { id: "asc" },
    });
    expect(audit.map((e) => [e.actorId, JSON.parse(e.data ?? "{}").needsEvacuationHelp])).toEqual([
      [site.admin.id, true],
      [site.admin.id, false],
    ]);
  });
});

describe("the end", () => {
  it("restores the doors, keeps drills apart in the list, and summarises (PDF with everyone, CSV)", async () => {
    await presentStaff("rec", "mar");
    await visitorInside("Anna");
    const drill = await startEvacuation(ctx, site.admin, {
      locationId: site.locationId,
      drill: true,
      source: "DASHBOARD",
    });
    const pdf = await rollCallPdf(drill.rollCall, "nl", ctx.clock.now());
    const text = pdfText(pdf);
    for (const p of drill.rollCall.people) expect(text).toContain(p.name);
    expect(text).toContain("OEFENING");

    const start = ctx.clock.now().getTime();
    const [a, b, c] = drill.rollCall.people;
    ctx.clock.advance(120_000);
    await recordMarks(ctx, colleague("mar"), drill.rollCall.evacuation.id, [
      markAt("mark-end-0001", a.id, "SAFE", new Date(start + 20_000)),
      markAt("mark-end-0002", b.id, "NOT_FOUND", new Date(start + 30_000)),
      markAt("mark-end-0003", c.id, "SAFE", new Date(start + 40_000)),
      markAt("mark-end-0004", b.id, "SAFE", new Date(start + 95_000)),
    ]);
    const ended = await endEvacuation(ctx, site.admin, drill.rollCall.evacuation.id);
    expect(ended.endedAt).not.toBeNull();
    expect((await ctx.db.location.findUniqueOrThrow({ where: { id: site.locationId } })).emergencyRelease).toBe(false);
    expect(events.named("evacuation.status_changed").at(-1)).toMatchObject({ active: false });

    const summary = await loadSummary(ctx, site.admin, drill.rollCall.evacuation.id);
    expect(summary.secondsToAccounted).toBe(95);
    expect(summary.rows.filter((r) => r.wasMissing).map((r) => [r.name, r.foundAt])).toEqual([
      [b.name, new Date(start + 95_000).toISOString()],
    ]);
    const csv = summaryCsv(summary);
    expect(csv).toContain("kind,drill");
    expect(csv).toContain("seconds_to_accounted,95");
    expect(csv.split("\r\n").filter((l) => l.includes(b.name))[0]).toContain("true");
    expect(pdfText(await summaryPdf(summary, "en"))).toContain("1 min 35 s");

    // A real one afterwards: the list says which was which.
    await startEvacuation(ctx, site.admin, { locationId: site.locationId, drill: false, source: "DASHBOARD" });
    const list = await listEvacuations(ctx, site.admin, site.locationId);
    expect(list.map((e) => e.drill)).toEqual([false, true]);
    expect(list[1]).toMatchObject({ total: 3, accounted: 3 });
    expect(await ctx.db.auditEvent.count({ where: { action: "evacuation.ended" } })).toBe(1);
  });
});

describe("needs help to evacuate", () => {
  it("a visitor declares it at the kiosk with the leave code of their check-in; a wrong code counts as a guess", async () => {
    const v = await visitorInside("Wilma");
    const leaveCode = v.visit.leaveCode as string;
    expect(leaveCode).toMatch(/^\d{6,7}$/);
    expect(await declareEvacuationHelpAtKiosk(ctx, site.kiosk, leaveCode, true)).toBe(true);
    expect((await ctx.db.visitor.findUniqueOrThrow({ where: { id: v.visitor.id } })).needsEvacuationHelp).toBe(true);
    expect(
      await ctx.db.auditEvent.findFirst({
        where: { action: "visitor.evacuation_help_changed", subjectId: v.visitor.id },
        select: { actorType: true, actorId: true },
      }),
    ).toEqual({ actorType: "DEVICE", actorId: site.kiosk.id });

    const wrong = leaveCode === "000000" ? "000001" : "000000";
    await expect(declareEvacuationHelpAtKiosk(ctx, site.kiosk, wrong, true)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await ctx.db.loginThrottle.count()).toBe(1); // the miss is counted, as for checking out by code
    // After check-out the code is spent.
    await checkOutAtKiosk(ctx, site.kiosk, { kind: "leave-code", code: leaveCode });
    await expect(declareEvacuationHelpAtKiosk(ctx, site.kiosk, leaveCode, false)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("is one audited yes/no for staff (own) and visitors (the desk)", async () => {
    const v = await makePassVisitor(ctx.db, { firstName: "Dirk" });
    await ctx.db.visit.create({ data: { locationId: site.locationId, visitorId: v.visitor.id, method: "PASS" } });
    await setVisitorEvacuationHelp(ctx, receptionist("rec"), v.visitor.id, true);
    await setOwnEvacuationHelp(ctx, colleague("mar"), true);
    expect((await ctx.db.visitor.findUniqueOrThrow({ where: { id: v.visitor.id } })).needsEvacuationHelp).toBe(true);
    expect((await ctx.db.staffMember.findUniqueOrThrow({ where: { id: "mar" } })).needsEvacuationHelp).toBe(true);
    expect(
      await ctx.db.auditEvent.count({
        where: { action: { in: ["visitor.evacuation_help_changed", "staff.evacuation_help_changed"] } },
      }),
    ).toBe(2);
    await expect(setVisitorEvacuationHelp(ctx, colleague("mar"), v.visitor.id, false)).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });
});

describe("the fire panel webhook", () => {
  const call = (opts: { authorization?: string; body?: string; address?: string } = {}) => {
    const headers: Record<string, string> = { [CLIENT_ADDRESS_HEADER]: opts.address ?? "10.0.0.9" };
    if (opts.authorization) headers.authorization = opts.authorization;
    if (opts.body !== undefined) headers["content-type"] = "application/json";
    return firePanelRoute(
      new Request("http://portier.test/api/evacuations/fire-panel", { method: "POST", headers, body: opts.body }),
    );
  };

  it("starts an evacuation with the location's secret (drill from the body); the same call again joins it", async () => {
    await presentStaff("rec");
    const { secret } = await issueFirePanelSecret(ctx, site.admin, site.locationId);
    expect(secret).toMatch(/^pev_/);
    const settings = await ctx.db.evacuationSettings.findUniqueOrThrow({ where: { locationId: site.locationId } });
    expect(settings.secretHash).not.toContain(secret);
    const res = await call({ authorization: `Bearer ${secret}`, body: JSON.stringify({ drill: true }) });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toMatchObject({ ok: true, drill: true, alreadyRunning: false, people: 1 });
    const again = await call({ authorization: `Bearer ${secret}` });
    expect(again.status).toBe(200);
    expect((await again.json()).evacuationId).toBe(body.evacuationId);
    const e = await ctx.db.evacuation.findUniqueOrThrow({ where: { id: body.evacuationId } });
    expect(e.source).toBe("WEBHOOK");
  });

  it("refuses a missing or wrong secret with 401 (audited, never the secret), then 429 for a flood; a valid secret still works", async () => {
    const { secret } = await issueFirePanelSecret(ctx, site.admin, site.locationId);
    const missing = await call();
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ ok: false, code: "UNAUTHORIZED" });
    for (let i = 1; i < FIRE_PANEL_FAILURE_LIMIT; i++) await call({ authorization: "Bearer pev_wrong" });
    const blocked = await call({ authorization: "Bearer pev_wrong" });
    expect(blocked.status).toBe(429);
    const rejected = await ctx.db.auditEvent.findMany({ where: { action: "evacuation.webhook_rejected" } });
    expect(rejected.length).toBeGreaterThan(0);
    expect(rejected.every((r) => !(r.data ?? "").includes("pev_"))).toBe(true);
    expect(await ctx.db.evacuation.count()).toBe(0);
    const ok = await call({ authorization: `Bearer ${secret}` });
    expect(ok.status).toBe(201);
    // A revoked secret stops working.
    await issueFirePanelSecret(ctx, site.admin, site.locationId, true);
    expect((await call({ authorization: `Bearer ${secret}`, address: "10.0.0.10" })).status).toBe(401);
  });

  it("reads fire panel MQTT payloads: start, drill, bare strings; ignores the rest", () => {
    expect(parseFirePayload('{"evacuation":"start","drill":true}')).toEqual({
      kind: "start",
      drill: true,
      reason: null,
    });
    expect(parseFirePayload("FIRE")).toMatchObject({ kind: "start", drill: false });
    expect(parseFirePayload('{"fire":true,"reason":"zone 3"}')).toEqual({
      kind: "start",
      drill: false,
      reason: "zone 3",
    });
    expect(parseFirePayload('{"evacuation":"end"}')).toEqual({ kind: "ignore" });
    expect(parseFirePayload('{"battery":90}')).toEqual({ kind: "ignore" });
    expect(parseFirePayload("{nope")).toMatchObject({ kind: "malformed" });
    expect(parseFirePayload('{"fire":true,"drill":"yes"}')).toMatchObject({ kind: "malformed" });
    expect(parseFirePayload("x".repeat(5000))).toMatchObject({ kind: "malformed", reason: "too_large" });
  });
});

describe.skipIf(skipMqtt)("the fire panel over MQTT", () => {
  it("a start message on the location's topic starts an evacuation; a retained one does not", async () => {
    const topic = `portier-test-${randomBytes(4).toString("hex")}/fire`;
    await saveEvacuationSettings(ctx, site.admin, {
      locationId: site.locationId,
      startRoles: ["RECEPTION", "MANAGER", "ADMIN"],
      mqttTopic: topic,
    });
    const publisher = await mqtt.connectAsync(MQTT_TEST_BROKER, {
      clientId: `portier-test-pub-${randomBytes(4).toString("hex")}`,
    });
    // A retained old alarm on the topic: must not start anything on subscribe.
    await publisher.publishAsync(topic, '{"evacuation":"start"}', { qos: 1, retain: true });
    const listener = startMqttEvacuation(ctx, { url: MQTT_TEST_BROKER, reconnectPeriodMs: 200 });
    try {
      await vi.waitFor(() => expect(listener.client.connected).toBe(true), { timeout: 10_000 });
      await listener.sync();
      await new Promise((r) => setTimeout(r, 300));
      await listener.idle();
      expect(await ctx.db.evacuation.count()).toBe(0);
      await publisher.publishAsync(topic, JSON.stringify({ evacuation: "start", drill: true }), { qos: 1 });
      await vi.waitFor(
        async () => {
          await listener.idle();
          expect(await ctx.db.evacuation.findMany()).toMatchObject([{ source: "MQTT", drill: true }]);
        },
        { timeout: 10_000, interval: 50 },
      );
    } finally {
      await publisher.publishAsync(topic, "", { qos: 1, retain: true });
      await publisher.endAsync();
      await listener.stop();
    }
  });
});
