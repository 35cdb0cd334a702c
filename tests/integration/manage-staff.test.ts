import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { hmac } from "@/src/domain/crypto";
import { AppError } from "@/src/domain/errors";
import type { DomainEvent } from "@/src/domain/events/domain-events";
import {
  createStaff,
  listStaff,
  resetPassword,
  setBadge,
  setStaffActive,
  staffActor,
  updateStaff,
} from "@/src/domain/staff/manage-staff";
import { signIn } from "@/src/domain/staff/sign-in";
import { makeLocation, makeStaff, staffActorOf } from "@/tests/helpers/fixtures";
import { closeTestDb, resetDb, type TestContext, testContext } from "@/tests/helpers/test-db";

const KEYS = { hmacKey: "test-hmac-key" };
const NEW_PASSWORD = "a brand new password";
const admin = staffActorOf("admin", "ADMIN");
let ctx: TestContext;
let events: DomainEvent[];

beforeEach(async () => {
  ctx = await testContext();
  await resetDb(ctx.db);
  await makeLocation(ctx.db, "loc-a");
  await makeLocation(ctx.db, "loc-b");
  await makeStaff(ctx.db, { id: "admin", email: "admin@example.test", role: "ADMIN" });
  events = [];
  ctx.events.onAny((e) => {
    events.push(e);
  });
});
afterAll(closeTestDb);

async function errorOf(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("expected an AppError");
}

const input = (over: Partial<Parameters<typeof createStaff>[2]> = {}) => ({
  name: "  Bram Jansen ",
  email: " Bram@Example.TEST",
  role: "RECEPTION" as const,
  locale: "nl" as const,
  locationIds: ["loc-a"],
  password: "a good long password",
  ...over,
});

const auditOf = (subjectId: string) =>
  ctx.db.auditEvent.findMany({ where: { subjectType: "StaffMember", subjectId }, orderBy: { id: "asc" } });

