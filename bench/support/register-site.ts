// A throw-away Portier for the register bench: a fresh SQLite file in a temp folder, migrated by the
// real migrations, seeded with the demo data, then filled to 1,000 people present at one location:
// STAFF_PRESENT staff signed in and VISITORS_PRESENT open visits (half waiting, half with a host in
// a room). Rows are written in a few large transactions (set-up, not measured).
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { systemClock } from "../../src/domain/clock";
import type { DomainContext } from "../../src/domain/db";
import { EventBus } from "../../src/domain/events/event-bus";
import { seedDemo } from "../../src/domain/seed/demo-seed";
import { createPrismaClient, tuneSqlite } from "../../src/server/db";
import { deployMigrations } from "../../src/server/migrations";

const PRISMA_DIR = path.resolve(import.meta.dirname, "../../prisma");
export const REGISTER_LOCATION = "loc-centrum";
export const STAFF_PRESENT = 100;
export const VISITORS_PRESENT = 900;

export interface RegisterSite {
  dbFile: string;
  ctx: DomainContext;
  close(): Promise<void>;
}

export async function makeRegisterSite(): Promise<RegisterSite> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portier-bench-register-"));
  const dbFile = path.join(dir, "portier.db");
  const url = `file:${dbFile}`;
  await deployMigrations({ url, prismaDir: PRISMA_DIR });
  const db = createPrismaClient(url);
  await tuneSqlite(db);
  const ctx: DomainContext = {
    db,
    clock: systemClock,
    events: new EventBus(),
    hmacKey: randomBytes(32).toString("base64url"),
  };
  await seedDemo(db, ctx.hmacKey);
  const rooms = await db.room.findMany({ where: { locationId: REGISTER_LOCATION }, select: { id: true } });
  const now = Date.now();
  const at = (i: number) => new Date(now - (1000 - i) * 20_000);
  const staffIds = Array.from({ length: STAFF_PRESENT }, (_, i) => `bench-staff-${i}`);
  await db.$transaction(async (tx) => {
    for (const [i, id] of staffIds.entries()) {
      await tx.staffMember.create({
        data: {
          id,
          name: `Medewerker ${String(i).padStart(3, "0")} Bench`,
          email: `${id}@bench.test`,
          role: i % 10 === 0 ? "RECEPTION" : "STAFF",
          passwordHash: "not-a-real-hash",
          locations: { create: [{ locationId: REGISTER_LOCATION }] },
        },
      });
      await tx.staffPresence.create({
        data: { staffId: id, locationId: REGISTER_LOCATION, signedInAt: at(i), signedInBy: "BADGE_KIOSK" },
      });
    }
  });
  for (let chunk = 0; chunk < VISITORS_PRESENT; chunk += 300) {
    await db.$transaction(async (tx) => {
      for (let i = chunk; i < Math.min(VISITORS_PRESENT, chunk + 300); i++) {
        const withHost = i % 2 === 1;
        const visitor = await tx.visitor.create({ data: { firstName: `Bezoeker${i}`, lastName: `Achternaam${i}` } });
        await tx.visit.create({
          data: {
            locationId: REGISTER_LOCATION,
            visitorId: visitor.id,
            method: "WALK_IN",
            status: withHost ? "WITH_HOST" : "WAITING",
            purpose: "Afspraak",
            hostId: withHost ? staffIds[i % STAFF_PRESENT] : null,
            roomId: withHost && rooms.length ? rooms[i % rooms.length].id : null,
            checkedInAt: at(i),
          },
        });
      }
    });
  }
  await db.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
  return {
    dbFile,
    ctx,
    close: async () => {
      await db.$disconnect();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
