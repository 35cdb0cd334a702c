import path from "node:path";
import { migrationStatus } from "@/src/server/migrations";
import { domain, runtime } from "@/src/server/runtime";
import pkg from "@/package.json";

const MIGRATION_CHECK_TTL_MS = 60_000;
let migrationCache: { at: number; pending: string[] | null } | null = null;

/** Pending migrations, re-checked at most once a minute (the check starts a schema engine). */
async function pendingMigrations(url: string): Promise<string[] | null> {
  if (migrationCache && Date.now() - migrationCache.at < MIGRATION_CHECK_TTL_MS) return migrationCache.pending;
  let pending: string[] | null;
  try {
    const s = await migrationStatus({ url, prismaDir: path.resolve("prisma") });
    pending = [...s.pending, ...s.failed];
  } catch (err) {
    console.error("[health] migration check failed:", err);
    pending = null;
  }
  migrationCache = { at: Date.now(), pending };
  return pending;
}

export async function loadHealth() {
  const rt = runtime();
  let database: "ok" | "unreachable" = "unreachable";
  try {
    const ctx = await domain();
    await ctx.db.$queryRawUnsafe("SELECT 1");
    database = "ok";
  } catch (err) {
    console.error("[health] database check failed:", err);
  }
  const { config } = await import("@/src/server/config");
  const pending = database === "ok" ? await pendingMigrations(config().databaseUrl) : null;
  const realtime = rt.realtime ? "ok" : "down";
  const ok = database === "ok" && realtime === "ok" && pending !== null && pending.length === 0;
  return {
    status: ok ? ("ok" as const) : ("degraded" as const),
    version: pkg.version,
    database,
    realtime: { status: realtime, connections: rt.realtime?.connectedSockets() ?? 0 },
    migrations: { pending: pending ?? "unknown" },
    time: rt.ctx.clock.now().toISOString(),
  };
}
