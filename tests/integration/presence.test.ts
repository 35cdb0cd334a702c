// Staff presence on a real database with a ManualClock: one tap, badge toggles and the double-scan
// rule, one open presence per person, the end-of-day rule run by the scheduler (and its next
// day's job), confirmation by the desk, audit rows and events; the kiosk's badge branch.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/src/domain/access/actor";
import { hmac } from "@/src/domain/crypto";
import {
  confirmEndOfDay,
  ensureEndOfDayJobs,
  scanStaffBadge,
  signInStaff,
  signOutStaff,
} from "@/src/domain/presence/presence";
import { badgeHashInput, DOUBLE_SCAN_MS, END_OF_DAY_JOB, endOfDayJobKey } from "@/src/domain/presence/rules";
import { loadRegister } from "@/src/domain/register/load-register";
import { runDueJobs } from "@/src/domain/scheduler/run-due-jobs";
import { identifyAtKiosk } from "@/src/domain/visits/kiosk-check-in";
import { jobHandlers } from "@/src/server/job-handlers";
import { staffActorOf } from "@/tests/helpers/fixtures";
import { collectEvents, HOUR, MINUTE, makeSite, type Site } from "@/tests/helpers/kiosk-fixtures";
import { closeTestDb, resetDb, type TestContext, testContext } from "@/tests/helpers/test-db";

let ctx: TestContext;
let events: ReturnType<typeof collectEvents>;
let site: Site;
const A = "loc-k";
const B = "loc-b";
const STAFF = "loc-k-host"; // "Staff loc-k-host", STAFF role, works at loc-k
// T0 of testContext: Tuesday 10 March 2026, 09:00 in Amsterdam; closing 22:00 = 21:00 UTC.
const CLOSING = new Date("2026-03-10T21:00:00Z");

beforeEach(async () => {
  ctx = await testContext();
  await resetDb(ctx.db);
  events = collectEvents(ctx);
  site = await makeSite(ctx.db, { id: A });
  await makeSite(ctx.db, { id: B });
  await ctx.db.staffLocation.create({ data: { staffId: STAFF, locationId: B } });
  await ctx.db.staffMember.update({
    where: { id: STAFF },
    data: { name: "Bram Jansen", badgeHash: hmac(ctx.hmacKey, badgeHashInput("BADGE-0002")) },
  });
});
afterAll(closeTestDb);

const self = staffActorOf(STAFF, "STAFF", [A, B]);
const kioskA: Actor = { type: "DEVICE", id: `${A}-kiosk`, kind: "KIOSK", locationId: A, roomId: null };
const openRows = () => ctx.db.staffPresence.findMany({ where: { signedOutAt: null } });

