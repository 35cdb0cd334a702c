// A throw-away Portier for the check-in bench: a fresh SQLite file in a temp folder, migrated by the
// real migrations, seeded with the demo data, and `kiosks` kiosk devices registered and paired the
// way an admin and a kiosk do it (registerDevice → pairing code → pairDevice → credential cookie).
// The process-wide runtime (src/server/runtime.ts) is pointed at it, so the kiosk route handlers
// run against it unchanged; `close()` restores the runtime, disconnects and deletes the folder.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Actor } from "../../src/domain/access/actor";
import { systemClock } from "../../src/domain/clock";
import type { DomainContext } from "../../src/domain/db";
import { pairDevice, registerDevice } from "../../src/domain/devices/devices";
import { EventBus } from "../../src/domain/events/event-bus";
import { DEMO_LOCATIONS, seedDemo } from "../../src/domain/seed/demo-seed";
import { DEVICE_COOKIE } from "../../src/server/auth/device-cookie";
import { createPrismaClient, tuneSqlite } from "../../src/server/db";
import { deployMigrations } from "../../src/server/migrations";
import type { Runtime } from "../../src/server/runtime";

const PRISMA_DIR = path.resolve(import.meta.dirname, "../../prisma");
const RUNTIME_KEY = Symbol.for("portier.runtime");
type G = typeof globalThis & { [RUNTIME_KEY]?: Runtime };

/** The demo's appointment location: no capacity limit, house rules v1 published in five languages. */
export const BENCH_LOCATION = "loc-centrum";

export interface BenchSite {
  dir: string;
  dbFile: string;
  ctx: DomainContext;
  /** One `cookie` header value per paired kiosk. */
  kioskCookies: string[];
  /** A copy of the database file as it was after seeding and pairing (for a baseline). */
  copyDatabase(to: string): Promise<void>;
  close(): Promise<void>;
}

/** `databaseUrl`: an empty, existing PostgreSQL database instead of the temp SQLite file (bench/scale.bench.ts). */
export async function makeBenchSite(kiosks: number, databaseUrl?: string): Promise<BenchSite> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portier-bench-checkin-"));
  const dbFile = path.join(dir, "portier.db");
  const url = databaseUrl ?? `file:${dbFile}`;
  const g = globalThis as G;
  const previousRuntime = g[RUNTIME_KEY];
  let db: ReturnType<typeof createPrismaClient> | null = null;
  const close = async () => {
    if (previousRuntime) g[RUNTIME_KEY] = previousRuntime;
    else delete g[RUNTIME_KEY];
    await db?.$disconnect();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await deployMigrations({ url, prismaDir: PRISMA_DIR });
    db = createPrismaClient(url);
    await tuneSqlite(db);
    // No subscribers on this bus: no socket.io, no realtime fan-out (the custom server adds those).
    const ctx: DomainContext = {
      db,
      clock: systemClock,
      events: new EventBus(),
      hmacKey: randomBytes(32).toString("base64url"),
    };
    await seedDemo(db, ctx.hmacKey);
    const location = DEMO_LOCATIONS.find((l) => l.id === BENCH_LOCATION);
    if (!location || location.capacity !== null) throw new Error(`${BENCH_LOCATION} must have no capacity limit`);
    if (!(await db.houseRules.count({ where: { locationId: BENCH_LOCATION, publishedAt: { not: null } } }))) {
      throw new Error(`${BENCH_LOCATION} has no published house rules`);
    }

    g[RUNTIME_KEY] = { ctx, testClock: null, ready: Promise.resolve(), realtime: null, tickScheduler: null };

    const admin: Actor = { type: "STAFF", id: "staff-admin", role: "ADMIN", locationIds: [BENCH_LOCATION] };
    const kioskCookies: string[] = [];
    for (let i = 0; i < kiosks; i++) {
      const { pairingCode } = await registerDevice(ctx, admin, {
        name: `Bench kiosk ${i + 1}`,
        kind: "KIOSK",
        locationId: BENCH_LOCATION,
      });
      const { credential } = await pairDevice(ctx, pairingCode);
      kioskCookies.push(`${DEVICE_COOKIE}=${encodeURIComponent(credential)}`);
    }

    const prisma = db;
    const copyDatabase = async (to: string) => {
      // Fold the WAL into the main file first, so the copy holds everything.
      await prisma.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
      fs.copyFileSync(dbFile, to);
    };
    return { dir, dbFile, ctx, kioskCookies, copyDatabase, close };
  } catch (err) {
    await close();
    throw err;
  }
}
