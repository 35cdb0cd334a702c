import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { BLOCK_MS, LIMITS } from "@/src/domain/staff/login-throttle";
import { setStaffActive } from "@/src/domain/staff/manage-staff";
import { signIn } from "@/src/domain/staff/sign-in";
import { makeStaff, PASSWORD, staffActorOf } from "@/tests/helpers/fixtures";
import { closeTestDb, resetDb, type TestContext, testContext } from "@/tests/helpers/test-db";

const EMAIL = "anna@example.test";
let ctx: TestContext;

beforeEach(async () => {
  ctx = await testContext();
  await resetDb(ctx.db);
  await makeStaff(ctx.db, { id: "anna", email: EMAIL, role: "RECEPTION" });
});
afterAll(closeTestDb);

describe("signIn", () => {
  it("signs in with the right password, whatever the case and spaces of the address", async () => {
    const r = await signIn(ctx, "  Anna@Example.TEST ", PASSWORD, "10.0.0.1");
    expect(r).toEqual({
      ok: true,
      staff: { id: "anna", name: "Staff anna", email: EMAIL, role: "RECEPTION", locale: "nl" },
    });
    const audit = await ctx.db.auditEvent.findMany({ where: { action: "staff.signed_in" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorType: "STAFF", actorId: "anna", subjectId: "anna" });
  });

  it("gives the same answer for a wrong password and an unknown user", async () => {
    const wrong = await signIn(ctx, EMAIL, "not the password", "10.0.0.1");
    const unknown = await signIn(ctx, "nobody@example.test", PASSWORD, "10.0.0.2");
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual(wrong);
    // A failed attempt on an existing account is audited, without the password.
    const audit = await ctx.db.auditEvent.findMany({ where: { action: "staff.sign_in_failed" } });
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain("not the password");
  });

  it(`blocks the account after ${LIMITS.perAccount} failures, also for the right password, for 15 minutes`, async () => {
    const results = [];
    for (let i = 0; i < LIMITS.perAccount; i++) {
      results.push(await signIn(ctx, EMAIL, `wrong-${i}`, `10.0.1.${i}`));
      ctx.clock.advance(1000);
    }
    expect(results.slice(0, -1).every((r) => !r.ok && r.reason === "invalid")).toBe(true);
    expect(results.at(-1)).toMatchObject({ ok: false, reason: "throttled" });
    const blockedAt = ctx.clock.now().getTime() - 1000;

    // The right password, from yet another address, is refused while blocked.
    const right = await signIn(ctx, EMAIL, PASSWORD, "10.0.2.1");
    expect(right).toMatchObject({ ok: false, reason: "throttled" });
    if (right.ok || !right.retryAt) throw new Error("expected retryAt");
    expect(right.retryAt.getTime()).toBe(blockedAt + BLOCK_MS);

    ctx.clock.set(blockedAt + BLOCK_MS - 1000);
    expect(await signIn(ctx, EMAIL, PASSWORD, "10.0.2.1")).toMatchObject({ ok: false, reason: "throttled" });

    ctx.clock.set(blockedAt + BLOCK_MS);
    expect(await signIn(ctx, EMAIL, PASSWORD, "10.0.2.1")).toMatchObject({ ok: true });
  });

  it("blocks an unknown address the same way, so probing does not reveal which accounts exist", async () => {
    let last: Awaited<ReturnType<typeof signIn>> | null = null;
    for (let i = 0; i < LIMITS.perAccount; i++) last = await signIn(ctx, "ghost@example.test", "x", `10.0.3.${i}`);
    expect(last).toMatchObject({ ok: false, reason: "throttled" });
  });

  it(`blocks a client address after ${LIMITS.perAddress} failures across accounts`, async () => {
    for (let i = 0; i < LIMITS.perAddress; i++) await signIn(ctx, `user${i}@example.test`, "x", "10.9.9.9");
    expect(await signIn(ctx, EMAIL, PASSWORD, "10.9.9.9")).toMatchObject({ ok: false, reason: "throttled" });
    expect(await signIn(ctx, EMAIL, PASSWORD, "10.9.9.10")).toMatchObject({ ok: true });
  });

  it("clears the account's failures after a successful sign-in", async () => {
    for (let i = 0; i < LIMITS.perAccount - 1; i++) await signIn(ctx, EMAIL, "wrong", "10.0.4.1");
    expect(await signIn(ctx, EMAIL, PASSWORD, "10.0.4.1")).toMatchObject({ ok: true });
    expect(await signIn(ctx, EMAIL, "wrong", "10.0.4.1")).toEqual({ ok: false, reason: "invalid" });
  });

  it("refuses a deactivated staff member with the same answer", async () => {
    await makeStaff(ctx.db, { id: "admin", role: "ADMIN" });
    await setStaffActive(ctx, staffActorOf("admin"), "anna", false);
    expect(await signIn(ctx, EMAIL, PASSWORD, "10.0.5.1")).toEqual({ ok: false, reason: "invalid" });
    await setStaffActive(ctx, staffActorOf("admin"), "anna", true);
    expect(await signIn(ctx, EMAIL, PASSWORD, "10.0.5.1")).toMatchObject({ ok: true });
  });
});
