// One real SQLite database per vitest worker, built by the real migrations (the same code path as
// `npm run db:migrate`). Test files in a worker run one after another and share that database;
// call resetDb() between tests so each starts empty.
import fs from "node:fs";
import path from "node:path";
import { inject } from "vitest";
import { ManualClock } from "@/src/domain/clock";
import type { Db, DomainContext } from "@/src/domain/db";
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

export const testDbUrl = (): string => `file:${testDbFile()}`;

let client: Promise<Db> | null = null;

async function open(): Promise<Db> {
  const file = testDbFile();
  const ready = `${file}.migrated`;
  if (!fs.existsSync(ready)) {
    await deployMigrations({ url: `file:${file}`, prismaDir: PRISMA_DIR });
    fs.writeFileSync(ready, new Date().toISOString());
  }
  const db = createPrismaClient(`file:${file}`);
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

/** Deletes every row of every table (not the migration history), so the next test starts empty. */
export async function resetDb(db?: Db): Promise<void> {
  const d = db ?? (await testDb());
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
