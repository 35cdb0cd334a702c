// The demo data that prisma/seed.ts creates (src/domain/seed/demo-seed.ts): fixed ids and logins,
// so specs can rely on them. Specs that change data should create their own instead.
export const DEMO_PASSWORD = "portier-demo";

export const DEMO_USERS = {
  admin: { id: "staff-admin", email: "admin@portier.demo", name: "Anouk de Vries", role: "ADMIN" },
  reception: { id: "staff-balie", email: "balie@portier.demo", name: "Bram Jansen", role: "RECEPTION" },
  staff: { id: "staff-medewerker", email: "medewerker@portier.demo", name: "Carlijn Bakker", role: "STAFF" },
  manager: { id: "staff-manager", email: "manager@portier.demo", name: "Daan Visser", role: "MANAGER" },
  shelterReception: { id: "staff-haven", email: "haven@portier.demo", name: "Esra Yılmaz", role: "RECEPTION" },
  privacy: { id: "staff-privacy", email: "privacy@portier.demo", name: "Fenna Mulder", role: "PRIVACY" },
} as const;

export type DemoUserKey = keyof typeof DEMO_USERS;

export const DEMO_LOCATIONS = {
  centrum: { id: "loc-centrum", name: "Wijkbureau Centrum" },
  haven: { id: "loc-haven", name: "Nachtopvang De Haven" },
} as const;

/** Registered but unpaired devices (pair them as admin under Devices). */
export const DEMO_DEVICES = {
  centrumKiosk: { id: "dev-centrum-kiosk", name: "Kiosk entree Centrum", kind: "KIOSK", locationId: "loc-centrum" },
  centrumDesk: { id: "dev-centrum-desk", name: "Balie Centrum", kind: "DESK", locationId: "loc-centrum" },
  centrumTablet1: {
    id: "dev-centrum-tablet-spreek-1",
    name: "Tablet Spreekkamer 1",
    kind: "ROOM_TABLET",
    locationId: "loc-centrum",
  },
  havenKiosk: { id: "dev-haven-kiosk", name: "Kiosk entree De Haven", kind: "KIOSK", locationId: "loc-haven" },
  havenTablet: {
    id: "dev-haven-tablet-gesprekskamer",
    name: "Tablet Gesprekskamer",
    kind: "ROOM_TABLET",
    locationId: "loc-haven",
  },
} as const;

export type Locale = "nl" | "en";
export const LOCALES: readonly Locale[] = ["nl", "en"];
