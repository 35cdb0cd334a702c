// The one Prisma client of the process, shared by the custom server and Next's route modules
// through a globalThis key (they get separate module instances). DATABASE_URL decides the
// database: SQLite (file:, the embedded default) runs in WAL mode with durable commits
// (synchronous=FULL), so an alarm or check-in that was acknowledged is on disk; PostgreSQL
// (postgresql://) runs on @prisma/adapter-pg with its own generated client (Prisma refuses an
// adapter whose provider differs from the schema's: scripts/generate-postgresql-client.mjs).

import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/src/generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "@/src/generated/prisma-postgresql/client";
import { databaseProvider } from "@/src/server/database-url";
import { serialPgTransactionsFactory } from "@/src/server/serial-pg-transaction";
import { serialAdapterFactory } from "@/src/server/serial-sqlite-adapter";
import { statementCacheFactory } from "@/src/server/sqlite-statement-cache";

const postgresClients = new WeakSet<object>();

export function createPrismaClient(url: string): PrismaClient {
  if (databaseProvider(url) === "postgresql") {
    // Same schema, same model API: the PostgreSQL client is used through the SQLite client's types.
    const pool = Number(process.env.PORTIER_PG_POOL_SIZE) || 10;
    const adapter = serialPgTransactionsFactory(new PrismaPg({ connectionString: url, max: pool }));
    const client = new PostgresPrismaClient({ adapter });
    postgresClients.add(client);
    return client as unknown as PrismaClient;
  }
  const file = url.replace(/^file:/, "");
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const adapter = serialAdapterFactory(statementCacheFactory(new PrismaBetterSqlite3({ url, timeout: 5000 })));
  return new PrismaClient({ adapter });
}

/** Whether this client talks to PostgreSQL (the scheduler's claim uses SKIP LOCKED there). */
export function isPostgres(db: object): boolean {
  return postgresClients.has(db);
}

/** Applies the pragmas Portier relies on (SQLite; nothing to do on PostgreSQL); call once after creating a client. */
export async function tuneSqlite(db: PrismaClient): Promise<void> {
  if (isPostgres(db)) return;
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await db.$queryRawUnsafe("PRAGMA synchronous = FULL");
  await db.$queryRawUnsafe("PRAGMA foreign_keys = ON");
}
