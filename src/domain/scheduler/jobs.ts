import type { Db, Tx } from "@/src/domain/db";

export interface NewJob {
  kind: string;
  dueAt: Date;
  payload?: Record<string, unknown>;
  /** With a key, scheduling again moves the one pending job instead of adding another. */
  key?: string;
}

/** Stores a job with a due time; the scheduler loop runs it then, also after a restart. */
export async function scheduleJob(db: Db | Tx, job: NewJob) {
  const payload = JSON.stringify(job.payload ?? {});
  if (!job.key) return db.scheduledJob.create({ data: { kind: job.kind, dueAt: job.dueAt, payload } });
  return db.scheduledJob.upsert({
    where: { key: job.key },
    create: { kind: job.kind, key: job.key, dueAt: job.dueAt, payload },
    update: {
      kind: job.kind,
      dueAt: job.dueAt,
      payload,
      status: "PENDING",
      attempts: 0,
      lastError: null,
      lockedBy: null,
      lockedUntil: null,
      finishedAt: null,
    },
  });
}

/**
 * Several new jobs in one statement, for keys that cannot exist yet because they name a record
 * created in the same transaction (an alarm's escalation steps when it opens). Anything else
 * schedules with `scheduleJob`, which keeps one job per key.
 */
export async function createJobs(db: Db | Tx, jobs: (NewJob & { key: string })[]) {
  if (!jobs.length) return;
  await db.scheduledJob.createMany({
    data: jobs.map((j) => ({ kind: j.kind, key: j.key, dueAt: j.dueAt, payload: JSON.stringify(j.payload ?? {}) })),
  });
}

/** Cancels a pending job by key (a visitor picked up, an alarm acknowledged…). */
export async function cancelJob(db: Db | Tx, key: string): Promise<boolean> {
  const { count } = await db.scheduledJob.deleteMany({ where: { key, status: "PENDING" } });
  return count > 0;
}
