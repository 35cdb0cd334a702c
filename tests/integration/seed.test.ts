import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hmac } from "@/src/domain/crypto";
import type { Db } from "@/src/domain/db";
import { DEMO_DEVICES, DEMO_DOORS, DEMO_PASSWORD, DEMO_STAFF, seedDemo } from "@/src/domain/seed/demo-seed";
import { setBadge } from "@/src/domain/staff/manage-staff";
import { signIn } from "@/src/domain/staff/sign-in";
import { closeTestDb, resetDb, T0, type TestContext, testContext } from "@/tests/helpers/test-db";

const HMAC_KEY = "test-hmac-key";
const TABLES = ["organisation", "location", "room", "staffMember", "staffLocation", "houseRules", "device"] as const;

/** Every row of every seeded table, to compare a database before and after a second run. */
async function snapshot(db: Db) {
  const out: Record<string, unknown[]> = {};
  for (const t of TABLES) {
    // biome-ignore lint/suspicious/noExplicitAny: generic access to the model delegates
    out[t] = await (db[t] as any).findMany();
  }
  return out;
}

describe("demo seed", () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await testContext();
    await resetDb(ctx.db);
    await seedDemo(ctx.db, HMAC_KEY, T0);
  });
  afterAll(closeTestDb);

  it("creates the demo organisation, locations and rooms", async () => {
    const db = ctx.db;
    expect(await db.organisation.findUnique({ where: { id: "org-demo" } })).toMatchObject({ id: "org-demo" });
    const centrum = await db.location.findUniqueOrThrow({ where: { id: "loc-centrum" }, include: { rooms: true } });
    expect(centrum).toMatchObject({
      name: "Wijkbureau Centrum",
      kind: "APPOINTMENT",
      registrationMode: "FULL",
      waitAlertMinutes: 10,
    });
    const kinds = (rooms: { kind: string }[], kind: string) => rooms.filter((r) => r.kind === kind).length;
    expect(kinds(centrum.rooms, "CONSULT")).toBe(4);
    expect(kinds(centrum.rooms, "WAITING")).toBe(1);
    expect(kinds(centrum.rooms, "PUBLIC")).toBe(1);
    expect(kinds(centrum.rooms, "STAFF_ONLY")).toBe(1);
    expect(centrum.rooms.map((r) => r.name)).toEqual(
      expect.arrayContaining(["Balie", "Wachtruimte", "Spreekkamer 1", "Spreekkamer 4"]),
    );
    expect(centrum.rooms.every((r) => r.floor !== null)).toBe(true);

    const haven = await db.location.findUniqueOrThrow({ where: { id: "loc-haven" }, include: { rooms: true } });
    expect(haven).toMatchObject({ kind: "WALK_IN", capacity: 60, registrationMode: "MINIMAL" });
    expect(haven.rooms.map((r) => `${r.name}/${r.kind}`).sort()).toEqual(
      ["Entree/PUBLIC", "Gesprekskamer/CONSULT", "Huiskamer/WAITING", "Kantoor/STAFF_ONLY"].sort(),
    );
  });

  it("creates staff in every role, linked to their locations, with badges", async () => {
    const staff = await ctx.db.staffMember.findMany({ include: { locations: true } });
    expect(new Set(staff.map((s) => s.role))).toEqual(new Set(["RECEPTION", "STAFF", "MANAGER", "ADMIN", "PRIVACY"]));
    const byEmail = new Map(staff.map((s) => [s.email, s]));
    const locs = (email: string) =>
      byEmail
        .get(email)
        ?.locations.map((l) => l.locationId)
        .sort();
    expect(locs("balie@portier.demo")).toEqual(["loc-centrum"]);
    expect(locs("haven@portier.demo")).toEqual(["loc-haven"]);
    expect(locs("manager@portier.demo")).toEqual(["loc-centrum", "loc-haven"]);
    expect(byEmail.get("haven@portier.demo")?.role).toBe("RECEPTION");
    // The privacy officer works for the whole organisation and signs no one in: no badge.
    expect(byEmail.get("privacy@portier.demo")).toMatchObject({ role: "PRIVACY", badgeHash: null });
    expect(locs("privacy@portier.demo")).toEqual(["loc-centrum", "loc-haven"]);
    for (const s of staff) {
      expect(s.passwordHash).toMatch(/^\$argon2id\$/);
      expect(s.passwordHash).not.toContain(DEMO_PASSWORD);
    }
    // The badge hash is the one setBadge would store: giving the same code to someone else conflicts.
    const balie = byEmail.get("balie@portier.demo")!;
    expect(balie.badgeHash).toBe(hmac(HMAC_KEY, "badge:BADGE-0002"));
    await expect(
      setBadge(ctx, { type: "SYSTEM" }, { hmacKey: HMAC_KEY }, "staff-admin", "BADGE-0002"),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("publishes house rules version 1 in Dutch, English, Arabic, Polish and Turkish per location", async () => {
    const rules = await ctx.db.houseRules.findMany({ orderBy: [{ locationId: "asc" }, { language: "asc" }] });
    expect(rules.map((r) => `${r.locationId}/${r.version}/${r.language}`)).toEqual(
      ["loc-centrum", "loc-haven"].flatMap((l) => ["ar", "en", "nl", "pl", "tr"].map((lang) => `${l}/1/${lang}`)),
    );
    for (const r of rules) {
      expect(r.publishedAt).not.toBeNull();
      expect(r.body.length).toBeGreaterThan(200);
    }
    const nl = rules.find((r) => r.language === "nl")!;
    expect(nl.body).toMatch(/wapens/i);
    expect(nl.body).toMatch(/pandverbod/i);
  });

  it("gives Centrum a simulated sluis (outer and inner door), a staff-only door and an exit", async () => {
    const doors = await ctx.db.door.findMany({ where: { locationId: "loc-centrum" }, orderBy: { sortOrder: "asc" } });
    expect(doors.map((d) => [d.kind, d.interlockGroup, d.driver])).toEqual([
      ["ENTRANCE_OUTER", "sluis", "SIMULATOR"],
      ["ENTRANCE_INNER", "sluis", "SIMULATOR"],
      ["STAFF_ONLY", null, "SIMULATOR"],
      ["EXIT", null, "SIMULATOR"],
    ]);
    expect(await ctx.db.door.count()).toBe(DEMO_DOORS.length);
  });

  it("registers unpaired devices: a kiosk per location and a tablet per consulting room", async () => {
    const devices = await ctx.db.device.findMany({ include: { room: true } });
    expect(devices).toHaveLength(DEMO_DEVICES.length);
    for (const d of devices) {
      expect(d.credentialHash).toBeNull();
      expect(d.pairingCodeHash).toBeNull();
      expect(d.pairedAt).toBeNull();
    }
    const kiosks = devices.filter((d) => d.kind === "KIOSK").map((d) => d.locationId);
    expect(kiosks.sort()).toEqual(["loc-centrum", "loc-haven"]);
    const consultRooms = await ctx.db.room.findMany({ where: { kind: "CONSULT" } });
    const tablets = devices.filter((d) => d.kind === "ROOM_TABLET");
    expect(tablets.map((d) => d.roomId).sort()).toEqual(consultRooms.map((r) => r.id).sort());
    expect(tablets.every((t) => t.room?.locationId === t.locationId)).toBe(true);
  });

  it("changes nothing and duplicates nothing when run again", async () => {
    const before = await snapshot(ctx.db);
    ctx.clock.advance(60 * 60 * 1000);
    const summary = await seedDemo(ctx.db, HMAC_KEY, ctx.clock.now());
    expect(summary.created).toBe(0);
    expect(await snapshot(ctx.db)).toEqual(before);
    expect(before.staffMember).toHaveLength(DEMO_STAFF.length);
  });

  it("keeps what an admin changed since (a paired device is not unpaired)", async () => {
    await ctx.db.device.update({ where: { id: "dev-haven-kiosk" }, data: { credentialHash: "x".repeat(64) } });
    await seedDemo(ctx.db, HMAC_KEY);
    expect((await ctx.db.device.findUniqueOrThrow({ where: { id: "dev-haven-kiosk" } })).credentialHash).toBe(
      "x".repeat(64),
    );
  });

  it("lets every demo account sign in with the demo password", async () => {
    for (const s of DEMO_STAFF) {
      const result = await signIn(ctx, s.email, DEMO_PASSWORD, "127.0.0.1");
      expect(result, s.email).toMatchObject({ ok: true, staff: { email: s.email, role: s.role } });
    }
    expect(await signIn(ctx, "admin@portier.demo", "wrong-password", "127.0.0.1")).toEqual({
      ok: false,
      reason: "invalid",
    });
  });
});
