// Counts and times every statement that better-sqlite3 runs in this process (the Prisma adapter
// calls run() or raw().all() on a prepared statement), and how long each transaction stays open
// (BEGIN → COMMIT/ROLLBACK). Only for diagnosis passes: install, run, read, uninstall — never around
// timed work, though its cost is one function call per statement.
import Database from "better-sqlite3";

export interface ProbeReport {
  statements: number;
  /** ms inside better-sqlite3 (SQLite itself, including fsync at COMMIT). */
  sqliteMs: number;
  commits: number;
  commitMs: number;
  /** Statements per table (the first table after FROM / INTO / UPDATE), plus BEGIN / COMMIT. */
  byTable: Map<string, { n: number; ms: number }>;
  /** BEGIN → COMMIT/ROLLBACK, ms. */
  txOpen: number[];
  /** Statements that ran while a transaction was open on the connection (its own and others'). */
  statementsWhileTxOpen: number;
}

const METHODS = ["run", "all", "get"] as const;

function tableOf(sql: string): string {
  const s = sql.trim();
  const verb = /^(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|PRAGMA)/i.exec(s);
  if (verb) return verb[1].toUpperCase();
  const m = /(?:FROM|INTO|UPDATE)\s+(?:`main`\.)?[`"]?(\w+)/i.exec(s);
  const kind = /^\s*(\w+)/.exec(s)?.[1]?.toUpperCase() ?? "?";
  return `${kind} ${m?.[1] ?? "?"}`;
}

export function installSqliteProbe() {
  const report: ProbeReport = {
    statements: 0,
    sqliteMs: 0,
    commits: 0,
    commitMs: 0,
    byTable: new Map(),
    txOpen: [],
    statementsWhileTxOpen: 0,
  };
  let openSince = 0;
  const probe = new Database(":memory:");
  const proto = Object.getPrototypeOf(probe.prepare("SELECT 1")) as Record<string, unknown>;
  probe.close();
  const originals = METHODS.map((m) => [m, proto[m]] as const);
  for (const [method, original] of originals) {
    proto[method] = function (this: { source: string }, ...args: unknown[]) {
      const t0 = performance.now();
      const table = tableOf(this.source);
      if (table === "BEGIN") openSince = t0;
      else if (openSince) report.statementsWhileTxOpen++;
      try {
        return (original as (...a: unknown[]) => unknown).apply(this, args);
      } finally {
        const t1 = performance.now();
        report.statements++;
        report.sqliteMs += t1 - t0;
        const e = report.byTable.get(table) ?? { n: 0, ms: 0 };
        e.n++;
        e.ms += t1 - t0;
        report.byTable.set(table, e);
        if (table === "COMMIT") {
          report.commits++;
          report.commitMs += t1 - t0;
        }
        if ((table === "COMMIT" || table === "ROLLBACK") && openSince) {
          report.txOpen.push(t1 - openSince);
          openSince = 0;
        }
      }
    };
  }
  return {
    report,
    uninstall() {
      for (const [method, original] of originals) proto[method] = original;
    },
  };
}
