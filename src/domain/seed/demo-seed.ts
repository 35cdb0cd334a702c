// Demo data for a first look at Portier: one organisation, two very different locations, staff in
// every role with demo logins, house rules in Dutch, English, Arabic, Polish and Turkish, unpaired
// devices, one known visitor with a client pass (DEMO_PASS) to try the kiosk with, and three of
// the first day's appointments at Centrum.
// Idempotent: every row has a fixed id (or natural key) and is only created when missing, so a
// second run changes nothing — and never undoes what an admin did since (a paired device, a new
// password). Runs against an already migrated database.
import { hmac } from "@/src/domain/crypto";
import type { Db } from "@/src/domain/db";
import { localDay, zonedInstant } from "@/src/domain/local-day";
import { hashPassword } from "@/src/domain/staff/passwords";
import { newInviteNonce } from "@/src/domain/visits/invite-token";
import type { DeviceKind, LocationKind, RegistrationMode, Role, RoomKind } from "@/src/generated/prisma/enums";

export const DEMO_PASSWORD = "portier-demo";
export const DEMO_ORGANISATION_ID = "org-demo";

interface RoomSeed {
  id: string;
  name: string;
  kind: RoomKind;
  floor: string | null;
}

interface LocationSeed {
  id: string;
  name: string;
  kind: LocationKind;
  registrationMode: RegistrationMode;
  capacity: number | null;
  waitAlertMinutes: number;
  retentionDays: number;
  deskPhone: string | null;
  /** The entrance has access-controlled doors (a sluis): a kiosk check-in asks for a door release. */
  controlledEntrance: boolean;
  rooms: RoomSeed[];
}

export const DEMO_LOCATIONS: LocationSeed[] = [
  {
    // Appointment-based: visitors report at the desk, wait, and are fetched into a consulting room.
    // The entrance has a sluis (airlock: door B opens only after door A closed), so it is a
    // controlled entrance; the doors themselves are modelled by a later module and seeded there.
    id: "loc-centrum",
    name: "Wijkbureau Centrum",
    kind: "APPOINTMENT",
    registrationMode: "FULL",
    capacity: null,
    waitAlertMinutes: 10,
    retentionDays: 28,
    deskPhone: "030 200 1000",
    controlledEntrance: true,
    rooms: [
      { id: "room-centrum-balie", name: "Balie", kind: "PUBLIC", floor: "0" },
      { id: "room-centrum-wachtruimte", name: "Wachtruimte", kind: "WAITING", floor: "0" },
      { id: "room-centrum-spreek-1", name: "Spreekkamer 1", kind: "CONSULT", floor: "0" },
      { id: "room-centrum-spreek-2", name: "Spreekkamer 2", kind: "CONSULT", floor: "0" },
      { id: "room-centrum-spreek-3", name: "Spreekkamer 3", kind: "CONSULT", floor: "1" },
      { id: "room-centrum-spreek-4", name: "Spreekkamer 4", kind: "CONSULT", floor: "1" },
      { id: "room-centrum-teamruimte", name: "Teamruimte", kind: "STAFF_ONLY", floor: "1" },
    ],
  },
  {
    // Walk-in night shelter with a maximum of 60 guests; many volunteers see the data, so it
    // records only first name, age and nationality group (minimal registration).
    id: "loc-haven",
    name: "Nachtopvang De Haven",
    kind: "WALK_IN",
    registrationMode: "MINIMAL",
    capacity: 60,
    waitAlertMinutes: 10,
    retentionDays: 28,
    deskPhone: "030 200 2000",
    controlledEntrance: false,
    rooms: [
      { id: "room-haven-entree", name: "Entree", kind: "PUBLIC", floor: "0" },
      { id: "room-haven-huiskamer", name: "Huiskamer", kind: "WAITING", floor: "0" },
      { id: "room-haven-gesprekskamer", name: "Gesprekskamer", kind: "CONSULT", floor: "0" },
      { id: "room-haven-kantoor", name: "Kantoor", kind: "STAFF_ONLY", floor: "0" },
    ],
  },
];

interface StaffSeed {
  id: string;
  name: string;
  email: string;
  role: Role;
  locale: "nl" | "en";
  locationIds: string[];
  /** A staff badge to sign in and out with; none for roles without presence.self. */
  badgeCode: string | null;
}

