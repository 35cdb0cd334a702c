// Test data written straight into the end-to-end database (e2e/.tmp/e2e.db) from the test process,
// while the server (another process) runs on the same SQLite file in WAL mode: appointments with a
// signed invite, visitors with a client pass, bans. The invite is signed with the server's own
// HMAC key, derived (HKDF) from the master secret in e2e/.tmp/secret.key, as src/server/config.ts does.
import path from "node:path";
import { systemActor } from "../../src/domain/access/actor";
import { issueInvite } from "../../src/domain/appointments/appointments";
import { nameKey } from "../../src/domain/bans/ban-match";
import { systemClock } from "../../src/domain/clock";
import { EventBus } from "../../src/domain/events/event-bus";
import { localDay } from "../../src/domain/local-day";
import { newPassId } from "../../src/domain/visits/scan-classify";
import type { PrismaClient } from "../../src/generated/prisma/client";
import { loadConfig } from "../../src/server/config";
import { createPrismaClient } from "../../src/server/db";
import { DEMO_LOCATIONS, DEMO_USERS } from "./demo";

/** The data folder e2e/web-server.ts gives the server. */
export const E2E_DATA_DIR = path.resolve(import.meta.dirname, "..", ".tmp");
export const E2E_DATABASE_URL = `file:${path.join(E2E_DATA_DIR, "e2e.db")}`;
const TIME_ZONE = "Europe/Amsterdam";

let client: PrismaClient | null = null;

/** One Prisma client on the e2e database for this worker (close it with closeE2eDb in afterAll). */
export function e2eDb(): PrismaClient {
  client ??= createPrismaClient(E2E_DATABASE_URL);
  return client;
}

export async function closeE2eDb(): Promise<void> {
  await client?.$disconnect();
  client = null;
}

/** The server's HMAC key (invites, document hashes): read after the server created secret.key. */
export function serverHmacKey(): string {
  return loadConfig({
    NODE_ENV: "test",
    PORTIER_DATA_DIR: E2E_DATA_DIR,
    DATABASE_URL: E2E_DATABASE_URL,
  } as NodeJS.ProcessEnv).hmacKey;
}

export const uniqueSuffix = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

/** A known visitor with a client pass of their own (so specs never share the demo pass). */
export async function createPassVisitor(db: PrismaClient, firstName: string, lastName = "Testpersoon") {
  const passId = newPassId();
  const visitor = await db.visitor.create({ data: { firstName, lastName, passId } });
  return { visitor, passId };
}

/**
 * An appointment today at a location (default Wijkbureau Centrum), a few minutes from now, for a
 * new visitor with the host; returns the signed invite text (what the QR code holds).
 */
export async function createTodayAppointmentWithInvite(
  db: PrismaClient,
  opts: { firstName: string; lastName?: string; locationId?: string; hostId?: string; purpose?: string },
) {
  const visitor = await db.visitor.create({
    data: { firstName: opts.firstName, lastName: opts.lastName ?? "Uitgenodigd" },
  });
  const now = new Date();
  // Later today, but never past midnight in the location's time zone (the invite is for one day).
  let startsAt = new Date(now.getTime() + 10 * 60_000);
  if (localDay(startsAt, TIME_ZONE) !== localDay(now, TIME_ZONE)) startsAt = now;
  const created = await db.appointment.create({
    data: {
      locationId: opts.locationId ?? DEMO_LOCATIONS.centrum.id,
      hostId: opts.hostId ?? DEMO_USERS.staff.id,
      visitorId: visitor.id,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 45 * 60_000),
      purpose: opts.purpose ?? "Intakegesprek (e2e)",
    },
  });
  // The invite as the server issues it (src/domain/appointments/appointments.ts issueInvite).
  const { token: invite } = await issueInvite(
    { db, clock: systemClock, events: new EventBus(), hmacKey: serverHmacKey() },
    systemActor,
    created.id,
    { via: "system" },
  );
  const appointment = await db.appointment.findUniqueOrThrow({ where: { id: created.id } });
  return { appointment, visitor, invite };
}

/** An active building ban at a location for a person without pass or document: name plus date of birth. */
export async function createNameBan(
  db: PrismaClient,
  opts: { firstName: string; lastName: string; dateOfBirth: string; locationId?: string; contactName?: string },
) {
  const now = Date.now();
  return db.ban.create({
    data: {
      locationId: opts.locationId ?? DEMO_LOCATIONS.centrum.id,
      scope: "BUILDING",
      nameKey: nameKey(opts.firstName, opts.lastName),
      dateOfBirth: opts.dateOfBirth,
      displayName: `${opts.firstName} ${opts.lastName}`,
      reasonCategory: "AGGRESSION",
      startsAt: new Date(now - 60 * 60_000),
      endsAt: new Date(now + 30 * 24 * 60 * 60_000),
      reviewAt: new Date(now + 14 * 24 * 60 * 60_000),
      decidedById: DEMO_USERS.manager.id,
      contactName: DEMO_USERS.manager.name,
      contactPhone: "020 123 4567",
      notes: "e2e",
    },
  });
}
