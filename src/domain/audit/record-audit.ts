import { type Actor, actorRef } from "@/src/domain/access/actor";
import type { Tx } from "@/src/domain/db";
import { isPostgresClient, storedDateText } from "@/src/domain/db-provider";

export interface AuditInput {
  action: string;
  subjectType?: string;
  subjectId?: string;
  locationId?: string | null;
  /** Details of the change; never secrets, codes or document data. */
  data?: Record<string, unknown>;
  at: Date;
}

function auditRow(actor: Actor, input: AuditInput) {
  return {
    ...actorRef(actor),
    at: input.at,
    action: input.action,
    subjectType: input.subjectType ?? null,
    subjectId: input.subjectId ?? null,
    locationId: input.locationId ?? null,
    data: input.data ? JSON.stringify(input.data) : null,
  };
}

/** Appends one audit event inside the caller's transaction, so the change and its record commit together. */
export async function recordAudit(tx: Tx, actor: Actor, input: AuditInput): Promise<void> {
  await tx.auditEvent.create({ data: auditRow(actor, input) });
}

/**
 * Appends several audit events in one statement (in this order), inside the caller's transaction:
 * one INSERT … SELECT over the rows as ONE JSON parameter. Prisma compiles every `createMany` anew
 * (its query plan cache leaves createMany out) at ~0.1 ms per row on the main thread: the audit
 * events of 1,000 delivery receipts cost ~90 ms of CPU per alarm, beside the page still going out
 * (bench/scale.bench.ts, profiled). A raw statement is not compiled, and one parameter is bound once.
 */
export async function recordAudits(tx: Tx, events: { actor: Actor; input: AuditInput }[]): Promise<void> {
  if (!events.length) return;
  const rows = JSON.stringify(
    events.map((e) => {
      const row = auditRow(e.actor, e.input);
      return { ...row, at: storedDateText(row.at) };
    }),
  );
  await (isPostgresClient(tx)
    ? tx.$executeRaw`INSERT INTO "AuditEvent" ("at", "actorType", "actorId", "action", "subjectType", "subjectId", "locationId", "data")
        SELECT CAST(e.v->>'at' AS timestamp(3)), e.v->>'actorType', e.v->>'actorId', e.v->>'action',
          e.v->>'subjectType', e.v->>'subjectId', e.v->>'locationId', e.v->>'data'
        FROM json_array_elements(CAST(${rows} AS json)) WITH ORDINALITY AS e(v, n) ORDER BY e.n`
    : tx.$executeRaw`INSERT INTO "AuditEvent" ("at", "actorType", "actorId", "action", "subjectType", "subjectId", "locationId", "data")
        SELECT value->>'at', value->>'actorType', value->>'actorId', value->>'action',
          value->>'subjectType', value->>'subjectId', value->>'locationId', value->>'data'
        FROM json_each(${rows}) ORDER BY key`);
}
