// A throw-away Portier for the evacuation bench: a fresh SQLite file in a temp folder (WAL,
// synchronous=FULL, as in production), migrated by the real migrations, with one location of
// ROOMS rooms and PRESENT people in it: STAFF_PRESENT staff signed in (the first MARSHALS of them
// are receptionists, who may start an evacuation and are the marshals) and the rest visitors with
// an open visit in a room (every 25th flagged "needs help to evacuate"). Set-up only; nothing here
// is measured.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { systemClock } from "../../src/domain/clock";
import type { DomainContext } from "../../src/domain/db";
import { EventBus } from "../../src/domain/events/event-bus";
import { createPrismaClient, tuneSqlite } from "../../src/server/db";
import { deployMigrations } from "../../src/server/migrations";

const PRISMA_DIR = path.resolve(import.meta.dirname, "../../prisma");
export const LOCATION = "bench-evacuation";
export const PRESENT = 2000;
export const STAFF_PRESENT = 200;
export const MARSHALS = 20;
export const ROOMS = 20;

export interface EvacuationSite {
  ctx: DomainContext;
  marshalIds: string[];
  close(): Promise<void>;
}

export async function makeEvacuationSite(): Promise<EvacuationSite> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portier-bench-evacuation-"));
  const url = `file:${path.join(dir, "portier.db")}`;
  await deployMigrations({ url, prismaDir: PRISMA_DIR });
  const db = createPrismaClient(url);
  await tuneSqlite(db);
  const ctx: DomainContext = {
    db,
    clock: systemClock,
    events: new EventBus(),
    hmacKey: randomBytes(32).toString("base64url"),
  };
  const now = new Date();
  await db.organisation.create({ data: { id: "bench-org", name: "Bench" } });
  await db.location.create({
    data: { id: LOCATION, organisationId: "bench-org", name: "Ontruiming", kind: "WALK_IN" },
  });
  const rooms = Array.from({ length: ROOMS }, (_, i) => ({
    id: `bench-room-${i}`,
    locationId: LOCATION,
    name: `Ruimte ${i + 1}`,
    kind: "CONSULT" as const,
  }));
  await db.room.createMany({ data: rooms });
  const staff = Array.from({ length: STAFF_PRESENT }, (_, i) => ({
    id: `bench-staff-${String(i).padStart(3, "0")}`,
    name: `Medewerker ${i}`,
    email: `bench-staff-${i}@bench.test`,
    role: i < MARSHALS ? ("RECEPTION" as const) : ("STAFF" as const),
    passwordHash: "not-a-real-hash",
    needsEvacuationHelp: i % 50 === 7,
  }));
  await db.staffMember.createMany({ data: staff });
  await db.staffLocation.createMany({ data: staff.map((s) => ({ staffId: s.id, locationId: LOCATION })) });
  await db.staffPresence.createMany({
    data: staff.map((s) => ({
      staffId: s.id,
      locationId: LOCATION,
      signedInAt: now,
      signedInBy: "DASHBOARD" as const,
    })),
  });
  const visitors = Array.from({ length: PRESENT - STAFF_PRESENT }, (_, i) => ({
    id: `bench-visitor-${i}`,
    firstName: `Bezoeker${i}`,
    lastName: `Achternaam${i}`,
    needsEvacuationHelp: i % 25 === 3,
  }));
  await db.visitor.createMany({ data: visitors });
  await db.visit.createMany({
    data: visitors.map((v, i) => ({
      locationId: LOCATION,
      visitorId: v.id,
      method: "WALK_IN" as const,
      status: i % 3 === 0 ? ("WITH_HOST" as const) : ("WAITING" as const),
      roomId: rooms[i % ROOMS].id,
      hostId: i % 3 === 0 ? staff[MARSHALS + (i % (STAFF_PRESENT - MARSHALS))].id : null,
      checkedInAt: now,
    })),
  });
  await db.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
  return {
    ctx,
    marshalIds: staff.slice(0, MARSHALS).map((s) => s.id),
    close: async () => {
      await db.$disconnect();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
