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
