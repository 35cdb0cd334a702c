// Retention of the audit trail itself. Sealed events older than the retention period
// (PORTIER_AUDIT_RETENTION_DAYS, default 1826 days ≈ 5 years; 0 keeps everything) are deleted by a
// daily job, and the cut is kept as an AuditCheckpoint row with the hash of the last deleted
// event: the walk (verifyAuditTrail) and the sealer go on from that hash, so the chain stays
// verifiable and a head hash written down before the cut still proves the newer events. The part
// to be cut is verified first: a broken chain is never pruned (that would destroy the evidence);
// the refusal is an audit event. Every cut is an audit event too, chained like any other.
import { systemActor } from "@/src/domain/access/actor";
import { latestCheckpoint, verifyAuditTrail } from "@/src/domain/audit/audit-chain";
import { recordAudit } from "@/src/domain/audit/record-audit";
import type { DomainContext } from "@/src/domain/db";
import { scheduleJob } from "@/src/domain/scheduler/jobs";

export const AUDIT_PRUNE_JOB = "audit.prune";
const AUDIT_PRUNE_KEY = "audit.prune";
const DAY_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_AUDIT_RETENTION_DAYS = 1826;

export type PruneResult =
  | { pruned: number; checkpoint: { lastEventId: number; lastHash: string } | null }
  | { pruned: 0; refused: "broken"; breaks: number[] };

/** Deletes the sealed events older than `keepDays` (0: none) behind a checkpoint. */
export async function pruneAuditTrail(ctx: DomainContext, keepDays: number): Promise<PruneResult> {
  if (!(keepDays > 0)) return { pruned: 0, checkpoint: null };
  const now = ctx.clock.now();
  const cutoff = new Date(now.getTime() - keepDays * DAY_MS);
  const previousCut = await latestCheckpoint(ctx.db);
  // The newest sealed event older than the cutoff; everything up to it goes (when that is every
  // event, the sealer and the walk go on from the checkpoint's hash).
  const last = await ctx.db.auditEvent.findFirst({
    where: { hash: { not: null }, at: { lt: cutoff }, id: { gt: previousCut?.lastEventId ?? 0 } },
    orderBy: { id: "desc" },
    select: { id: true, hash: true },
  });
  if (!last?.hash) return { pruned: 0, checkpoint: null };
  const walk = await verifyAuditTrail(ctx.db);
  const before = walk.breaks.filter((b) => b.id <= last.id + 1).map((b) => b.id);
  if (before.length) {
    await ctx.db.$transaction((tx) =>
      recordAudit(tx, systemActor, {
        action: "audit.prune_refused",
        data: { throughId: last.id, breaks: before.slice(0, 20) },
        at: now,
      }),
    );
    return { pruned: 0, refused: "broken", breaks: before };
  }
  const hash = last.hash;
  const pruned = await ctx.db.$transaction(async (tx) => {
    const gone = await tx.auditEvent.deleteMany({ where: { id: { lte: last.id } } });
    await tx.auditCheckpoint.create({
      data: { at: now, lastEventId: last.id, lastHash: hash, pruned: gone.count },
    });
    await recordAudit(tx, systemActor, {
      action: "audit.trail_pruned",
      data: { pruned: gone.count, throughId: last.id, checkpointHash: hash, olderThan: cutoff.toISOString(), keepDays },
      at: now,
    });
    return gone.count;
  });
  return { pruned, checkpoint: { lastEventId: last.id, lastHash: hash } };
}

/** The daily job: schedules the next run first (a failing pass never ends the chain of runs), then prunes. */
export async function auditPruneJob(ctx: DomainContext, keepDays: number): Promise<void> {
  await scheduleAuditPrune(ctx, keepDays, new Date(ctx.clock.now().getTime() + DAY_MS));
  await pruneAuditTrail(ctx, keepDays);
}

/** At start: the job runs soon with the configured period (a changed period takes effect). */
export async function scheduleAuditPrune(ctx: DomainContext, keepDays: number, dueAt = ctx.clock.now()) {
  await scheduleJob(ctx.db, { kind: AUDIT_PRUNE_JOB, key: AUDIT_PRUNE_KEY, dueAt, payload: { keepDays } });
}
