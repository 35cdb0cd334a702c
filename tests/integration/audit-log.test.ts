// Reading the audit trail: managers see their own locations' events only, admins and the privacy
// officer everything; filters by actor, action (exact or prefix), subject and time; pages of 50,
// newest first; every look is itself recorded.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/src/domain/access/actor";
import { AUDIT_PAGE_SIZE, queryAuditLog } from "@/src/domain/audit/audit-log";
import { recordAudit, recordAudits } from "@/src/domain/audit/record-audit";
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

  it("writes several events in one statement exactly as one at a time: in order, times, nulls, details", async () => {
    const at = new Date("2026-03-04T05:06:07.089Z");
    const later = new Date(at.getTime() + 1);
    const one = { action: "alarm.delivered", subjectType: "Alarm", subjectId: "al1", locationId: "loc-a", at };
    await ctx.db.$transaction((tx) => recordAudit(tx, manager, { ...one, data: { staffId: "s0", quote: "'\"ü" } }));
    await ctx.db.$transaction((tx) =>
      recordAudits(tx, [
        { actor: manager, input: { ...one, data: { staffId: "s0", quote: "'\"ü" } } },
        { actor: { type: "SYSTEM" }, input: { action: "alarm.opened", at: later } },
        { actor: admin, input: { ...one, subjectId: "al2", data: { staffId: "s2" }, at: later } },
      ]),
    );
    const rows = await ctx.db.auditEvent.findMany({ orderBy: { id: "asc" } });
    const fields = ({ id: _id, ...rest }: (typeof rows)[number]) => rest;
    // The single insert (Prisma's own) and the first of the batch are the same event.
    expect(fields(rows[1])).toEqual(fields(rows[0]));
    expect(rows.slice(1).map((r) => [r.action, r.actorType, r.actorId, r.subjectId, r.at.toISOString()])).toEqual([
      ["alarm.delivered", "STAFF", "m1", "al1", at.toISOString()],
      ["alarm.opened", "SYSTEM", null, null, later.toISOString()],
      ["alarm.delivered", "STAFF", "a1", "al2", later.toISOString()],
    ]);
    expect(rows[2]).toMatchObject({ subjectType: null, locationId: null, data: null });
    expect(JSON.parse(rows[1].data ?? "")).toEqual({ staffId: "s0", quote: "'\"ü" });
    // Stored as the database's own timestamps: a time filter sees them.
    expect(await ctx.db.auditEvent.count({ where: { at: { gt: at } } })).toBe(2);
    expect(await ctx.db.auditEvent.count({ where: { at } })).toBe(2);
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
