// The tamper-evident audit trail on a real database: events are sealed in id order once they are
// a few seconds old, the verify walk accepts an untouched trail and reports a hand-edited, a
// deleted and a skipped event exactly where the chain breaks.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { systemActor } from "@/src/domain/access/actor";
import { eventHash, GENESIS, SEAL_DELAY_MS, sealAuditTrail, verifyAuditTrail } from "@/src/domain/audit/audit-chain";
import { recordAudit } from "@/src/domain/audit/record-audit";
import { closeTestDb, resetDb, type TestContext, testContext } from "@/tests/helpers/test-db";

let ctx: TestContext;

beforeEach(async () => {
  ctx = await testContext();
  await resetDb(ctx.db);
});
afterAll(closeTestDb);

async function record(n: number) {
  for (let i = 0; i < n; i++) {
    await ctx.db.$transaction((tx) =>
      recordAudit(tx, systemActor, {
        action: "visit.checked_in",
        subjectType: "Visit",
        subjectId: `v${i}`,
        locationId: "loc-a",
        data: { n: i },
        at: ctx.clock.now(),
      }),
    );
  }
  return (await ctx.db.auditEvent.findMany({ orderBy: { id: "asc" }, select: { id: true } })).map((e) => e.id);
}

const seal = () => sealAuditTrail(ctx.db, ctx.clock.now());

describe("audit chain", () => {
  it("seals events in id order once they are old enough, chained from the genesis hash", async () => {
    const ids = await record(3);
    expect(await seal()).toBe(0); // too new: a transaction with an earlier id may still commit
    ctx.clock.advance(SEAL_DELAY_MS);
    expect(await seal()).toBe(3);
    expect(await seal()).toBe(0);
    const rows = await ctx.db.auditEvent.findMany({ orderBy: { id: "asc" } });
    expect(rows.map((r) => r.id)).toEqual(ids);
    expect(rows[0].hash).toBe(eventHash(GENESIS, rows[0]));
    expect(rows[2].hash).toBe(eventHash(rows[1].hash as string, rows[2]));

    await record(2);
    ctx.clock.advance(SEAL_DELAY_MS);
    expect(await seal()).toBe(2);
    const verified = await verifyAuditTrail(ctx.db);
    expect(verified).toMatchObject({ ok: true, checked: 5, pending: 0, breaks: [] });
    expect(verified.head).toBe((await ctx.db.auditEvent.findFirstOrThrow({ orderBy: { id: "desc" } })).hash);
  });

  it("stops at the first event not old enough: one written with a later time is never skipped", async () => {
    // Another process's clock a few seconds ahead: its event has a later time than the next ones.
    const write = (at: Date, n: number) =>
      ctx.db.$transaction((tx) =>
        recordAudit(tx, systemActor, { action: "visit.checked_in", subjectType: "Visit", data: { n }, at }),
      );
    await write(ctx.clock.now(), 0);
    await write(new Date(ctx.clock.now().getTime() + 4_000), 1);
    await write(ctx.clock.now(), 2);
    ctx.clock.advance(SEAL_DELAY_MS);
    expect(await seal()).toBe(1); // the second is not old enough yet, so the third waits for it
    ctx.clock.advance(4_000);
    expect(await seal()).toBe(2);
    expect(await verifyAuditTrail(ctx.db)).toMatchObject({ ok: true, checked: 3, pending: 0, breaks: [] });
  });

  it("reports a hand-edited event, and only that one", async () => {
    const ids = await record(5);
    ctx.clock.advance(SEAL_DELAY_MS);
    await seal();
    await ctx.db.$executeRawUnsafe(`UPDATE "AuditEvent" SET "data" = '{"n":99}' WHERE "id" = ${ids[2]}`);
    expect(await verifyAuditTrail(ctx.db)).toMatchObject({ ok: false, breaks: [{ id: ids[2], reason: "altered" }] });
  });

  it("reports a deleted event at the next one, and an event left out of the chain", async () => {
    const ids = await record(5);
    ctx.clock.advance(SEAL_DELAY_MS);
    await seal();
    await ctx.db.auditEvent.delete({ where: { id: ids[1] } });
    expect((await verifyAuditTrail(ctx.db)).breaks).toEqual([{ id: ids[2], reason: "altered" }]);

    await ctx.db.auditEvent.update({ where: { id: ids[3] }, data: { hash: null } });
    const result = await verifyAuditTrail(ctx.db);
    expect(result.breaks).toContainEqual({ id: ids[3], reason: "unsealed_inside_chain" });
    expect(result.ok).toBe(false);
  });

  it("counts the newest unsealed events as pending, not as a break", async () => {
    await record(2);
    ctx.clock.advance(SEAL_DELAY_MS);
    await seal();
    await record(1);
    expect(await verifyAuditTrail(ctx.db)).toMatchObject({ ok: true, checked: 2, pending: 1 });
  });
});
