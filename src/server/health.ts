import fs from "node:fs";
import path from "node:path";
import pkg from "@/package.json";
import { config } from "@/src/server/config";
import { databaseProvider } from "@/src/server/database-url";
import { domain, runtime } from "@/src/server/runtime";

/** Migration folders that the database has not (successfully) applied yet. */
async function pendingMigrations(): Promise<string[]> {
  const dir = path.resolve(
    "prisma",
    databaseProvider(config().databaseUrl) === "postgresql" ? "migrations-postgresql" : "migrations",
  );
  const onDisk = fs.existsSync(dir)
    ? fs
        .readdirSync(dir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
    : [];
  const ctx = await domain();
  const applied = await ctx.db.$queryRawUnsafe<{ migration_name: string }[]>(
    "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
  );
  const done = new Set(applied.map((r) => r.migration_name));
  return onDisk.filter((name) => !done.has(name)).sort();
}

export async function loadHealth() {
  const rt = runtime();
  let database: "ok" | "unreachable" = "unreachable";
  let pending: string[] | "unknown" = "unknown";
  try {
    const ctx = await domain();
    await ctx.db.$queryRawUnsafe("SELECT 1");
    database = "ok";
    pending = await pendingMigrations();
  } catch (err) {
    console.error("[health] database check failed:", err instanceof Error ? err.message : err);
  }
  const realtime = rt.realtime ? "ok" : "down";
  // Several processes: without Redis this process's pagers miss what the others publish, so a
  // lost Redis link takes the process out of a load balancer's rotation.
  const cluster = rt.cluster?.status() ?? null;
  const ok =
    database === "ok" &&
    realtime === "ok" &&
    cluster?.state !== "disconnected" &&
    Array.isArray(pending) &&
    pending.length === 0;
  return {
    status: ok ? ("ok" as const) : ("degraded" as const),
    version: pkg.version,
    database,
    realtime: { status: realtime, connections: rt.realtime?.connectedSockets() ?? 0 },
    migrations: { pending },
    // The hardware buttons' MQTT link. Reported, but not part of `status`: a broker outage is shown
    // on the desk and must not make a load balancer take Portier itself out of service.
    buttons: { mqtt: rt.buttonLink?.status() ?? { state: "off" as const } },
    // Redis of several processes (absent: one process, in-process realtime).
    cluster: cluster ?? { state: "off" as const },
    time: rt.ctx.clock.now().toISOString(),
  };
}
