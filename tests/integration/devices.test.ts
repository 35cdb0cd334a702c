import fs from "node:fs";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import {
  deviceByCredential,
  issuePairingCode,
  PAIRING_CODE_TTL_MS,
  pairDevice,
  registerDevice,
  revokeDevice,
} from "@/src/domain/devices/devices";
import { AppError } from "@/src/domain/errors";
import type { DomainEvent } from "@/src/domain/events/domain-events";
import { makeLocation, makeStaff, staffActorOf } from "@/tests/helpers/fixtures";
import {
  closeTestDb,
  resetDb,
  TEST_PROVIDER,
  type TestContext,
  testContext,
  testDbFile,
} from "@/tests/helpers/test-db";

const admin = staffActorOf("admin", "ADMIN");
let ctx: TestContext;
let events: DomainEvent[];

beforeEach(async () => {
  ctx = await testContext();
  await resetDb(ctx.db);
  await makeLocation(ctx.db, "loc-a");
  await makeLocation(ctx.db, "loc-b");
  await makeStaff(ctx.db, { id: "admin", role: "ADMIN" });
  events = [];
  ctx.events.onAny((e) => {
    events.push(e);
  });
});
afterAll(closeTestDb);

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
  return "no error";
}

/** Everything the database holds, as text: the main file and its write-ahead log (SQLite; on PostgreSQL a non-empty stand-in). */
function databaseBytes(): string {
  if (TEST_PROVIDER !== "sqlite") return "(PostgreSQL: its files are the server's; the rows are checked above)";
  const file = testDbFile();
  return [file, `${file}-wal`]
    .filter((f) => fs.existsSync(f))
    .map((f) => fs.readFileSync(f).toString("latin1"))
    .join("\n");
}

