// better-sqlite3 compiles SQL on every prepare(), and Prisma's better-sqlite3 adapter prepares
// each query anew (`client.prepare(sql).bind(args)`, then `run()` or `columns()` + `raw().all()`).
// Compiling was ~9% of the alarm bench's CPU (profiled; an A/B of simple reads: 5% less CPU per
// query with the cache, the long multi-row inserts gain more). This keeps compiled
// statements per SQL text and hands the adapter a fresh binding each time instead (a
// better-sqlite3 Statement can be bound only once, so the cached one runs with the arguments).
// Statements run synchronously, so one cached statement is never in use twice at once; SQLite
// recompiles a cached statement by itself after a schema change.

import type { SqlDriverAdapter, SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type BetterSqlite3 from "better-sqlite3";

/** Distinct SQL texts kept; Portier has a few hundred (multi-row inserts differ by row count). */
export const STATEMENT_CACHE_SIZE = 1000;

type Statement = BetterSqlite3.Statement<unknown[]>;

/** What the adapter uses of a prepared statement, bound to one call's arguments. */
function boundTo(stmt: Statement, args: unknown[]) {
  return {
    reader: stmt.reader,
    run: () => stmt.run(...args),
    columns: () => stmt.columns(),
    raw: () => ({ all: () => stmt.raw(true).all(...args) }),
  };
}

export function cacheStatements(db: BetterSqlite3.Database, size = STATEMENT_CACHE_SIZE) {
  const prepare = db.prepare.bind(db) as (sql: string) => Statement;
  const cache = new Map<string, Statement>();
  const cached = (sql: string) => {
    let stmt = cache.get(sql);
    if (stmt) {
      cache.delete(sql); // most recently used last
    } else {
      stmt = prepare(sql);
      if (cache.size >= size) cache.delete(cache.keys().next().value as string);
    }
    cache.set(sql, stmt);
    return stmt;
  };
  const patched = (sql: string) => {
    const stmt = cached(sql);
    return { reader: stmt.reader, run: () => stmt.run(), bind: (args: unknown[]) => boundTo(stmt, args) };
  };
  (db as unknown as { prepare: typeof patched }).prepare = patched;
  return { size: () => cache.size };
}

/** Wraps the adapter factory so each connection it opens keeps its compiled statements. */
export function statementCacheFactory<F extends SqlDriverAdapterFactory>(factory: F): F {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter: SqlDriverAdapter & { client?: BetterSqlite3.Database } = await connect();
    // The adapter's connection is its `client` field; without one (another adapter version)
    // statements are simply compiled each time, as before.
    if (adapter.client && typeof adapter.client.prepare === "function") cacheStatements(adapter.client);
    return adapter;
  };
  return factory;
}
