// A throw-away Portier for the alarm bench: a fresh SQLite file in a temp folder (WAL,
// synchronous=FULL, as in production), migrated by the real migrations, with two locations:
//   - the fan-out location: PAGERS staff members signed in (no rota this week, so everyone
//     present is paged), one consulting room and one hardware button (raises at once, no cancel
//     window);
//   - the escalation location: ESCALATION_ROOMS rooms with a button each, a few staff present,
//     and escalation after 1 s (all staff) and 2 s (call 112), so the bench sees many due times.
// Set-up only; nothing here is measured.
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
export const FANOUT_LOCATION = "bench-alarm-fanout";
export const ESCALATION_LOCATION = "bench-alarm-escalation";
export const PAGERS = 200;
export const ESCALATION_ROOMS = 12;

export interface AlarmSite {
  ctx: DomainContext;
  pagerIds: string[];
  fanoutButton: { id: string; locationId: string; roomId: string; level: "EMERGENCY" };
  escalationButtons: { id: string; locationId: string; roomId: string; level: "EMERGENCY" }[];
  close(): Promise<void>;
}

export async function makeAlarmSite(): Promise<AlarmSite> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portier-bench-alarm-"));
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
    data: { id: FANOUT_LOCATION, organisationId: "bench-org", name: "Alarm fan-out", kind: "APPOINTMENT" },
  });
  await db.location.create({
    data: {
      id: ESCALATION_LOCATION,
      organisationId: "bench-org",
      name: "Alarm escalation",
      kind: "APPOINTMENT",
      alarmEscalateAllSeconds: 1,
      alarmCall112Seconds: 2,
      emergencyContacts: "Wijkagent: 06 1234 5678",
    },
  });
  await db.room.create({
    data: { id: "bench-room", locationId: FANOUT_LOCATION, name: "Spreekkamer 1", floor: "1", kind: "CONSULT" },
  });
  const fanoutButton = await db.alarmButton.create({
    data: {
      locationId: FANOUT_LOCATION,
      roomId: "bench-room",
      name: "Knop",
      level: "EMERGENCY",
      secretHash: "bench-fanout",
    },
  });
  const pagerIds = Array.from({ length: PAGERS }, (_, i) => `bench-pager-${String(i).padStart(3, "0")}`);
  await db.$transaction(async (tx) => {
    for (const [i, id] of pagerIds.entries()) {
      await tx.staffMember.create({
        data: {
          id,
          name: `Pieper ${i}`,
          email: `${id}@bench.test`,
          role: "STAFF",
          passwordHash: "not-a-real-hash",
          locations: { create: [{ locationId: FANOUT_LOCATION }] },
        },
      });
      await tx.staffPresence.create({
        data: { staffId: id, locationId: FANOUT_LOCATION, signedInAt: now, signedInBy: "DASHBOARD" },
      });
    }
    for (let i = 0; i < 3; i++) {
      const id = `bench-esc-staff-${i}`;
      await tx.staffMember.create({
        data: {
          id,
          name: `Escalatie ${i}`,
          email: `${id}@bench.test`,
          role: "STAFF",
          passwordHash: "not-a-real-hash",
          locations: { create: [{ locationId: ESCALATION_LOCATION }] },
        },
      });
      await tx.staffPresence.create({
        data: { staffId: id, locationId: ESCALATION_LOCATION, signedInAt: now, signedInBy: "DASHBOARD" },
      });
    }
  });
  const escalationButtons = [];
  for (let i = 0; i < ESCALATION_ROOMS; i++) {
    const roomId = `bench-esc-room-${i}`;
    await db.room.create({
      data: { id: roomId, locationId: ESCALATION_LOCATION, name: `Kamer ${i}`, kind: "CONSULT" },
    });
    const b = await db.alarmButton.create({
      data: {
        locationId: ESCALATION_LOCATION,
        roomId,
        name: `Knop ${i}`,
        level: "EMERGENCY",
        secretHash: `bench-esc-${i}`,
      },
    });
    escalationButtons.push({ id: b.id, locationId: b.locationId, roomId, level: "EMERGENCY" as const });
  }
  await db.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
  return {
    ctx,
    pagerIds,
    fanoutButton: { id: fanoutButton.id, locationId: FANOUT_LOCATION, roomId: "bench-room", level: "EMERGENCY" },
    escalationButtons,
    close: async () => {
      await db.$disconnect();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
