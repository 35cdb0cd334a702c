// Small builders for the kiosk check-in tests: a location with a kiosk, published house rules, a
// visitor with a client pass, an appointment with a signed invite, identity-document MRZs with
// correct check digits (computed here, independently of src/domain/visits/mrz.ts), and an event log.
import type { Actor } from "@/src/domain/access/actor";
import type { Db, DomainContext } from "@/src/domain/db";
import type { DomainEvent, DomainEventName, DomainEvents } from "@/src/domain/events/domain-events";
import { localDay } from "@/src/domain/local-day";
import { newInviteNonce, signInvite } from "@/src/domain/visits/invite-token";
import type { KioskDevice } from "@/src/domain/visits/kiosk-check-in";
import { newPassId } from "@/src/domain/visits/scan-classify";
import type { LocationKind, RegistrationMode, Role } from "@/src/generated/prisma/enums";
import { td1, td3 } from "@/tests/helpers/mrz-builder";

export const HOUR = 60 * 60 * 1000;
export const MINUTE = 60 * 1000;
export const DAY = 24 * HOUR;

export const RULES_V1 = {
  nl: { title: "Huisregels", body: "1. Respect voor iedereen.\n2. Geen geweld." },
  en: { title: "House rules", body: "1. Respect everyone.\n2. No violence." },
};

export interface Site {
  locationId: string;
  kiosk: KioskDevice;
  hostId: string;
  /** A staff actor (ADMIN) for this location. */
  admin: Actor & { type: "STAFF" };
}

/** A location with a paired-looking kiosk device and a host; house rules v1 (nl + en) published unless `rules: false`. */
export async function makeSite(
  db: Db,
  opts: {
    id?: string;
    kind?: LocationKind;
    capacity?: number | null;
    registrationMode?: RegistrationMode;
    controlledEntrance?: boolean;
    waitAlertMinutes?: number;
    rules?: boolean;
    at?: Date;
  } = {},
): Promise<Site> {
  const id = opts.id ?? "loc-k";
  await db.organisation.upsert({ where: { id: "org-test" }, create: { id: "org-test", name: "Test" }, update: {} });
  await db.location.create({
    data: {
      id,
      organisationId: "org-test",
      name: `Location ${id}`,
      kind: opts.kind ?? (opts.capacity != null ? "WALK_IN" : "APPOINTMENT"),
      capacity: opts.capacity ?? null,
      registrationMode: opts.registrationMode ?? "FULL",
      controlledEntrance: opts.controlledEntrance ?? false,
      waitAlertMinutes: opts.waitAlertMinutes ?? 10,
    },
  });
  await db.room.create({ data: { id: `${id}-consult`, locationId: id, name: "Spreekkamer", kind: "CONSULT" } });
  const kiosk = await db.device.create({ data: { id: `${id}-kiosk`, name: "Kiosk", kind: "KIOSK", locationId: id } });
  const hostId = `${id}-host`;
  await makeStaffMember(db, hostId, "STAFF", [id]);
  const adminId = `${id}-admin`;
  await makeStaffMember(db, adminId, "ADMIN", [id]);
  if (opts.rules !== false) await publishRulesDirect(db, id, 1, opts.at ?? new Date("2026-01-01T00:00:00Z"));
  return {
    locationId: id,
    kiosk: { id: kiosk.id, locationId: id },
    hostId,
    admin: { type: "STAFF", id: adminId, role: "ADMIN", locationIds: [id] },
  };
}

async function makeStaffMember(db: Db, id: string, role: Role, locationIds: string[]) {
  await db.staffMember.create({
    data: {
      id,
      name: `Staff ${id}`,
      email: `${id}@example.test`,
      role,
      passwordHash: "not-a-real-hash",
      locations: { create: locationIds.map((locationId) => ({ locationId })) },
    },
  });
}

/** Published house rules in Dutch and English, written straight to the database. */
export async function publishRulesDirect(db: Db, locationId: string, version: number, at: Date) {
  for (const [language, t] of Object.entries(RULES_V1)) {
    await db.houseRules.create({
      data: { locationId, version, language, title: `${t.title} v${version}`, body: t.body, publishedAt: at },
    });
  }
}

/** A known visitor with a client pass (the pass id is also the QR text). */
export async function makePassVisitor(
  db: Db,
  data: {
    firstName?: string;
    lastName?: string | null;
    dateOfBirth?: string | null;
    documentHash?: string | null;
  } = {},
) {
  const passId = newPassId();
  const visitor = await db.visitor.create({
    data: {
      firstName: data.firstName ?? "Sanne",
      lastName: data.lastName === undefined ? "Jansen" : data.lastName,
      dateOfBirth: data.dateOfBirth ?? null,
      documentHash: data.documentHash ?? null,
      passId,
    },
  });
  return { visitor, passId, passText: passId };
}

/** Records that a visitor accepted a version of the house rules (as a previous visit would have). */
export async function acceptRules(db: Db, visitorId: string, locationId: string, version = 1) {
  await db.rulesAcceptance.create({ data: { visitorId, locationId, version, language: "nl", acceptedAt: new Date() } });
}

/** An appointment with a signed invite for its day, for a (new) visitor. */
export async function makeInvite(
  ctx: DomainContext,
  site: Site,
  opts: {
    startsAt?: Date;
    visitorId?: string;
    firstName?: string;
    lastName?: string;
    controlledDay?: string;
    purpose?: string;
  } = {},
) {
  const startsAt = opts.startsAt ?? new Date(ctx.clock.now().getTime() + HOUR);
  const visitorId =
    opts.visitorId ??
    (
      await ctx.db.visitor.create({
        data: { firstName: opts.firstName ?? "Fatima", lastName: opts.lastName ?? "El Amrani" },
      })
    ).id;
  const nonce = newInviteNonce();
  const appointment = await ctx.db.appointment.create({
    data: {
      locationId: site.locationId,
      hostId: site.hostId,
      visitorId,
      roomId: `${site.locationId}-consult`,
      startsAt,
      purpose: opts.purpose ?? "Intake",
      inviteNonce: nonce,
    },
  });
  const day = opts.controlledDay ?? localDay(startsAt, "Europe/Amsterdam");
  const invite = signInvite(ctx.hmacKey, { appointmentId: appointment.id, nonce, day });
  return { appointment, invite, visitorId, nonce, day };
}

/** Every event published on the context's bus, in order. */
export function collectEvents(ctx: DomainContext) {
  const events: DomainEvent[] = [];
  ctx.events.onAny((e) => {
    events.push(e);
  });
  return {
    all: events,
    named<K extends DomainEventName>(name: K): DomainEvents[K][] {
      return events.filter((e) => e.name === name).map((e) => e.payload as DomainEvents[K]);
    },
    clear() {
      events.length = 0;
    },
  };
}

// --- Identity documents (ICAO 9303): see mrz-builder.ts.

export { checkDigit, tamperMrz, td1, td3 } from "@/tests/helpers/mrz-builder";

/** A BSN-like number (passes the 11-test) for the Dutch ID card's optional data. */
export const BSN = "111222333";

/** A Dutch ID card, valid until 2031, with the BSN in its optional data. */
export const NL_ID_CARD = td1({
  state: "NLD",
  number: "SPECI2026",
  optional1: BSN,
  birth: "900215",
  expiry: "310101",
  names: "DE<BRUIJN<<WILLEKE<LISELOTTE",
});

/** A Turkish passport, valid until 2030. */
export const TR_PASSPORT = td3({
  state: "TUR",
  number: "U12345678",
  birth: "850704",
  expiry: "300501",
  names: "YILMAZ<<MEHMET",
  personal: "12345678901",
});