describe("one tap", () => {
  it("signs in and out, idempotently, with an audit row and an event each", async () => {
    const p = await signInStaff(ctx, self, { staffId: STAFF, locationId: A, method: "DASHBOARD" });
    expect(p).toMatchObject({ present: true, locationId: A, signedInBy: "DASHBOARD", name: "Bram Jansen" });
    await signInStaff(ctx, self, { staffId: STAFF, locationId: A, method: "DASHBOARD" });
    expect(await openRows()).toHaveLength(1);
    ctx.clock.advance(HOUR);
    expect(await signOutStaff(ctx, self, { staffId: STAFF, locationId: A, method: "DASHBOARD" })).toEqual({
      signedOut: true,
    });
    expect(await signOutStaff(ctx, self, { staffId: STAFF, locationId: A, method: "DASHBOARD" })).toEqual({
      signedOut: false,
    });
    const audit = await ctx.db.auditEvent.findMany({ where: { subjectType: "StaffPresence" }, orderBy: { at: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["presence.signed_in", "presence.signed_out"]);
    expect(events.named("presence.changed").map((e) => e.present)).toEqual([true, false]);
  });

  it("keeps one open presence: signing in at B closes A", async () => {
    await signInStaff(ctx, self, { staffId: STAFF, locationId: A, method: "DASHBOARD" });
    ctx.clock.advance(MINUTE);
    await signInStaff(ctx, self, { staffId: STAFF, locationId: B, method: "DASHBOARD" });
    const open = await openRows();
    expect(open.map((o) => o.locationId)).toEqual([B]);
    const changes = events.named("presence.changed");
    expect(changes.slice(1).map((c) => [c.locationId, c.present])).toEqual([
      [A, false],
      [B, true],
    ]);
  });

  it("lets only the desk sign others in, and only at their own locations", async () => {
    const other = staffActorOf("someone", "STAFF", [A]);
    await expect(signInStaff(ctx, other, { staffId: STAFF, locationId: A, method: "DASHBOARD" })).rejects.toMatchObject(
      {
        code: "FORBIDDEN",
      },
    );
    const reception = staffActorOf("desk", "RECEPTION", [B]);
    await expect(
      signInStaff(ctx, reception, { staffId: STAFF, locationId: A, method: "DASHBOARD" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await signInStaff(ctx, staffActorOf("desk", "RECEPTION", [A]), {
      staffId: STAFF,
      locationId: A,
      method: "DASHBOARD",
    });
    expect(await openRows()).toHaveLength(1);
  });
});

describe("badge scans", () => {
  const scan = (code = "BADGE-0002", locationId = A) =>
    scanStaffBadge(ctx, kioskA, { locationId, code, method: "BADGE_KIOSK" });

  it("toggles in and out; never puts the code in an event or the audit", async () => {
    expect(await scan()).toMatchObject({ status: "signed-in", firstName: "Bram", repeated: false });
    ctx.clock.advance(DOUBLE_SCAN_MS);
    expect(await scan()).toMatchObject({ status: "signed-out", repeated: false });
    const text = JSON.stringify([events.all, await ctx.db.auditEvent.findMany()]);
    expect(text).not.toContain("BADGE-0002");
  });

  it("answers a double scan within the window the same, without flipping back", async () => {
    await scan();
    ctx.clock.advance(2_000);
    expect(await scan()).toMatchObject({ status: "signed-in", repeated: true });
    ctx.clock.advance(DOUBLE_SCAN_MS);
    expect(await scan()).toMatchObject({ status: "signed-out", repeated: false });
    ctx.clock.advance(1_000);
    expect(await scan()).toMatchObject({ status: "signed-out", repeated: true });
    expect(events.named("presence.changed")).toHaveLength(2);
  });

  it("finds a badge scanned with Caps Lock on; ignores unknown badges and inactive holders", async () => {
    expect(await scan("badge-0002")).toMatchObject({ status: "signed-in" });
    expect(await scan("BADGE-9999")).toBeNull();
    await ctx.db.staffMember.update({ where: { id: STAFF }, data: { active: false } });
    ctx.clock.advance(DOUBLE_SCAN_MS);
    expect(await scan()).toBeNull();
  });

  it("a kiosk may act only at its own location", async () => {
    await expect(scan("BADGE-0002", B)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("at the kiosk: greets the staff member, and an unknown badge asks for the desk", async () => {
    const first = await identifyAtKiosk(ctx, site.kiosk, { kind: "scan", text: "BADGE-0002" }, "nl");
    expect(first).toEqual({ step: "staff-presence", status: "signed-in", firstName: "Bram", greeting: "morning" });
    ctx.clock.advance(DOUBLE_SCAN_MS);
    const second = await identifyAtKiosk(ctx, site.kiosk, { kind: "scan", text: "BADGE-0002" }, "nl");
    expect(second).toMatchObject({ step: "staff-presence", status: "signed-out" });
    const unknown = await identifyAtKiosk(ctx, site.kiosk, { kind: "scan", text: "BADGE-4040" }, "nl");
    expect(unknown).toEqual({ step: "see-desk", reason: "code" });
    // No visit is ever created for a badge.
    expect(await ctx.db.visit.count()).toBe(0);
  });
});

describe("the end-of-day rule", () => {
  it("schedules a job for every location at start-up, once", async () => {
    await ensureEndOfDayJobs(ctx);
    await ensureEndOfDayJobs(ctx);
    const jobs = await ctx.db.scheduledJob.findMany({ where: { kind: END_OF_DAY_JOB }, orderBy: { key: "asc" } });
    expect(jobs.map((j) => [j.key, j.dueAt.toISOString()])).toEqual(
      [
        [endOfDayJobKey(B, "2026-03-10"), CLOSING.toISOString()],
        [endOfDayJobKey(A, "2026-03-10"), CLOSING.toISOString()],
      ].sort(),
    );
  });

  it("signs out everyone still in at closing, lists them until confirmed, and schedules tomorrow", async () => {
    await signInStaff(ctx, self, { staffId: STAFF, locationId: A, method: "DASHBOARD" });
    ctx.clock.set(new Date(CLOSING.getTime() - 1));
    expect((await runDueJobs(ctx, jobHandlers, "w")).done).toBe(0);
    // The scheduler is late (the server was down): the sign-out still says closing time.
    ctx.clock.set(new Date(CLOSING.getTime() + 5 * MINUTE));
    expect((await runDueJobs(ctx, jobHandlers, "w")).done).toBe(1);

    const row = await ctx.db.staffPresence.findFirstOrThrow({ where: { staffId: STAFF } });
    expect(row).toMatchObject({ signedOutBy: "END_OF_DAY", signedOutAt: CLOSING, confirmedAt: null });
    expect(events.named("presence.changed").at(-1)).toMatchObject({ present: false, needsConfirmation: true });
    const tomorrow = await ctx.db.scheduledJob.findUnique({ where: { key: endOfDayJobKey(A, "2026-03-11") } });
    expect(tomorrow).toMatchObject({ status: "PENDING", dueAt: new Date("2026-03-11T21:00:00Z") });

    const reception = staffActorOf("desk", "RECEPTION", [A]);
    let register = await loadRegister(ctx, reception, A);
    expect(register.staff).toEqual([]);
    expect(register.unconfirmed.map((u) => u.name)).toEqual(["Bram Jansen"]);

    await expect(confirmEndOfDay(ctx, self, { locationId: A, presenceIds: [row.id] })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await confirmEndOfDay(ctx, reception, { locationId: A, presenceIds: [row.id] })).toEqual({ confirmed: 1 });
    expect(await confirmEndOfDay(ctx, reception, { locationId: A, presenceIds: [row.id] })).toEqual({ confirmed: 0 });
    register = await loadRegister(ctx, reception, A);
    expect(register.unconfirmed).toEqual([]);
    expect(await ctx.db.staffPresence.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
      confirmedById: "desk",
    });
  });

  it("leaves whoever signed in after closing (a late shift) and uses the location's own closing time", async () => {
    await ctx.db.location.update({ where: { id: A }, data: { closesAt: "17:30" } });
    await ensureEndOfDayJobs(ctx);
    ctx.clock.set(new Date("2026-03-10T16:31:00Z")); // 17:31 in Amsterdam: after closing
    await signInStaff(ctx, self, { staffId: STAFF, locationId: A, method: "DASHBOARD" });
    await runDueJobs(ctx, jobHandlers, "w");
    expect(await openRows()).toHaveLength(1);
    // The next day's 17:30 closing signs the late shift out.
    ctx.clock.set(new Date("2026-03-11T16:30:00Z"));
    await runDueJobs(ctx, jobHandlers, "w");
    expect(await openRows()).toHaveLength(0);
  });

  it("keeps running across the DST change without anyone signing in", async () => {
    ctx.clock.set(new Date("2026-03-28T12:00:00Z"));
    await ensureEndOfDayJobs(ctx);
    for (const expected of ["2026-03-28T21:00:00.000Z", "2026-03-29T20:00:00.000Z"]) {
      const job = await ctx.db.scheduledJob.findFirstOrThrow({
        where: { kind: END_OF_DAY_JOB, status: "PENDING", key: { contains: A } },
      });
      expect(job.dueAt.toISOString()).toBe(expected);
      ctx.clock.set(job.dueAt);
      await runDueJobs(ctx, jobHandlers, "w");
    }
  });
});
