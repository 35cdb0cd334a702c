import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/src/server/db";
import { deployMigrations, migrationStatus, migrationsDirFor } from "@/src/server/migrations";
import { PRISMA_DIR } from "@/tests/helpers/test-db";

const migrationNames = (url: string) =>
  fs
    .readdirSync(migrationsDirFor(PRISMA_DIR, url), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();

describe("migrations on SQLite", () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "portier-migrate-"));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("apply on a fresh database, then nothing is pending", async () => {
    const url = `file:${path.join(dir, "fresh.db")}`;
    const all = migrationNames(url);
    expect(all.length).toBeGreaterThan(0);

    const before = await migrationStatus({ url, prismaDir: PRISMA_DIR });
    expect(before.pending).toEqual(all);
    expect(before.inSync).toBe(false);

    expect(await deployMigrations({ url, prismaDir: PRISMA_DIR })).toEqual(all);

    const after = await migrationStatus({ url, prismaDir: PRISMA_DIR });
    expect(after).toEqual({ pending: [], failed: [], inSync: true });

    // Deploying again applies nothing, and the schema is really there.
    expect(await deployMigrations({ url, prismaDir: PRISMA_DIR })).toEqual([]);
    const db = createPrismaClient(url);
    try {
      expect(await db.staffMember.count()).toBe(0);
      expect(await db.scheduledJob.count()).toBe(0);
    } finally {
      await db.$disconnect();
    }
  });
});

const PG_URL = process.env.PORTIER_TEST_POSTGRES_URL ?? "postgresql://root@127.0.0.1:5432/postgres";

/** Whether a PostgreSQL server answers at PG_URL (within 2 s). */
async function postgresReachable(): Promise<boolean> {
  const u = new URL(PG_URL);
  const client = new pg.Client({
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username) || undefined,
    database: u.pathname.slice(1),
    connectionTimeoutMillis: 2000,
  });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

// A user's own machine needs no PostgreSQL: there the test is skipped with a note when none
// answers. CI (CI=true) has one, so there an unreachable server fails the test loudly.
const skipPostgres = process.env.PORTIER_SKIP_POSTGRES === "1" || (!process.env.CI && !(await postgresReachable()));
if (skipPostgres && process.env.PORTIER_SKIP_POSTGRES !== "1") {
  console.warn(
    `PostgreSQL is not reachable at ${new URL(PG_URL).host}: the PostgreSQL migration test is skipped (CI runs it).`,
  );
}

describe.skipIf(skipPostgres)("migrations on PostgreSQL", () => {
  const base = new URL(PG_URL);
  const name = `portier_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const url = Object.assign(new URL(PG_URL), { pathname: `/${name}` }).toString();
  let admin: pg.Client | null = null;

  beforeAll(async () => {
    const client = new pg.Client({
      host: base.hostname,
      port: Number(base.port || 5432),
      user: decodeURIComponent(base.username) || undefined,
      password: decodeURIComponent(base.password) || undefined,
      database: decodeURIComponent(base.pathname.slice(1)) || "postgres",
      connectionTimeoutMillis: 5000,
    });
    try {
      await client.connect();
    } catch (err) {
      throw new Error(
        `PostgreSQL is unreachable at ${base.host} (${err instanceof Error ? err.message : err}). ` +
          "Start it (pg_ctlcluster --skip-systemctl-redirect <version> main start), point " +
          "PORTIER_TEST_POSTGRES_URL at one, or set PORTIER_SKIP_POSTGRES=1 to skip this test.",
      );
    }
    admin = client;
    await admin.query(`CREATE DATABASE "${name}"`);
  });

  afterAll(async () => {
    if (!admin) return;
    try {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    } finally {
      await admin.end();
    }
  });

  it("apply on a fresh database, then nothing is pending", async () => {
    const all = migrationNames(url);
    expect(all.length).toBeGreaterThan(0);

    const before = await migrationStatus({ url, prismaDir: PRISMA_DIR });
    expect(before.pending).toEqual(all);

    expect(await deployMigrations({ url, prismaDir: PRISMA_DIR })).toEqual(all);
    expect(await migrationStatus({ url, prismaDir: PRISMA_DIR })).toEqual({ pending: [], failed: [], inSync: true });
    expect(await deployMigrations({ url, prismaDir: PRISMA_DIR })).toEqual([]);

    const tables = await admin!.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_database WHERE datname = $1", [
      name,
    ]);
    expect(tables.rows[0].n).toBe(1);
    const check = new pg.Client({
      host: base.hostname,
      port: Number(base.port || 5432),
      user: base.username,
      database: name,
    });
    await check.connect();
    try {
      const { rows } = await check.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
      );
      const names = rows.map((r) => r.table_name);
      for (const t of ["StaffMember", "Device", "ScheduledJob", "AuditEvent", "_prisma_migrations"]) {
        expect(names).toContain(t);
      }
    } finally {
      await check.end();
    }
  });
});
