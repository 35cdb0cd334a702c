// The audit trail's own retention on a real database: sealed events older than the period are
// deleted behind a checkpoint; the chain stays verifiable from the checkpoint's hash (also across
// later cuts and when every older event is gone); a hand-edited event after the cut is still
// found; a broken chain is never pruned; every cut and refusal is itself audited.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { systemActor } from "@/src/domain/access/actor";
import { SEAL_DELAY_MS, sealAuditTrail, verifyAuditTrail } from "@/src/domain/audit/audit-chain";
import { auditPruneJob, pruneAuditTrail } from "@/src/domain/audit/audit-retention";
import { recordAudit } from "@/src/domain/audit/record-audit";
import { closeTestDb, resetDb, type TestContext, testContext } from "@/tests/helpers/test-db";

const DAY = 24 * 60 * 60 * 1000;
let ctx: TestContext;

beforeEach(async () => {
  ctx = await testContext();
  await resetDb(ctx.db);
});
afterAll(closeTestDb);

async function record(n: number, label: string) {
  for (let i = 0; i < n; i++) {
    await ctx.db.$transaction((tx) =>
      recordAudit(tx, systemActor, { action: `test.${label}`, data: { i }, at: ctx.clock.now() }),
    );
  }
}
async function sealNow() {
  ctx.clock.advance(SEAL_DELAY_MS);
  await sealAuditTrail(ctx.db, ctx.clock.now());
}

describe("audit trail retention", () => {
  it("cuts old events behind a checkpoint; the chain stays verifiable and still finds an edit", async () => {
    await record(5, "old");
    await sealNow();
    ctx.clock.advance(40 * DAY);
    await record(3, "new");
    await sealNow();
    const before = await verifyAuditTrail(ctx.db);
    expect(before).toMatchObject({ ok: true, checked: 8 });
    const oldIds = (await ctx.db.auditEvent.findMany({ where: { action: "test.old" }, orderBy: { id: "asc" } })).map(
      (e) => e.id,
    );
    const lastOld = await ctx.db.auditEvent.findUniqueOrThrow({ where: { id: oldIds[4] } });

    const result = await pruneAuditTrail(ctx, 30);
    expect(result).toEqual({ pruned: 5, checkpoint: { lastEventId: lastOld.id, lastHash: lastOld.hash } });
    expect(await ctx.db.auditEvent.count({ where: { action: "test.old" } })).toBe(0);
    const cut = await ctx.db.auditEvent.findFirstOrThrow({ where: { action: "audit.trail_pruned" } });
    expect(JSON.parse(cut.data as string)).toMatchObject({
      pruned: 5,
      throughId: lastOld.id,
      checkpointHash: lastOld.hash,
    });

    await sealNow();
    const after = await verifyAuditTrail(ctx.db);
    expect(after).toMatchObject({ ok: true, checked: 4, breaks: [] }); // 3 new + the prune event
    expect(after.checkpoint).toMatchObject({ lastEventId: lastOld.id, lastHash: lastOld.hash, pruned: 5 });
    // A head hash written down before the cut is still in the chain.
    expect(await ctx.db.auditEvent.count({ where: { hash: before.head } })).toBe(1);

    // An edit after the cut is still found.
    const firstNew = await ctx.db.auditEvent.findFirstOrThrow({
      where: { action: "test.new" },
      orderBy: { id: "asc" },
    });
    await ctx.db.$executeRawUnsafe(`UPDATE "AuditEvent" SET "data" = '{"i":42}' WHERE "id" = ${firstNew.id}`);
    expect(await verifyAuditTrail(ctx.db)).toMatchObject({
      ok: false,
      breaks: [{ id: firstNew.id, reason: "altered" }],
    });
  });

  it("a second cut goes on from the first; the sealer goes on from a checkpoint when every sealed event is gone", async () => {
    await record(2, "a");
    await sealNow();
    ctx.clock.advance(40 * DAY);
    await record(2, "b");
    await sealNow();
    expect((await pruneAuditTrail(ctx, 30)).pruned).toBe(2);
    await sealNow();
    ctx.clock.advance(40 * DAY);
    // Everything sealed so far is older than the period: all of it is cut.
    const second = await pruneAuditTrail(ctx, 30);
    expect(second.pruned).toBeGreaterThan(0);
    expect(await ctx.db.auditCheckpoint.count()).toBe(2);
    await record(2, "c");
    await sealNow();
    expect(await verifyAuditTrail(ctx.db)).toMatchObject({ ok: true, breaks: [] });
  });

  it("never prunes a broken chain, and says so in the trail", async () => {
    await record(4, "old");
    await sealNow();
    const ids = (await ctx.db.auditEvent.findMany({ orderBy: { id: "asc" } })).map((e) => e.id);
    await ctx.db.$executeRawUnsafe(`UPDATE "AuditEvent" SET "action" = 'test.forged' WHERE "id" = ${ids[1]}`);
    ctx.clock.advance(40 * DAY);
    await record(1, "new");
    await sealNow();
    const result = await pruneAuditTrail(ctx, 30);
    expect(result).toMatchObject({ pruned: 0, refused: "broken" });
    expect(await ctx.db.auditEvent.count({ where: { action: { startsWith: "test." } } })).toBe(5);
    expect(await ctx.db.auditEvent.count({ where: { action: "audit.prune_refused" } })).toBe(1);
    expect(await ctx.db.auditCheckpoint.count()).toBe(0);
  });

  it("keeps everything with a period of 0; the daily job schedules its next run", async () => {
    await record(3, "old");
    await sealNow();
    ctx.clock.advance(4000 * DAY);
    expect(await pruneAuditTrail(ctx, 0)).toEqual({ pruned: 0, checkpoint: null });
    await auditPruneJob(ctx, 0);
    expect(await ctx.db.auditEvent.count()).toBe(3);
    const job = await ctx.db.scheduledJob.findUniqueOrThrow({ where: { key: "audit.prune" } });
    expect(job).toMatchObject({ kind: "audit.prune", status: "PENDING" });
    expect(job.dueAt.getTime()).toBe(ctx.clock.now().getTime() + DAY);
    expect(JSON.parse(job.payload)).toEqual({ keepDays: 0 });
  });
});
