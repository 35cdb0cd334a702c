import { type Actor, actorRef } from "@/src/domain/access/actor";
import type { Tx } from "@/src/domain/db";

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

/** Appends several audit events in one statement (in this order), inside the caller's transaction. */
export async function recordAudits(tx: Tx, events: { actor: Actor; input: AuditInput }[]): Promise<void> {
  if (!events.length) return;
  await tx.auditEvent.createMany({ data: events.map((e) => auditRow(e.actor, e.input)) });
}
