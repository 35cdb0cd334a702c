// One real database per vitest worker, built by the real migrations (the same code path as
// `npm run db:migrate`). Test files in a worker run one after another and share that database;
// call resetDb() between tests so each starts empty. SQLite by default; with
// PORTIER_TEST_DATABASE=postgresql (`npm run test:postgres`) each worker gets its own PostgreSQL
// database on PORTIER_TEST_POSTGRES_URL's server, dropped again at the end of the run.
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { inject } from "vitest";
import { ManualClock } from "@/src/domain/clock";
import type { Db, DomainContext } from "@/src/domain/db";
import { isPostgresClient } from "@/src/domain/db-provider";
import { EventBus } from "@/src/domain/events/event-bus";
import { createPrismaClient, tuneSqlite } from "@/src/server/db";
import { deployMigrations } from "@/src/server/migrations";

export const PRISMA_DIR = path.resolve(import.meta.dirname, "../../prisma");
/** A fixed start time for the ManualClock: a Tuesday morning in Amsterdam (CET, UTC+1). */
export const T0 = new Date("2026-03-10T09:00:00+01:00");

export interface TestContext extends DomainContext {
  clock: ManualClock;
}

/** This worker's database file (migrated on first use in the worker). */
export function testDbFile(): string {
  return path.join(inject("testDbDir"), `worker-${process.env.VITEST_POOL_ID ?? "0"}.db`);
}

/** The provider this run tests against. */
export const TEST_PROVIDER: "sqlite" | "postgresql" =
  process.env.PORTIER_TEST_DATABASE === "postgresql" ? "postgresql" : "sqlite";

/** The PostgreSQL server of PostgreSQL runs (its maintenance database). */
export const TEST_POSTGRES_URL = process.env.PORTIER_TEST_POSTGRES_URL ?? "postgresql://root@127.0.0.1:5432/postgres";

/** The prefix of this run's PostgreSQL databases (global-setup drops them at the end). */
export function testPgPrefix(dir: string = inject("testDbDir")): string {
  return `portier_t_${path
    .basename(dir)
    .replace(/[^a-zA-Z0-9]/g, "")
    .toLowerCase()}_`;
}

export const testDbUrl = (): string => {
  if (TEST_PROVIDER === "sqlite") return `file:${testDbFile()}`;
  const u = new URL(TEST_POSTGRES_URL);
  u.pathname = `/${testPgPrefix()}${process.env.VITEST_POOL_ID ?? "0"}`;
  return u.toString();
};

/** Creates the database of a PostgreSQL URL on its server unless it exists. */
export async function createPgDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = target.pathname.slice(1);
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}

let client: Promise<Db> | null = null;

async function open(): Promise<Db> {
  const url = testDbUrl();
  const ready = `${testDbFile()}.migrated`;
  if (!fs.existsSync(ready)) {
    if (TEST_PROVIDER === "postgresql") await createPgDatabase(url);
    await deployMigrations({ url, prismaDir: PRISMA_DIR });
    fs.writeFileSync(ready, new Date().toISOString());
  }
  const db = createPrismaClient(url);
  await tuneSqlite(db);
  return db;
}

/** The worker's migrated database (one client per test file). */
export function testDb(): Promise<Db> {
  client ??= open();
  return client;
}

/** The HMAC key of test contexts. */
export const TEST_HMAC_KEY = "test-hmac-key-0123456789abcdef0123456789";

/** A domain context on the worker's database, with a ManualClock at `start` and a fresh EventBus. */
export async function testContext(start: Date | string = T0): Promise<TestContext> {
  return { db: await testDb(), clock: new ManualClock(start), events: new EventBus(), hmacKey: TEST_HMAC_KEY };
}

/** The names of the application's tables (and _prisma_migrations), on either database. */
export async function tableNames(db: Db): Promise<string[]> {
  const rows = await db.$queryRawUnsafe<{ name: string }[]>(
    isPostgresClient(db)
      ? "SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()"
      : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
  );
  return rows.map((r) => r.name);
}

/** Deletes every row of every table (not the migration history), so the next test starts empty. */
export async function resetDb(db?: Db): Promise<void> {
  const d = db ?? (await testDb());
  if (isPostgresClient(d)) {
    const rows = await d.$queryRawUnsafe<{ tablename: string }[]>(
      "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations'",
    );
    if (rows.length) await d.$executeRawUnsafe(`TRUNCATE ${rows.map((r) => `"${r.tablename}"`).join(", ")} CASCADE`);
    return;
  }
  const tables = await d.$queryRawUnsafe<{ name: string }[]>(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'",
  );
  await d.$executeRawUnsafe("PRAGMA foreign_keys = OFF");
  try {
    for (const { name } of tables) await d.$executeRawUnsafe(`DELETE FROM "${name}"`);
  } finally {
    await d.$executeRawUnsafe("PRAGMA foreign_keys = ON");
  }
}

/** Closes this file's client (afterAll); the next test file in the worker opens a new one. */
export async function closeTestDb(): Promise<void> {
  if (!client) return;
  const db = await client;
  client = null;
  await db.$disconnect();
}