export const DEMO_STAFF: StaffSeed[] = [
  {
    id: "staff-admin",
    name: "Anouk de Vries",
    email: "admin@portier.demo",
    role: "ADMIN",
    locale: "nl",
    locationIds: ["loc-centrum", "loc-haven"],
    badgeCode: "BADGE-0001",
  },
  {
    id: "staff-balie",
    name: "Bram Jansen",
    email: "balie@portier.demo",
    role: "RECEPTION",
    locale: "nl",
    locationIds: ["loc-centrum"],
    badgeCode: "BADGE-0002",
  },
  {
    id: "staff-medewerker",
    name: "Carlijn Bakker",
    email: "medewerker@portier.demo",
    role: "STAFF",
    locale: "nl",
    locationIds: ["loc-centrum"],
    badgeCode: "BADGE-0003",
  },
  {
    id: "staff-manager",
    name: "Daan Visser",
    email: "manager@portier.demo",
    role: "MANAGER",
    locale: "nl",
    locationIds: ["loc-centrum", "loc-haven"],
    badgeCode: "BADGE-0004",
  },
  {
    id: "staff-haven",
    name: "Esra Yılmaz",
    email: "haven@portier.demo",
    role: "RECEPTION",
    locale: "en",
    locationIds: ["loc-haven"],
    badgeCode: "BADGE-0005",
  },
  {
    // The privacy officer (functionaris gegevensbescherming): subject requests and the audit trail.
    // Works for the whole organisation, signs no one in, so no badge.
    id: "staff-privacy",
    name: "Fenna Mulder",
    email: "privacy@portier.demo",
    role: "PRIVACY",
    locale: "nl",
    locationIds: ["loc-centrum", "loc-haven"],
    badgeCode: null,
  },
];

interface DeviceSeed {
  id: string;
  name: string;
  kind: DeviceKind;
  locationId: string;
  roomId: string | null;
}

export const DEMO_DEVICES: DeviceSeed[] = [
  { id: "dev-centrum-kiosk", name: "Kiosk entree Centrum", kind: "KIOSK", locationId: "loc-centrum", roomId: null },
  {
    id: "dev-centrum-desk",
    name: "Balie Centrum",
    kind: "DESK",
    locationId: "loc-centrum",
    roomId: "room-centrum-balie",
  },
  ...[1, 2, 3, 4].map(
    (n): DeviceSeed => ({
      id: `dev-centrum-tablet-spreek-${n}`,
      name: `Tablet Spreekkamer ${n}`,
      kind: "ROOM_TABLET",
      locationId: "loc-centrum",
      roomId: `room-centrum-spreek-${n}`,
    }),
  ),
  { id: "dev-haven-kiosk", name: "Kiosk entree De Haven", kind: "KIOSK", locationId: "loc-haven", roomId: null },
  {
    id: "dev-haven-tablet-gesprekskamer",
    name: "Tablet Gesprekskamer",
    kind: "ROOM_TABLET",
    locationId: "loc-haven",
    roomId: "room-haven-gesprekskamer",
  },
];

const RULES_NL = {
  title: "Huisregels",
  body: [
    "Welkom. Zo zorgen we samen dat iedereen hier veilig is:",
    "",
    "1. Behandel bezoekers en medewerkers met respect. Schelden, discrimineren en intimideren accepteren we niet.",
    "2. Geen geweld en geen bedreiging, ook niet met woorden.",
    "3. Wapens, drugs en alcohol zijn in het gebouw niet toegestaan. Wie onder invloed is, kan worden weggestuurd.",
    "4. Volg de aanwijzingen van medewerkers op.",
    "5. Kom alleen in ruimtes waar een medewerker u naartoe brengt.",
    "",
    "Wie zich niet aan deze regels houdt, moet het gebouw verlaten en kan een lokaal- of pandverbod krijgen. " +
      "Bij geweld of bedreiging doen wij altijd aangifte bij de politie.",
  ].join("\n"),
};

const RULES_EN = {
  title: "House rules",
  body: [
    "Welcome. This is how we keep everyone here safe together:",
    "",
    "1. Treat visitors and staff with respect. We do not accept insults, discrimination or intimidation.",
    "2. No violence and no threats, not even in words.",
    "3. Weapons, drugs and alcohol are not allowed in the building. Anyone under the influence may be sent away.",
    "4. Follow the instructions of staff.",
    "5. Only enter rooms that a member of staff takes you to.",
    "",
    "Anyone who breaks these rules must leave the building and may be banned from a room or from the building. " +
      "We always report violence or threats to the police.",
  ].join("\n"),
};