describe("staff management", () => {
  it("creates a staff member with a hashed password, locations and an audit event", async () => {
    const s = await createStaff(ctx, admin, input());
    expect(s).toMatchObject({ name: "Bram Jansen", email: "bram@example.test", role: "RECEPTION", active: true });
    expect(s.passwordHash).toMatch(/^\$argon2id\$/);
    const links = await ctx.db.staffLocation.findMany({ where: { staffId: s.id } });
    expect(links.map((l) => l.locationId)).toEqual(["loc-a"]);

    const audit = await auditOf(s.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "staff.created", actorType: "STAFF", actorId: "admin" });
    expect(JSON.parse(audit[0].data!)).toEqual({
      name: "Bram Jansen",
      email: "bram@example.test",
      role: "RECEPTION",
      locationIds: ["loc-a"],
    });
    expect(audit[0].data).not.toContain("a good long password");
    expect(events).toEqual([{ name: "staff.changed", payload: { staffId: s.id } }]);

    expect(await signIn(ctx, "bram@example.test", "a good long password", "10.0.0.1")).toMatchObject({ ok: true });
    expect(await staffActor(ctx, s.id)).toEqual({ type: "STAFF", id: s.id, role: "RECEPTION", locationIds: ["loc-a"] });
  });

  it("refuses a short password, a duplicate e-mail address and an unknown location", async () => {
    const short = await errorOf(createStaff(ctx, admin, input({ password: "short" })));
    expect(short.code).toBe("VALIDATION");
    expect(short.fieldErrors).toEqual({ password: ["too_short"] });

    await createStaff(ctx, admin, input());
    const dup = await errorOf(createStaff(ctx, admin, input({ email: "BRAM@example.test " })));
    expect(dup.code).toBe("CONFLICT");
    expect(dup.fieldErrors).toEqual({ email: ["taken"] });

    const loc = await errorOf(createStaff(ctx, admin, input({ email: "x@example.test", locationIds: ["nowhere"] })));
    expect(loc.code).toBe("VALIDATION");
    expect(loc.fieldErrors).toEqual({ locationIds: ["unknown"] });

    expect(await ctx.db.staffMember.count()).toBe(2); // admin + Bram
    expect(await ctx.db.auditEvent.count({ where: { action: "staff.created" } })).toBe(1);
  });

  it("updates role, locations and address, auditing before and after", async () => {
    const s = await createStaff(ctx, admin, input());
    await updateStaff(ctx, admin, s.id, {
      name: "Bram J.",
      email: "bram.j@example.test",
      role: "MANAGER",
      locale: "en",
      locationIds: ["loc-a", "loc-b"],
    });
    expect(await staffActor(ctx, s.id)).toEqual({
      type: "STAFF",
      id: s.id,
      role: "MANAGER",
      locationIds: expect.arrayContaining(["loc-a", "loc-b"]),
    });
    const audit = (await auditOf(s.id)).find((a) => a.action === "staff.updated")!;
    expect(JSON.parse(audit.data!)).toEqual({
      before: { name: "Bram Jansen", email: "bram@example.test", role: "RECEPTION", locationIds: ["loc-a"] },
      after: { name: "Bram J.", email: "bram.j@example.test", role: "MANAGER", locationIds: ["loc-a", "loc-b"] },
    });

    // Another member's address is taken.
    const dup = await errorOf(
      updateStaff(ctx, admin, s.id, {
        name: "Bram",
        email: "admin@example.test",
        role: "MANAGER",
        locale: "nl",
        locationIds: [],
      }),
    );
    expect(dup.code).toBe("CONFLICT");
    expect((await errorOf(updateStaff(ctx, admin, "ghost", { ...input(), email: "g@example.test" }))).code).toBe(
      "NOT_FOUND",
    );
  });

  it("does not let an admin change their own role, but does let them edit the rest", async () => {
    const own = await errorOf(
      updateStaff(ctx, admin, "admin", {
        name: "Admin",
        email: "admin@example.test",
        role: "STAFF",
        locale: "nl",
        locationIds: [],
      }),
    );
    expect(own.code).toBe("VALIDATION");
    expect(own.fieldErrors).toEqual({ role: ["own_role"] });
    expect((await ctx.db.staffMember.findUniqueOrThrow({ where: { id: "admin" } })).role).toBe("ADMIN");

    await updateStaff(ctx, admin, "admin", {
      name: "Admin Renamed",
      email: "admin@example.test",
      role: "ADMIN",
      locale: "en",
      locationIds: ["loc-b"],
    });
    expect((await ctx.db.staffMember.findUniqueOrThrow({ where: { id: "admin" } })).name).toBe("Admin Renamed");
  });

  it("deactivates and reactivates, but never oneself", async () => {
    const s = await createStaff(ctx, admin, input());
    const self = await errorOf(setStaffActive(ctx, admin, "admin", false));
    expect(self.code).toBe("VALIDATION");
    expect(self.fieldErrors).toEqual({ active: ["self"] });
    expect((await ctx.db.staffMember.findUniqueOrThrow({ where: { id: "admin" } })).active).toBe(true);

    await setStaffActive(ctx, admin, s.id, false);
    expect(await staffActor(ctx, s.id)).toBeNull();
    expect(await signIn(ctx, "bram@example.test", "a good long password", "10.0.0.1")).toEqual({
      ok: false,
      reason: "invalid",
    });
    await setStaffActive(ctx, admin, s.id, true);
    expect(await staffActor(ctx, s.id)).not.toBeNull();
    expect((await auditOf(s.id)).map((a) => a.action)).toEqual([
      "staff.created",
      "staff.deactivated",
      "staff.sign_in_failed",
      "staff.reactivated",
    ]);
    expect((await errorOf(setStaffActive(ctx, admin, "ghost", false))).code).toBe("NOT_FOUND");
  });

  it("resets a password: the new one works, the old one no longer does", async () => {
    const s = await createStaff(ctx, admin, input());
    expect((await errorOf(resetPassword(ctx, admin, s.id, "tiny"))).fieldErrors).toEqual({ password: ["too_short"] });
    await resetPassword(ctx, admin, s.id, NEW_PASSWORD);
    expect(await signIn(ctx, "bram@example.test", "a good long password", "10.0.0.1")).toMatchObject({ ok: false });
    expect(await signIn(ctx, "bram@example.test", NEW_PASSWORD, "10.0.0.1")).toMatchObject({ ok: true });
    const audit = await auditOf(s.id);
    expect(audit.map((a) => a.action)).toContain("staff.password_reset");
    expect(JSON.stringify(audit)).not.toContain(NEW_PASSWORD);
    expect((await errorOf(resetPassword(ctx, admin, "ghost", NEW_PASSWORD))).code).toBe("NOT_FOUND");
  });

  it("stores only the badge's HMAC, refuses a badge in use, and clears it", async () => {
    const s = await createStaff(ctx, admin, input());
    await setBadge(ctx, admin, KEYS, s.id, " BADGE-0042 ");
    const row = await ctx.db.staffMember.findUniqueOrThrow({ where: { id: s.id } });
    expect(row.badgeHash).toBe(hmac(KEYS.hmacKey, "badge:BADGE-0042"));

    const taken = await errorOf(setBadge(ctx, admin, KEYS, "admin", "BADGE-0042"));
    expect(taken.code).toBe("CONFLICT");
    expect(taken.fieldErrors).toEqual({ badgeCode: ["taken"] });
    // Setting the same badge again on its owner is fine.
    await setBadge(ctx, admin, KEYS, s.id, "BADGE-0042");

    await setBadge(ctx, admin, KEYS, s.id, null);
    expect((await ctx.db.staffMember.findUniqueOrThrow({ where: { id: s.id } })).badgeHash).toBeNull();
    await setBadge(ctx, admin, KEYS, "admin", "BADGE-0042");

    const audit = await auditOf(s.id);
    expect(audit.map((a) => a.action)).toEqual([
      "staff.created",
      "staff.badge_set",
      "staff.badge_set",
      "staff.badge_cleared",
    ]);
    const all = JSON.stringify(await ctx.db.auditEvent.findMany());
    expect(all).not.toContain("BADGE-0042");

    const list = await listStaff(ctx);
    expect(list.find((x) => x.id === s.id)).toMatchObject({ hasBadge: false });
    expect(list.find((x) => x.id === "admin")).toMatchObject({ hasBadge: true });
    expect(JSON.stringify(list)).not.toMatch(/passwordHash|badgeHash|argon2/);
  });
});