describe("device pairing", () => {
  it("registers, pairs once, and revokes — with an audit event for each step", async () => {
    const { device, pairingCode, expiresAt } = await registerDevice(ctx, admin, {
      name: "Kiosk",
      kind: "KIOSK",
      locationId: "loc-a",
    });
    expect(pairingCode).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/);
    expect(expiresAt.getTime()).toBe(ctx.clock.now().getTime() + PAIRING_CODE_TTL_MS);
    // An expiry job is scheduled for the code.
    expect(await ctx.db.scheduledJob.count({ where: { key: `pairing-expiry:${device.id}` } })).toBe(1);

    // Typed sloppily: lower case with a dash.
    ctx.clock.advance(60_000);
    const typed = `${pairingCode.slice(0, 4).toLowerCase()}-${pairingCode.slice(4)}`;
    const { device: paired, credential } = await pairDevice(ctx, typed);
    expect(paired.id).toBe(device.id);
    expect(paired.pairedAt).toEqual(ctx.clock.now());
    expect(credential.length).toBeGreaterThanOrEqual(32);
    expect((await deviceByCredential(ctx, credential))?.id).toBe(device.id);
    // Pairing used the code up and cancelled its expiry job.
    expect(await ctx.db.scheduledJob.count({ where: { key: `pairing-expiry:${device.id}` } })).toBe(0);

    expect(await codeOf(pairDevice(ctx, pairingCode))).toBe("PAIRING_CODE_INVALID");

    await revokeDevice(ctx, admin, device.id);
    expect(await deviceByCredential(ctx, credential)).toBeNull();

    const audit = await ctx.db.auditEvent.findMany({ where: { subjectId: device.id }, orderBy: { id: "asc" } });
    expect(audit.map((a) => `${a.action} by ${a.actorType}:${a.actorId}`)).toEqual([
      "device.registered by STAFF:admin",
      `device.paired by DEVICE:${device.id}`,
      "device.revoked by STAFF:admin",
    ]);
    expect(audit.every((a) => a.locationId === "loc-a")).toBe(true);
    expect(events.map((e) => e.name)).toEqual(["device.registered", "device.paired", "device.revoked"]);

    // Neither the code nor the credential is stored anywhere readable.
    const row = await ctx.db.device.findUniqueOrThrow({ where: { id: device.id } });
    const stored = JSON.stringify({ row, audit, jobs: await ctx.db.scheduledJob.findMany() });
    expect(stored).not.toContain(pairingCode);
    expect(stored).not.toContain(credential);
    const bytes = databaseBytes();
    expect(bytes.length).toBeGreaterThan(0);
    expect(bytes).not.toContain(pairingCode);
    expect(bytes).not.toContain(credential);
  });

  it("stores only hashes while a device is paired", async () => {
    const { device, pairingCode } = await registerDevice(ctx, admin, {
      name: "Desk",
      kind: "DESK",
      locationId: "loc-a",
    });
    const before = await ctx.db.device.findUniqueOrThrow({ where: { id: device.id } });
    expect(before.pairingCodeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(before)).not.toContain(pairingCode);
    const { credential } = await pairDevice(ctx, pairingCode);
    const after = await ctx.db.device.findUniqueOrThrow({ where: { id: device.id } });
    expect(after.credentialHash).toMatch(/^[0-9a-f]{64}$/);
    expect(after.pairingCodeHash).toBeNull();
    const audit = await ctx.db.auditEvent.findMany();
    expect(JSON.stringify({ after, audit })).not.toContain(credential);
    expect(databaseBytes()).not.toContain(credential);
  });

  it("refuses an expired code (after ten minutes)", async () => {
    const { pairingCode } = await registerDevice(ctx, admin, { name: "Kiosk", kind: "KIOSK", locationId: "loc-a" });
    ctx.clock.advance(11 * 60 * 1000);
    expect(await codeOf(pairDevice(ctx, pairingCode))).toBe("PAIRING_CODE_INVALID");
  });

  it("refuses a code exactly at its expiry, accepts it a second before", async () => {
    const a = await registerDevice(ctx, admin, { name: "A", kind: "KIOSK", locationId: "loc-a" });
    const b = await registerDevice(ctx, admin, { name: "B", kind: "KIOSK", locationId: "loc-a" });
    ctx.clock.advance(PAIRING_CODE_TTL_MS - 1000);
    await expect(pairDevice(ctx, a.pairingCode)).resolves.toMatchObject({ device: { id: a.device.id } });
    ctx.clock.advance(1000);
    expect(await codeOf(pairDevice(ctx, b.pairingCode))).toBe("PAIRING_CODE_INVALID");
  });

  it.each(["", "short", "ABCDEFGHJK", "ABCD EFG!", "22222222"])("refuses a wrong code %j", async (code) => {
    await registerDevice(ctx, admin, { name: "Kiosk", kind: "KIOSK", locationId: "loc-a" });
    expect(await codeOf(pairDevice(ctx, code))).toBe("PAIRING_CODE_INVALID");
  });

  it("a new pairing code replaces the old one; a revoked device can be paired again", async () => {
    const { device, pairingCode: first } = await registerDevice(ctx, admin, {
      name: "Kiosk",
      kind: "KIOSK",
      locationId: "loc-a",
    });
    const { credential: oldCredential } = await pairDevice(ctx, first);
    await revokeDevice(ctx, admin, device.id);
    const { pairingCode: second } = await issuePairingCode(ctx, admin, device.id);
    expect(second).not.toBe(first);
    const { credential } = await pairDevice(ctx, second);
    expect(credential).not.toBe(oldCredential);
    expect((await deviceByCredential(ctx, credential))?.id).toBe(device.id);
    expect(await deviceByCredential(ctx, oldCredential)).toBeNull();
    const actions = (await ctx.db.auditEvent.findMany({ where: { subjectId: device.id }, orderBy: { id: "asc" } })).map(
      (a) => a.action,
    );
    expect(actions).toEqual([
      "device.registered",
      "device.paired",
      "device.revoked",
      "device.pairing_code_issued",
      "device.paired",
    ]);
  });

  it("ignores an unknown, empty or absurdly long credential", async () => {
    expect(await deviceByCredential(ctx, undefined)).toBeNull();
    expect(await deviceByCredential(ctx, "")).toBeNull();
    expect(await deviceByCredential(ctx, "nope")).toBeNull();
    expect(await deviceByCredential(ctx, "x".repeat(10_000))).toBeNull();
  });

  it("validates the location and room", async () => {
    const reg = (input: Parameters<typeof registerDevice>[2]) => codeOf(registerDevice(ctx, admin, input));
    expect(await reg({ name: "T", kind: "KIOSK", locationId: "nowhere" })).toBe("VALIDATION");
    expect(await reg({ name: "T", kind: "ROOM_TABLET", locationId: "loc-a" })).toBe("VALIDATION");
    // A room of another location.
    expect(await reg({ name: "T", kind: "ROOM_TABLET", locationId: "loc-a", roomId: "loc-b-consult" })).toBe(
      "VALIDATION",
    );
    await expect(
      registerDevice(ctx, admin, { name: "T", kind: "ROOM_TABLET", locationId: "loc-a", roomId: "loc-a-consult" }),
    ).resolves.toMatchObject({ device: { roomId: "loc-a-consult" } });
    expect(await ctx.db.device.count()).toBe(1);
  });
});
