import type { Clock } from "@/src/domain/clock";
import type { EventBus } from "@/src/domain/events/event-bus";
import type { PrismaClient } from "@/src/generated/prisma/client";

export type Db = PrismaClient;
/** The client handed to a `db.$transaction(async (tx) => …)` callback. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

/** What every domain function needs: the database, the time, where to publish events, and the key for keyed hashes and signatures. */
export interface DomainContext {
  db: Db;
  clock: Clock;
  events: EventBus;
  /** Server secret for HMACs (badge codes, document numbers) and signed tokens (invites). */
  hmacKey: string;
}

/**
 * Independent reads: at once on the client (each on its own pooled connection on PostgreSQL), one
 * after another inside a transaction (one connection; Prisma does not run a transaction's queries
 * in parallel, and queries racing on it are not safe).
 */
export async function readAll<T extends readonly unknown[]>(
  db: Db | Tx,
  reads: { readonly [K in keyof T]: () => Promise<T[K]> },
): Promise<T> {
  if (!isTransaction(db)) return (await Promise.all(reads.map((read) => read()))) as unknown as T;
  const out: unknown[] = [];
  for (const read of reads) out.push(await read());
  return out as unknown as T;
}

/** Whether `db` is a transaction's client: Prisma gives it no `$connect` (tests/integration/read-all.test.ts). */
export function isTransaction(db: Db | Tx): boolean {
  return typeof (db as { $connect?: unknown }).$connect !== "function";
}
