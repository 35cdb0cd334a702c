// Shared by the tests that walk every entry point (bad-input, permission matrix): finds the server
// actions and route handlers on disk, mocks what only exists inside a Next request (the session,
// revalidation, redirects), and points the process runtime at the test database.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { vi } from "vitest";
import type { Actor } from "@/src/domain/access/actor";
import type { DeviceKind } from "@/src/generated/prisma/enums";
import { resetDb, type TestContext, tableNames, testContext, testDbUrl } from "@/tests/helpers/test-db";

export const ROOT = path.resolve(import.meta.dirname, "../..");

/** The staff member the mocked session belongs to (null: signed out), and the device credential cookie. */
export const session: { actor: Actor | null; deviceCredential: string | null } = {
  actor: null,
  deviceCredential: null,
};

/** Thrown by the mocked redirect(): a redirect is an answer, not a crash. */
export class RedirectSignal extends Error {}

vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {}, updateTag: () => {} }));
vi.mock("next-intl/server", async (original) => ({
  ...(await original<typeof import("next-intl/server")>()),
  getLocale: async () => "nl",
}));
vi.mock("@/src/i18n/navigation", () => ({
  redirect: (to: unknown) => {
    throw new RedirectSignal(JSON.stringify(to));
  },
  Link: () => null,
  usePathname: () => "/",
  useRouter: () => ({}),
  getPathname: () => "/",
}));
vi.mock("@/src/server/auth/get-actor", () => {
  const getDevice = async () => {
    const { deviceByCredential } = await import("@/src/domain/devices/devices");
    const { domain } = await import("@/src/server/runtime");
    return deviceByCredential(await domain(), session.deviceCredential ?? undefined);
  };
  const getDeviceActor = async () => {
    const d = await getDevice();
    return d ? { type: "DEVICE", id: d.id, kind: d.kind, locationId: d.locationId, roomId: d.roomId } : null;
  };
  const getStaffActor = async () => (session.actor?.type === "STAFF" ? session.actor : null);
  return {
    getStaffActor,
    getStaffSession: async () => (session.actor?.type === "STAFF" ? { staffId: session.actor.id, sid: null } : null),
    getDevice,
    getDeviceActor,
    getActor: async () => (await getStaffActor()) ?? (await getDeviceActor()),
  };
});

function walk(dir: string, match: (file: string) => boolean): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(full, match));
    else if (match(full)) out.push(full);
  }
  return out.sort();
}

/** Every "use server" module under src/. */
export const actionFiles = walk(path.join(ROOT, "src"), (f) => /\.tsx?$/.test(f)).filter((f) =>
  /^["']use server["'];?/.test(fs.readFileSync(f, "utf8").trimStart()),
);
/** Every route handler module under app/api (not next-auth's own, not the test-only clock). */
export const routeFiles = walk(path.join(ROOT, "app", "api"), (f) => f.endsWith("route.ts")).filter(
  (f) => !f.includes("[...nextauth]") && !f.includes(`${path.sep}test${path.sep}`),
);
export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

export const rel = (file: string) => path.relative(ROOT, file).split(path.sep).join("/");

/** A URL for a route file, with its dynamic segments filled in. */
export const routeUrl = (file: string, query = "") =>
  `http://portier.test/${path
    .relative(path.join(ROOT, "app"), path.dirname(file))
    .split(path.sep)
    .join("/")
    .replace(/\[\.\.\.[^\]]+\]|\[[^\]]+\]/g, "unknown-000")}${query}`;

export const LOCATION = "loc-ep";
/** The device credential (cookie value) of each paired device kind at LOCATION. */
export const deviceCredential = (kind: DeviceKind) => `entry-points-${kind.toLowerCase()}-credential-0123456789`;

/** A location with a room, one staff member per role, one paired device per kind; the runtime uses it. */
export async function entryPointsSite(): Promise<TestContext> {
  process.env.DATABASE_URL = testDbUrl();
  process.env.PORTIER_SECRET ??= "entry-points-test-secret-0123456789abcdef0123456789";
  const ctx = await testContext();
  await resetDb(ctx.db);
  await ctx.db.organisation.create({ data: { id: "org-ep", name: "Org" } });
  await ctx.db.location.create({
    data: { id: LOCATION, organisationId: "org-ep", name: "Locatie", kind: "APPOINTMENT", controlledEntrance: true },
  });
  await ctx.db.room.create({ data: { id: "room-ep", locationId: LOCATION, name: "Spreekkamer", kind: "CONSULT" } });
  for (const role of ["RECEPTION", "STAFF", "MANAGER", "ADMIN", "PRIVACY"] as const) {
    await ctx.db.staffMember.create({
      data: {
        id: staffId(role),
        name: `${role} ep`,
        email: `${role.toLowerCase()}@ep.test`,
        passwordHash: "x",
        role,
        locations: { create: { locationId: LOCATION } },
      },
    });
  }
  for (const kind of ["KIOSK", "ROOM_TABLET", "DESK"] as const) {
    await ctx.db.device.create({
      data: {
        id: `dev-ep-${kind.toLowerCase()}`,
        name: kind,
        kind,
        locationId: LOCATION,
        roomId: kind === "ROOM_TABLET" ? "room-ep" : null,
        credentialHash: createHash("sha256").update(deviceCredential(kind)).digest("hex"),
        pairedAt: new Date(),
      },
    });
  }
  const g = globalThis as Record<symbol, unknown>;
  g[Symbol.for("portier.runtime")] = {
    ctx,
    testClock: null,
    ready: Promise.resolve(),
    realtime: null,
    tickScheduler: null,
  };
  return ctx;
}

export const staffId = (role: string) => `ep-${role.toLowerCase()}`;

export function staffSession(role: "RECEPTION" | "STAFF" | "MANAGER" | "ADMIN" | "PRIVACY"): Actor {
  return { type: "STAFF", id: staffId(role), role, locationIds: [LOCATION] };
}

export function leaveRuntime() {
  delete (globalThis as Record<symbol, unknown>)[Symbol.for("portier.runtime")];
}

/** Row counts of every table, except those a refused request may still write (audit, throttling). */
export async function rowCounts(ctx: TestContext): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const name of await tableNames(ctx.db)) {
    if (["AuditEvent", "LoginThrottle", "_prisma_migrations"].includes(name)) continue;
    const [row] = await ctx.db.$queryRawUnsafe<{ n: number | bigint }[]>(`SELECT COUNT(*) AS n FROM "${name}"`);
    out[name] = Number(row.n);
  }
  return out;
}
