import type { Db, DomainContext } from "@/src/domain/db";
import { isPostgresClient } from "@/src/domain/db-provider";

export type JobHandler = (ctx: DomainContext, payload: Record<string, unknown>) => Promise<void>;
export type JobHandlers = Record<string, JobHandler>;

export const MAX_ATTEMPTS = 5;
/** How long a claimed job stays reserved for its worker; after that another worker may take it. */
export const LEASE_MS = 60_000;

export interface RunResult {
  done: number;
  failed: number;
  retried: number;
}

/**
 * Runs every job that is due: claims each one (so two workers never both run it), calls its
 * handler, and marks it done — or schedules a retry with back-off, up to MAX_ATTEMPTS.
 * A job whose worker died mid-run is taken over once its lease has expired.
 */
export async function runDueJobs(
  ctx: DomainContext,
  handlers: JobHandlers,
  workerId: string,
  limit = 50,
): Promise<RunResult> {
  const now = ctx.clock.now();
  const result: RunResult = { done: 0, failed: 0, retried: 0 };
  if (isPostgresClient(ctx.db)) {
    // PostgreSQL: one job at a time with SELECT … FOR UPDATE SKIP LOCKED, so several processes
    // share the due jobs without waiting on each other's row locks, and each job runs once.
    for (let i = 0; i < limit; i++) {
      const job = await claimNextSkipLocked(ctx.db, workerId, now);
      if (!job) break;
      await runClaimed(ctx, handlers, workerId, job, result);
    }
    return result;
  }
  // SQLite (one writer at a time): read the due jobs, then claim each with a conditional update.
  const due = await ctx.db.scheduledJob.findMany({
    where: {
      OR: [
        { status: "PENDING", dueAt: { lte: now } },
        { status: "RUNNING", lockedUntil: { lt: now } },
      ],
    },
    orderBy: { dueAt: "asc" },
    take: limit,
  });
  for (const job of due) {
    const claimed = await ctx.db.scheduledJob.updateMany({
      where: { id: job.id, status: job.status, attempts: job.attempts },
      data: {
        status: "RUNNING",
        lockedBy: workerId,
        lockedUntil: new Date(now.getTime() + LEASE_MS),
        attempts: job.attempts + 1,
      },
    });
    if (claimed.count !== 1) continue; // another worker has it
    await runClaimed(ctx, handlers, workerId, { ...job, attempts: job.attempts + 1 }, result);
  }
  return result;
}

/** A job this worker has claimed; `attempts` counts this run. */
interface ClaimedJob {
  id: string;
  kind: string;
  payload: string;
  attempts: number;
}

/**
 * Claims the most overdue job (due and pending, or running with an expired lease) for this
 * worker in one statement. Rows another worker holds locked are skipped, not waited for.
 */
async function claimNextSkipLocked(db: Db, workerId: string, now: Date): Promise<ClaimedJob | null> {
  const lockedUntil = new Date(now.getTime() + LEASE_MS);
  const rows = await db.$queryRaw<ClaimedJob[]>`
    UPDATE "ScheduledJob"
       SET "status" = 'RUNNING', "lockedBy" = ${workerId}, "lockedUntil" = ${lockedUntil}, "attempts" = "attempts" + 1
     WHERE "id" = (
       SELECT "id" FROM "ScheduledJob"
        WHERE ("status" = 'PENDING' AND "dueAt" <= ${now}) OR ("status" = 'RUNNING' AND "lockedUntil" < ${now})
        ORDER BY "dueAt"
        LIMIT 1
        FOR UPDATE SKIP LOCKED)
    RETURNING "id", "kind", "payload", "attempts"`;
  return rows[0] ?? null;
}

async function runClaimed(
  ctx: DomainContext,
  handlers: JobHandlers,
  workerId: string,
  job: ClaimedJob,
  result: RunResult,
): Promise<void> {
  const handler = handlers[job.kind];
  try {
    if (!handler) throw new Error(`no handler for job kind "${job.kind}"`);
    await handler(ctx, JSON.parse(job.payload) as Record<string, unknown>);
    // Done — unless the handler scheduled its own key again (a recurring job): then it is PENDING
    // for its next run and stays so.
    await ctx.db.scheduledJob.updateMany({
      where: { id: job.id, status: "RUNNING", lockedBy: workerId },
      data: { status: "DONE", finishedAt: ctx.clock.now(), lockedBy: null, lockedUntil: null, lastError: null },
    });
    result.done++;
  } catch (err) {
    const attempts = job.attempts;
    const giveUp = attempts >= MAX_ATTEMPTS;
    const message = err instanceof Error ? err.message : String(err);
    await ctx.db.scheduledJob.update({
      where: { id: job.id },
      data: giveUp
        ? { status: "FAILED", finishedAt: ctx.clock.now(), lastError: message, lockedBy: null, lockedUntil: null }
        : {
            status: "PENDING",
            dueAt: new Date(ctx.clock.now().getTime() + 1000 * 2 ** attempts),
            lastError: message,
            lockedBy: null,
            lockedUntil: null,
          },
    });
    if (giveUp) result.failed++;
    else result.retried++;
    console.error(`[scheduler] job ${job.kind} ${job.id} failed (attempt ${attempts}): ${message}`);
  }
}
