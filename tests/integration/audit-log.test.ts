// Reading the audit trail: managers see their own locations' events only, admins and the privacy
// officer everything; filters by actor, action (exact or prefix), subject and time; pages of 50,
// newest first; every look is itself recorded.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/src/domain/access/actor";
import { AUDIT_PAGE_SIZE, queryAuditLog } from "@/src/domain/audit/audit-log";
import { recordAudit } from "@/src/domain/audit/record-audit";
import { AppError } from "@/src/domain/errors";
import { staffActorOf } from "@/tests/helpers/fixtures";
import { MINUTE } from "@/tests/helpers/kiosk-fixtures";
import { closeTestDb, resetDb, type TestContext, testContext } from "@/tests/helpers/test-db";

let ctx: TestContext;
const manager = staffActorOf("m1", "MANAGER", ["loc-a"]);
const admin = staffActorOf("a1", "ADMIN", []);
const privacy = staffActorOf("p1", "PRIVACY", []);

beforeEach(async () => {
  ctx = await testContext();
  await resetDb(ctx.db);
  await ctx.db.organisation.create({ data: { id: "org", name: "Org" } });
  await ctx.db.staffMember.create({
    data: { id: "m1", name: "Mila Manager", email: "m1@x.test", passwordHash: "x", role: "MANAGER" },
  });
});
afterAll(closeTestDb);

async function event(actor: Actor, action: string, locationId: string | null, subjectId?: string) {
  await ctx.db.$transaction((tx) =>
    recordAudit(tx, actor, { action, locationId, subjectType: "Visit", subjectId, at: ctx.clock.now() }),
  );
  ctx.clock.advance(MINUTE);
}

describe("audit log", () => {
  it("scopes a manager to their locations and names the actor", async () => {
    await event(manager, "visit.checked_in", "loc-a", "v1");
    await event(admin, "visit.checked_in", "loc-b", "v2");
    await event({ type: "SYSTEM" }, "privacy.retention_run", null);
    const seen = await queryAuditLog(ctx, manager, {});
    expect(seen.rows.map((r) => r.subjectId)).toEqual(["v1"]);
    expect(seen.rows[0]).toMatchObject({ actorName: "Mila Manager", actorType: "STAFF", sealed: false });
    const all = await queryAuditLog(ctx, privacy, { action: "visit.checked_in" });
    expect(all.rows.map((r) => r.subjectId)).toEqual(["v2", "v1"]);
    expect((await queryAuditLog(ctx, admin, { actor: "SYSTEM", action: "privacy." })).rows).toHaveLength(1);
  });

  it("filters by subject and time, and pages newest first", async () => {
    for (let i = 0; i < AUDIT_PAGE_SIZE + 5; i++) await event(admin, "visit.updated", "loc-a", `v${i}`);
    const first = await queryAuditLog(ctx, admin, { action: "visit.updated" });
    expect(first.rows).toHaveLength(AUDIT_PAGE_SIZE);
    expect(first.rows[0].subjectId).toBe(`v${AUDIT_PAGE_SIZE + 4}`);
    const second = await queryAuditLog(ctx, admin, { action: "visit.updated", before: first.nextBefore ?? 0 });
    expect(second.rows.map((r) => r.subjectId)).toEqual(["v4", "v3", "v2", "v1", "v0"]);
    expect(second.nextBefore).toBeNull();
    expect((await queryAuditLog(ctx, admin, { subjectType: "Visit", subjectId: "v7" })).rows).toHaveLength(1);
    const t0 = (await ctx.db.auditEvent.findFirstOrThrow({ where: { subjectId: "v10" } })).at;
    const window = await queryAuditLog(ctx, admin, {
      action: "visit.updated",
      from: t0,
      to: new Date(t0.getTime() + 2 * MINUTE),
    });
    expect(window.rows.map((r) => r.subjectId)).toEqual(["v12", "v11", "v10"]);
  });

  it("records every look, and refuses roles without audit.view", async () => {
    await queryAuditLog(ctx, manager, { action: "visit." });
    const looks = await ctx.db.auditEvent.findMany({ where: { action: "audit.searched" } });
    expect(looks).toHaveLength(1);
    expect(looks[0]).toMatchObject({ actorId: "m1" });
    expect(JSON.parse(looks[0].data ?? "{}")).toMatchObject({ action: "visit." });
    await expect(queryAuditLog(ctx, staffActorOf("s1", "STAFF", ["loc-a"]), {})).rejects.toThrow(AppError);
    await expect(queryAuditLog(ctx, staffActorOf("r1", "RECEPTION", ["loc-a"]), {})).rejects.toThrow(AppError);
  });
});
