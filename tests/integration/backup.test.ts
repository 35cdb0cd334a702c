// SQLite backups (npm run db:backup / db:restore): the online backup API copies a live database
// while another connection writes to it; the copy restores to a database Portier opens, with its
// migrations in sync and exactly the rows that were there; a damaged file is refused.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backupFileName, backupSqlite, checkSqliteFile, restoreSqlite } from "@/src/server/backup";
import { createPrismaClient, tuneSqlite } from "@/src/server/db";
import { deployMigrations, migrationStatus } from "@/src/server/migrations";
import { PRISMA_DIR } from "@/tests/helpers/test-db";

let dir: string;
let liveUrl: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "portier-backup-"));
  liveUrl = `file:${path.join(dir, "live.db")}`;
  await deployMigrations({ url: liveUrl, prismaDir: PRISMA_DIR });
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const organisations = async (url: string) => {
  const db = createPrismaClient(url);
  try {
    return await db.organisation.count();
  } finally {
    await db.$disconnect();
  }
};

describe("SQLite backup and restore", () => {
  it("backs up a database that is being written to, and restores it to a working database", async () => {
    const live = createPrismaClient(liveUrl);
    await tuneSqlite(live);
    for (let i = 0; i < 50; i++) await live.organisation.create({ data: { name: `Org ${i}` } });
    // Writes go on while the backup runs (WAL mode, like the running server).
    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing) {
        await live.organisation.create({ data: { name: `During ${written++}` } });
        await new Promise((r) => setImmediate(r));
      }
    })();
    const dest = path.join(dir, "backups", backupFileName(new Date("2026-11-29T10:15:00Z")));
    expect(path.basename(dest)).toBe("portier-2026-11-29T10-15-00Z.db");
    const { bytes } = await backupSqlite(liveUrl, dest);
    writing = false;
    await writer;
    expect(bytes).toBeGreaterThan(0);
    expect(checkSqliteFile(dest)).toEqual({ ok: true, detail: "ok" });
    const inBackup = await organisations(`file:${dest}`);
    expect(inBackup).toBeGreaterThanOrEqual(50);
    expect(inBackup).toBeLessThanOrEqual(50 + written);
    await expect(backupSqlite(liveUrl, dest)).rejects.toThrow(/exists already/);

    // Restore over an existing database: the old file is kept aside, the backup's rows are back.
    const targetUrl = `file:${path.join(dir, "restored.db")}`;
    await deployMigrations({ url: targetUrl, prismaDir: PRISMA_DIR });
    const { replaced } = restoreSqlite(dest, targetUrl, new Date("2026-11-29T11:00:00Z"));
    expect(replaced && fs.existsSync(replaced)).toBe(true);
    expect(await organisations(targetUrl)).toBe(inBackup);
    expect(await migrationStatus({ url: targetUrl, prismaDir: PRISMA_DIR })).toEqual({
      pending: [],
      failed: [],
      inSync: true,
    });
    await live.$disconnect();
  });

  it("refuses to restore a damaged or foreign file, and leaves the database alone", async () => {
    const junk = path.join(dir, "junk.db");
    fs.writeFileSync(junk, "this is not a database");
    const targetUrl = `file:${path.join(dir, "keep.db")}`;
    await deployMigrations({ url: targetUrl, prismaDir: PRISMA_DIR });
    expect(() => restoreSqlite(junk, targetUrl)).toThrow(/Not restoring/);
    expect(checkSqliteFile(path.join(dir, "keep.db")).ok).toBe(true);
  });

  it("npm run db:backup writes a checked copy into the given folder", () => {
    const folder = path.join(dir, "cli");
    fs.mkdirSync(folder);
    const out = execFileSync(path.resolve("node_modules/.bin/tsx"), ["scripts/db-backup.ts", folder], {
      env: { ...process.env, DATABASE_URL: liveUrl },
      encoding: "utf8",
    });
    expect(out).toMatch(/Backup written and checked/);
    const files = fs.readdirSync(folder);
    expect(files).toHaveLength(1);
    expect(checkSqliteFile(path.join(folder, files[0])).ok).toBe(true);
  });
});