const RULES_AR = {
  title: "النظام الداخلي",
  body: [
    "أهلاً وسهلاً. هكذا نحرص معاً على أن يكون الجميع هنا في أمان:",
    "",
    "1. يُرجى معاملة الزوار والموظفين باحترام. لا نقبل الشتائم أو التمييز أو الترهيب.",
    "2. لا للعنف ولا للتهديد، ولا حتى بالكلام.",
    "3. يُمنع إدخال الأسلحة والمخدرات والكحول إلى المبنى. ويجوز أن يُطلب ممن هو تحت تأثير المخدرات أو الكحول مغادرة المبنى.",
    "4. يُرجى اتباع تعليمات الموظفين.",
    "5. يُرجى عدم دخول أي غرفة إلا برفقة أحد الموظفين.",
    "",
    "من لا يلتزم بهذه القواعد عليه مغادرة المبنى، وقد يُمنع من دخول غرفة معيّنة أو من دخول المبنى. " +
      "وفي حالات العنف أو التهديد نتقدّم دائماً ببلاغ إلى الشرطة.",
  ].join("\n"),
};

const RULES_PL = {
  title: "Regulamin",
  body: [
    "Witamy. Dzięki tym zasadom wspólnie dbamy o bezpieczeństwo wszystkich:",
    "",
    "1. Prosimy traktować odwiedzających i pracowników z szacunkiem. Nie akceptujemy wyzwisk, dyskryminacji ani zastraszania.",
    "2. Żadnej przemocy i żadnych gróźb, także słownych.",
    "3. Broń, narkotyki i alkohol są w budynku zabronione. Osoba pod wpływem alkoholu lub narkotyków może zostać wyproszona.",
    "4. Prosimy stosować się do poleceń pracowników.",
    "5. Prosimy wchodzić wyłącznie do pomieszczeń, do których zaprowadzi Państwa pracownik.",
    "",
    "Kto nie przestrzega tych zasad, musi opuścić budynek i może otrzymać zakaz wstępu do pomieszczenia lub do budynku. " +
      "W przypadku przemocy lub gróźb zawsze składamy zawiadomienie na policji.",
  ].join("\n"),
};

const RULES_TR = {
  title: "Bina Kuralları",
  body: [
    "Hoş geldiniz. Burada herkesin güvende olması için birlikte şu kurallara uyuyoruz:",
    "",
    "1. Ziyaretçilere ve çalışanlara saygılı davranın. Hakaret, ayrımcılık ve yıldırmayı kabul etmiyoruz.",
    "2. Şiddet ve tehdit yasaktır; sözlü tehdit de buna dahildir.",
    "3. Binada silah, uyuşturucu ve alkol yasaktır. Alkol veya uyuşturucu etkisinde olan kişiler binadan gönderilebilir.",
    "4. Lütfen çalışanların talimatlarına uyun.",
    "5. Yalnızca bir çalışanın sizi götürdüğü odalara girin.",
    "",
    "Bu kurallara uymayan kişi binadan ayrılmak zorundadır ve bir odaya veya binaya giriş yasağı alabilir. " +
      "Şiddet veya tehdit durumunda her zaman polise suç duyurusunda bulunuruz.",
  ].join("\n"),
};

/** House rules version 1 per language (Dutch is the original). */
export const DEMO_RULES_LANGUAGES = ["nl", "en", "ar", "pl", "tr"] as const;
const RULES_V1: Record<(typeof DEMO_RULES_LANGUAGES)[number], { title: string; body: string }> = {
  nl: RULES_NL,
  en: RULES_EN,
  ar: RULES_AR,
  pl: RULES_PL,
  tr: RULES_TR,
};

/**
 * The client pass (toegangspas) of the demo visitor: scan or type it at a kiosk. The whole string
 * is the pass id and the QR text (see src/domain/visits/scan-classify.ts).
 */
export const DEMO_PASS = "PP1.DEMQ7KX2PASS4WZ8";
export const DEMO_VISITOR = { id: "visitor-demo", firstName: "Sam", lastName: "de Groot", passId: DEMO_PASS } as const;

