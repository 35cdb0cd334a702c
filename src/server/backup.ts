// SQLite backups while Portier runs, with SQLite's VACUUM INTO (one consistent snapshot):
// the running server keeps writing (WAL mode) while the copy is read in one read transaction.
// Restore puts a checked backup in place of the database file (with the server stopped).
// PostgreSQL installations use pg_dump / pg_restore (docs/operations.md).
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { databaseProvider } from "@/src/server/database-url";

function sqliteFile(url: string): string {
  if (databaseProvider(url) !== "sqlite") {
    throw new Error("npm run db:backup / db:restore are for SQLite (file:) databases: use pg_dump / pg_restore");
  }
  const file = url.replace(/^file:/, "");
  if (file === ":memory:") throw new Error("An in-memory database has nothing to back up");
  return path.resolve(file);
}

/** A file name for a backup made at `at`: portier-2026-11-29T10-15-00Z.db. */
export function backupFileName(at: Date): string {
  return `portier-${at
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/:/g, "-")}.db`;
}

/** Whether an SQLite file is intact (PRAGMA integrity_check) and has Portier's migration table. */
export function checkSqliteFile(file: string): { ok: boolean; detail: string } {
  if (!fs.existsSync(file)) return { ok: false, detail: `${file} does not exist` };
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = db.pragma("integrity_check", { simple: true });
    if (integrity !== "ok") return { ok: false, detail: `integrity_check: ${String(integrity)}` };
    const migrations = db
      .prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'")
      .get() as { n: number };
    if (!migrations.n) return { ok: false, detail: "not a Portier database (no _prisma_migrations table)" };
    return { ok: true, detail: "ok" };
  } catch (err) {
    return { ok: false, detail: err instanceof Error ? err.message : String(err) };
  } finally {
    db.close();
  }
}

/**
 * Copies the live database to `dest` with `VACUUM INTO`, then checks the copy. It reads one
 * consistent snapshot in a single read transaction, so the running server's writes (WAL mode)
 * neither wait nor spoil it. (The online backup API restarts its copy after every write by
 * another connection: under steady writes it never finished — a CI run timed out on it.)
 */
export async function backupSqlite(url: string, dest: string): Promise<{ file: string; bytes: number }> {
  const source = sqliteFile(url);
  if (!fs.existsSync(source)) throw new Error(`No database at ${source}`);
  fs.mkdirSync(path.dirname(path.resolve(dest)), { recursive: true });
  if (fs.existsSync(dest)) throw new Error(`${dest} exists already: a backup never overwrites a file`);
  const db = new Database(source, { fileMustExist: true, timeout: 5000 });
  try {
    db.prepare("VACUUM INTO ?").run(path.resolve(dest));
  } finally {
    db.close();
  }
  // One self-contained file: the copy leaves WAL mode (no -wal/-shm beside it).
  const copy = new Database(dest);
  try {
    copy.pragma("journal_mode = DELETE");
  } finally {
    copy.close();
  }
  const check = checkSqliteFile(dest);
  if (!check.ok) throw new Error(`The backup ${dest} failed its check: ${check.detail}`);
  return { file: path.resolve(dest), bytes: fs.statSync(dest).size };
}

/**
 * Puts the backup `from` in place of the database of `url` (Portier must be stopped). The current
 * file, if any, is kept beside it as <name>.before-restore-<time>; its -wal/-shm files are moved too.
 */
export function restoreSqlite(from: string, url: string, at: Date = new Date()): { replaced: string | null } {
  const target = sqliteFile(url);
  const check = checkSqliteFile(from);
  if (!check.ok) throw new Error(`Not restoring ${from}: ${check.detail}`);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  let replaced: string | null = null;
  if (fs.existsSync(target)) {
    replaced = `${target}.before-restore-${at.toISOString().replace(/[:.]/g, "-")}`;
    fs.renameSync(target, replaced);
  }
  for (const suffix of ["-wal", "-shm"]) {
    if (fs.existsSync(target + suffix)) fs.renameSync(target + suffix, (replaced ?? target) + suffix);
  }
  fs.copyFileSync(from, target);
  return { replaced };
}
