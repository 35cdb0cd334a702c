// The one Prisma client of the process, shared by the custom server and Next's route modules
// through a globalThis key (they get separate module instances). SQLite runs in WAL mode with
// durable commits (synchronous=FULL): an alarm or check-in that was acknowledged is on disk.

import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/src/generated/prisma/client";
import { databaseProvider } from "@/src/server/database-url";
import { serialAdapterFactory } from "@/src/server/serial-sqlite-adapter";
import { statementCacheFactory } from "@/src/server/sqlite-statement-cache";

export function createPrismaClient(url: string): PrismaClient {
  if (databaseProvider(url) !== "sqlite") {
    throw new Error(
      "This build of Portier runs on SQLite (file: URLs); PostgreSQL is supported for migrations only so far.",
    );
  }
  const file = url.replace(/^file:/, "");
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const adapter = serialAdapterFactory(statementCacheFactory(new PrismaBetterSqlite3({ url, timeout: 5000 })));
  return new PrismaClient({ adapter });
}

/** Applies the pragmas Portier relies on; call once after creating a client. */
export async function tuneSqlite(db: PrismaClient): Promise<void> {
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await db.$queryRawUnsafe("PRAGMA synchronous = FULL");
  await db.$queryRawUnsafe("PRAGMA foreign_keys = ON");
}