/** Centrum's doors (issue 7): a sluis (outer + inner door), a staff-only door and an exit, all simulated. */
export const DEMO_DOORS = [
  {
    id: "door-centrum-outer",
    name: "Buitendeur sluis",
    kind: "ENTRANCE_OUTER",
    fromZone: "OUTSIDE",
    toZone: "PUBLIC",
    interlockGroup: "sluis",
    sortOrder: 0,
  },
  {
    id: "door-centrum-inner",
    name: "Binnendeur sluis",
    kind: "ENTRANCE_INNER",
    fromZone: "PUBLIC",
    toZone: "WAITING",
    interlockGroup: "sluis",
    sortOrder: 1,
  },
  {
    id: "door-centrum-staff",
    name: "Personeelsdeur",
    kind: "STAFF_ONLY",
    fromZone: "WAITING",
    toZone: "STAFF_ONLY",
    interlockGroup: null,
    sortOrder: 2,
  },
  {
    id: "door-centrum-exit",
    name: "Uitgang",
    kind: "EXIT",
    fromZone: "WAITING",
    toZone: "OUTSIDE",
    interlockGroup: null,
    sortOrder: 3,
  },
] as const;

/** Appointments at Wijkbureau Centrum on the day the seed first runs (local times). */
export const DEMO_APPOINTMENTS = [
  {
    id: "appt-demo-1",
    time: "10:00",
    hostId: "staff-medewerker",
    roomId: "room-centrum-spreek-1",
    purpose: "Intakegesprek schuldhulp",
    risky: false,
    visitor: { firstName: "Noor", lastName: "Hendriks" },
  },
  {
    id: "appt-demo-2",
    time: "13:30",
    hostId: "staff-medewerker",
    roomId: "room-centrum-spreek-2",
    purpose: "Vervolggesprek",
    risky: true,
    visitor: { firstName: "Kees", lastName: "van Dam" },
  },
  {
    id: "appt-demo-3",
    time: "15:00",
    hostId: "staff-manager",
    roomId: "room-centrum-spreek-3",
    purpose: "Evaluatie begeleiding",
    risky: false,
    visitor: { firstName: "Aylin", lastName: "Demir" },
  },
] as const;

/** The HMAC stored for a staff badge code — the same derivation as setBadge in manage-staff.ts. */
export const demoBadgeHash = (hmacKey: string, badgeCode: string) => hmac(hmacKey, `badge:${badgeCode.trim()}`);

export interface SeedSummary {
  organisations: number;
  locations: number;
  rooms: number;
  staff: number;
  houseRules: number;
  devices: number;
  doors: number;
  /** Rows this run created (0 on a second run). */
  created: number;
}

/**
 * Writes the demo data. Rows that already exist are left untouched (`update: {}`), so running it
 * again is a no-op; passwords are only hashed for staff rows that do not exist yet.
 */
