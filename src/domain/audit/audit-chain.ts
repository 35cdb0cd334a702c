// The audit trail is tamper-evident: every event carries a SHA-256 over the previous event's hash
// and its own fields, so editing, inserting or deleting an event in the middle breaks every hash
// after it. Events are written without a hash (the hot paths stay one INSERT) and sealed in id
// order shortly afterwards by sealAuditTrail, which the server runs every few seconds. Sealing is
// deterministic: two processes sealing at once write the same hashes.
// Limits, stated honestly: deleting the newest events (after the last one anybody verified) cannot
// be told from them never having existed; anyone with write access to the database can recompute
// the whole chain. Verification results and an exported head hash, kept elsewhere, close that gap.
import { createHash } from "node:crypto";
import type { Db, DomainContext } from "@/src/domain/db";
import type { AuditEvent } from "@/src/generated/prisma/client";

/** The hash the first event is chained to. */
export const GENESIS = "portier-audit-genesis";
/**
 * Only events at least this old are sealed: on PostgreSQL a transaction that took an id earlier
 * may commit a little later, and sealing past it would leave it outside the chain.
 */
export const SEAL_DELAY_MS = 5_000;
const BATCH = 500;

type Sealable = Pick<
  AuditEvent,
  "id" | "at" | "actorType" | "actorId" | "action" | "subjectType" | "subjectId" | "locationId" | "data"
>;

/** The chain hash of one event after the one whose hash is `previous`. */
export function eventHash(previous: string, e: Sealable): string {
  const fields = [
    e.id,
    e.at.toISOString(),
    e.actorType,
    e.actorId,
    e.action,
    e.subjectType,
    e.subjectId,
    e.locationId,
    e.data,
  ];
  return createHash("sha256").update(previous).update("\n").update(JSON.stringify(fields)).digest("hex");
}

/** The newest retention cut (src/domain/audit/audit-retention.ts), or null: the chain starts at GENESIS. */
export async function latestCheckpoint(db: Db) {
  return db.auditCheckpoint.findFirst({ orderBy: { id: "desc" } });
}

/** Seals the unsealed events older than SEAL_DELAY_MS, in id order. Returns how many. */
export async function sealAuditTrail(db: Db, now: Date): Promise<number> {
  let sealed = 0;
  for (;;) {
    const last = await db.auditEvent.findFirst({
      where: { hash: { not: null } },
      orderBy: { id: "desc" },
      select: { id: true, hash: true },
    });
    // Every sealed event was cut by retention: the chain goes on from the checkpoint.
    const cut = last ? null : await latestCheckpoint(db);
    const next = await db.auditEvent.findMany({
      where: { hash: null, id: { gt: last?.id ?? cut?.lastEventId ?? 0 } },
      orderBy: { id: "asc" },
      take: BATCH,
    });
    // The chain grows in id order only: sealing stops at the first event that is not old enough
    // yet. An event written with a later time than the ones after it (another process's clock a
    // little ahead) would otherwise be skipped and left outside the chain for good.
    const cutoff = now.getTime() - SEAL_DELAY_MS;
    const young = next.findIndex((e) => e.at.getTime() > cutoff);
    const batch = young === -1 ? next : next.slice(0, young);
    if (batch.length === 0) return sealed;
    let previous = last?.hash ?? cut?.lastHash ?? GENESIS;
    const hashes = batch.map((e) => {
      previous = eventHash(previous, e);
      return { id: e.id, hash: previous };
    });
    await db.$transaction(async (tx) => {
      for (const h of hashes)
        await tx.auditEvent.updateMany({ where: { id: h.id, hash: null }, data: { hash: h.hash } });
    });
    sealed += batch.length;
    if (batch.length < BATCH) return sealed;
  }
}

export interface ChainBreak {
  id: number;
  reason: "altered" | "unsealed_inside_chain";
}

export interface VerifyResult {
  ok: boolean;
  /** Sealed events whose hash was recomputed. */
  checked: number;
  /** Events not sealed yet at the end of the chain (the newest few seconds). */
  pending: number;
  breaks: ChainBreak[];
  /** The hash of the last sealed event: write it down elsewhere to notice deleted newest events. */
  head: string | null;
  /** The id of that event. */
  headId: number | null;
  /** Where retention cut the trail: the walk starts from that hash instead of the genesis. */
  checkpoint: { lastEventId: number; lastHash: string; at: string; pruned: number } | null;
}

/**
 * Walks the whole trail in id order and recomputes every hash. An altered, inserted or deleted
 * event shows as a break at the first event whose hash no longer fits.
 */
export async function verifyAuditTrail(db: Db): Promise<VerifyResult> {
  const cut = await latestCheckpoint(db);
  const result: VerifyResult = {
    ok: true,
    checked: 0,
    pending: 0,
    breaks: [],
    head: cut?.lastHash ?? null,
    headId: cut?.lastEventId ?? null,
    checkpoint: cut
      ? { lastEventId: cut.lastEventId, lastHash: cut.lastHash, at: cut.at.toISOString(), pruned: cut.pruned }
      : null,
  };
  let previous = cut?.lastHash ?? GENESIS;
  let unsealedRun: number[] = [];
  // Events at or before the cut should be gone; one left over is outside the chain.
  if (cut) {
    const leftOver = await db.auditEvent.findMany({
      where: { id: { lte: cut.lastEventId } },
      select: { id: true },
      orderBy: { id: "asc" },
      take: 100,
    });
    for (const e of leftOver) result.breaks.push({ id: e.id, reason: "unsealed_inside_chain" });
  }
  let after = cut?.lastEventId ?? 0;
  for (;;) {
    const batch = await db.auditEvent.findMany({ where: { id: { gt: after } }, orderBy: { id: "asc" }, take: 1000 });
    if (batch.length === 0) break;
    for (const e of batch) {
      after = e.id;
      if (e.hash == null) {
        unsealedRun.push(e.id);
        continue;
      }
      // Unsealed events followed by a sealed one were skipped by the chain.
      for (const id of unsealedRun) result.breaks.push({ id, reason: "unsealed_inside_chain" });
      unsealedRun = [];
      const expected = eventHash(previous, e);
      if (expected !== e.hash) result.breaks.push({ id: e.id, reason: "altered" });
      previous = e.hash; // continue from the stored hash, so one edit is reported once
      result.checked++;
      result.head = e.hash;
      result.headId = e.id;
    }
  }
  result.pending = unsealedRun.length;
  result.ok = result.breaks.length === 0;
  return result;
}

/** Seals every `intervalMs` (the server runs one; more processes are harmless). */
export function startAuditSealer(ctx: DomainContext, intervalMs = 5_000): { stop(): void } {
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const loop = async () => {
    try {
      await sealAuditTrail(ctx.db, ctx.clock.now());
    } catch (err) {
      console.error("[audit] sealing failed:", err);
    }
    if (!stopped) timer = setTimeout(loop, intervalMs);
  };
  timer = setTimeout(loop, intervalMs);
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
