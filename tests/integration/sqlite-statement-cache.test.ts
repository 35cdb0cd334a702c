// The compiled-statement cache under Prisma's better-sqlite3 adapter: the same SQL with other
// arguments gives the other rows (a cached statement is never stuck with its first binding),
// reads and writes and transactions work, and the cache really is in use.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/src/server/db";
import { cacheStatements, statementCacheFactory } from "@/src/server/sqlite-statement-cache";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portier-stmt-cache-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("cacheStatements on a better-sqlite3 connection", () => {
  it("binds each call's own arguments to the cached statement", () => {
    const db = new Database(":memory:");
    const cache = cacheStatements(db);
    db.prepare("CREATE TABLE t (id INTEGER, name TEXT)").run();
    for (const [id, name] of [
      [1, "Anna"],
      [2, "Bram"],
      [3, "Cem"],
    ] as const) {
      db.prepare("INSERT INTO t (id, name) VALUES (?, ?)").bind([id, name]).run();
    }
    const select = (id: number) => {
      const stmt = db.prepare("SELECT name FROM t WHERE id = ?").bind([id]);
      expect(stmt.reader).toBe(true);
      expect(stmt.columns().map((c) => c.name)).toEqual(["name"]);
      return stmt.raw().all();
    };
    expect(select(2)).toEqual([["Bram"]]);
    expect(select(3)).toEqual([["Cem"]]);
    expect(select(9)).toEqual([]);
    expect(db.prepare("INSERT INTO t (id, name) VALUES (?, ?)").bind([4, "Dina"]).reader).toBe(false);
    expect(cache.size()).toBe(3); // CREATE, INSERT, SELECT: compiled once each
  });

  it("keeps at most `size` statements, dropping the least recently used", () => {
    const db = new Database(":memory:");
    const cache = cacheStatements(db, 2);
    for (const n of [1, 2, 3, 1]) expect(db.prepare(`SELECT ${n}`).bind([]).raw().all()).toEqual([[n]]);
    expect(cache.size()).toBe(2);
  });
});

describe("Prisma on the cached adapter", () => {
  it("is in use on the adapter's connection (a Prisma upgrade that renames it fails here)", async () => {
    const factory = statementCacheFactory(new PrismaBetterSqlite3({ url: `file:${path.join(dir, "probe.db")}` }));
    const adapter = (await factory.connect()) as unknown as {
      client: { prepare: { name: string } };
      dispose(): Promise<void>;
    };
    expect(adapter.client.prepare.name).toBe("patched");
    await adapter.dispose();
  });

  it("reads, writes and rolls back as before", async () => {
    const db = createPrismaClient(`file:${path.join(dir, "cache.db")}`);
    await db.$executeRawUnsafe("CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
    for (let i = 1; i <= 5; i++) await db.$executeRaw`INSERT INTO note (id, body) VALUES (${i}, ${`note ${i}`})`;
    for (let i = 1; i <= 5; i++) {
      expect(await db.$queryRaw`SELECT body FROM note WHERE id = ${i}`).toEqual([{ body: `note ${i}` }]);
    }
    await expect(
      db.$transaction(async (tx) => {
        await tx.$executeRaw`INSERT INTO note (id, body) VALUES (${6}, ${"rolled back"})`;
        throw new Error("undo");
      }),
    ).rejects.toThrow("undo");
    expect(await db.$queryRaw`SELECT COUNT(*) AS n FROM note`).toEqual([{ n: 5n }]);
    await db.$disconnect();
  });
});