export async function seedDemo(db: Db, hmacKey: string, now: Date = new Date()): Promise<SeedSummary> {
  let created = 0;
  const existingStaff = new Set(
    (await db.staffMember.findMany({ where: { id: { in: DEMO_STAFF.map((s) => s.id) } }, select: { id: true } })).map(
      (s) => s.id,
    ),
  );
  // Hash outside the transaction (Argon2 takes tens of ms) and only for rows still to create.
  const passwordHashes = new Map(
    await Promise.all(
      DEMO_STAFF.filter((s) => !existingStaff.has(s.id)).map(
        async (s) => [s.id, await hashPassword(DEMO_PASSWORD)] as const,
      ),
    ),
  );

  await db.$transaction(
    async (tx) => {
      const ensure = async (find: () => Promise<unknown>, create: () => Promise<unknown>) => {
        if (await find()) return;
        await create();
        created++;
      };

      await ensure(
        () => tx.organisation.findUnique({ where: { id: DEMO_ORGANISATION_ID } }),
        () => tx.organisation.create({ data: { id: DEMO_ORGANISATION_ID, name: "Stichting Samen Veilig" } }),
      );

      for (const { rooms, ...loc } of DEMO_LOCATIONS) {
        await ensure(
          () => tx.location.findUnique({ where: { id: loc.id } }),
          () => tx.location.create({ data: { ...loc, organisationId: DEMO_ORGANISATION_ID } }),
        );
        for (const room of rooms) {
          await ensure(
            () => tx.room.findUnique({ where: { id: room.id } }),
            () => tx.room.create({ data: { ...room, locationId: loc.id } }),
          );
        }
      }

      for (const s of DEMO_STAFF) {
        const badgeHash = s.badgeCode ? demoBadgeHash(hmacKey, s.badgeCode) : null;
        await ensure(
          // A demo address that an admin gave to someone else since is left alone.
          async () =>
            (await tx.staffMember.findUnique({ where: { id: s.id } })) ??
            (await tx.staffMember.findUnique({ where: { email: s.email } })),
          async () => {
            const badgeTaken = badgeHash ? await tx.staffMember.findUnique({ where: { badgeHash } }) : null;
            return tx.staffMember.create({
              data: {
                id: s.id,
                name: s.name,
                email: s.email,
                role: s.role,
                locale: s.locale,
                passwordHash: passwordHashes.get(s.id) ?? (await hashPassword(DEMO_PASSWORD)),
                badgeHash: badgeTaken ? null : badgeHash,
              },
            });
          },
        );
        if (!(await tx.staffMember.findUnique({ where: { id: s.id } }))) continue;
        for (const locationId of s.locationIds) {
          await ensure(
            () => tx.staffLocation.findUnique({ where: { staffId_locationId: { staffId: s.id, locationId } } }),
            () => tx.staffLocation.create({ data: { staffId: s.id, locationId } }),
          );
        }
      }

      const author = await tx.staffMember.findUnique({ where: { id: "staff-admin" }, select: { id: true } });
      for (const loc of DEMO_LOCATIONS) {
        for (const language of DEMO_RULES_LANGUAGES) {
          const text = RULES_V1[language];
          await ensure(
            () =>
              tx.houseRules.findUnique({
                where: { locationId_version_language: { locationId: loc.id, version: 1, language } },
              }),
            () =>
              tx.houseRules.create({
                data: {
                  id: `rules-${loc.id.replace(/^loc-/, "")}-1-${language}`,
                  locationId: loc.id,
                  version: 1,
                  language,
                  title: text.title,
                  body: text.body,
                  publishedAt: now,
                  createdById: author?.id ?? null,
                  createdAt: now,
                },
              }),
          );
        }
      }

      // A known visitor with a client pass; whoever holds the pass id may already exist.
      await ensure(
        async () =>
          (await tx.visitor.findUnique({ where: { id: DEMO_VISITOR.id } })) ??
          (await tx.visitor.findUnique({ where: { passId: DEMO_VISITOR.passId } })),
        () => tx.visitor.create({ data: { ...DEMO_VISITOR, createdAt: now } }),
      );

      // Today's appointments at Centrum, so the appointment screens are not empty. Fixed ids: a
      // second run finds them and changes nothing (their day is the day of the first run).
      const demoAppointmentIds = DEMO_APPOINTMENTS.map((a) => a.id);
      if (!(await tx.appointment.findFirst({ where: { id: { in: demoAppointmentIds } }, select: { id: true } }))) {
        const day = localDay(now, "Europe/Amsterdam");
        for (const a of DEMO_APPOINTMENTS) {
          if (!(await tx.staffMember.findUnique({ where: { id: a.hostId }, select: { id: true } }))) continue;
          const visitorId = `visitor-${a.id}`;
          await ensure(
            () => tx.visitor.findUnique({ where: { id: visitorId } }),
            () => tx.visitor.create({ data: { id: visitorId, ...a.visitor, createdAt: now } }),
          );
          const startsAt = zonedInstant(day, a.time, "Europe/Amsterdam");
          await ensure(
            () => tx.appointment.findUnique({ where: { id: a.id } }),
            () =>
              tx.appointment.create({
                data: {
                  id: a.id,
                  locationId: "loc-centrum",
                  hostId: a.hostId,
                  visitorId,
                  roomId: a.roomId,
                  startsAt,
                  endsAt: new Date(startsAt.getTime() + 45 * 60_000),
                  purpose: a.purpose,
                  risky: a.risky,
                  inviteNonce: newInviteNonce(),
                },
              }),
          );
        }
      }

      for (const d of DEMO_DOORS) {
        await ensure(
          () => tx.door.findUnique({ where: { id: d.id } }),
          () => tx.door.create({ data: { ...d, locationId: "loc-centrum", driver: "SIMULATOR" } }),
        );
      }

      // Not paired: no credential and no pairing code. The admin issues a code in the device list.
      for (const d of DEMO_DEVICES) {
        await ensure(
          () => tx.device.findUnique({ where: { id: d.id } }),
          () => tx.device.create({ data: d }),
        );
      }
    },
    { timeout: 30_000 },
  );

  return {
    organisations: 1,
    locations: DEMO_LOCATIONS.length,
    rooms: DEMO_LOCATIONS.reduce((n, l) => n + l.rooms.length, 0),
    staff: DEMO_STAFF.length,
    houseRules: DEMO_LOCATIONS.length * DEMO_RULES_LANGUAGES.length,
    devices: DEMO_DEVICES.length,
    doors: DEMO_DOORS.length,
    created,
  };
}
