// Device credential rotation on the real database: a credential older than ROTATE_AFTER_MS is
// replaced when the device asks (POST /api/devices/credential), the old one works for GRACE_MS
// more and then stops — for route handlers, for a new socket, and for a socket already open (its
// next heartbeat closes it). A copied cookie therefore stops working.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { io as connectClient, type Socket } from "socket.io-client";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { POST as credentialRoute } from "@/app/api/devices/credential/route";
import type { Actor } from "@/src/domain/access/actor";
import { GRACE_MS, ROTATE_AFTER_MS } from "@/src/domain/devices/credential-rotation";
import { deviceByCredential, pairDevice, registerDevice, revokeDevice } from "@/src/domain/devices/devices";
import { attachRealtime, type PortierServer } from "@/src/realtime/attach";
import { DEVICE_COOKIE } from "@/src/server/auth/device-cookie";
import type { Runtime } from "@/src/server/runtime";
import { makeSite, type Site } from "@/tests/helpers/kiosk-fixtures";
import { closeTestDb, resetDb, type TestContext, testContext } from "@/tests/helpers/test-db";

const RUNTIME_KEY = Symbol.for("portier.runtime");
type G = typeof globalThis & { [RUNTIME_KEY]?: Runtime };

let ctx: TestContext;
let site: Site;
let admin: Actor;
let io: PortierServer | null = null;
const clients: Socket[] = [];

beforeEach(async () => {
  ctx = await testContext();
  await resetDb(ctx.db);
  (globalThis as G)[RUNTIME_KEY] = {
    ctx,
    testClock: null,
    ready: Promise.resolve(),
    realtime: null,
    tickScheduler: null,
  };
  site = await makeSite(ctx.db);
  admin = site.admin;
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.disconnect();
  if (io) await new Promise<void>((resolve) => io?.close(() => resolve()));
  io = null;
});
afterAll(async () => {
  delete (globalThis as G)[RUNTIME_KEY];
  await closeTestDb();
});

async function pairedDevice(): Promise<{ id: string; credential: string }> {
  const { device, pairingCode } = await registerDevice(ctx, admin, {
    name: "Balie",
    kind: "DESK",
    locationId: site.locationId,
  });
  const { credential } = await pairDevice(ctx, pairingCode);
  return { id: device.id, credential };
}

const ask = (credential: string) =>
  credentialRoute(
    new Request("http://portier.test/api/devices/credential", {
      method: "POST",
      headers: { cookie: `${DEVICE_COOKIE}=${encodeURIComponent(credential)}` },
    }),
  );

/** The new credential from a rotation answer's Set-Cookie. */
function issued(res: Response): string | null {
  const cookie = res.headers.get("set-cookie");
  const m = cookie && new RegExp(`${DEVICE_COOKIE}=([^;]+)`).exec(cookie);
  return m ? decodeURIComponent(m[1]) : null;
}

async function rotate(credential: string): Promise<string> {
  const res = await ask(credential);
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ ok: true, rotated: true });
  const next = issued(res);
  if (!next) throw new Error("no new credential in the cookie");
  return next;
}

describe("device credential rotation", () => {
  it("keeps a fresh credential, replaces one older than a day; the old one works only during the grace period", async () => {
    const device = await pairedDevice();
    const fresh = await ask(device.credential);
    expect(await fresh.json()).toEqual({ ok: true, rotated: false });
    expect(issued(fresh)).toBeNull();

    ctx.clock.advance(ROTATE_AFTER_MS);
    const copy = device.credential; // say someone copied the cookie
    const next = await rotate(device.credential);
    expect(next).not.toBe(copy);
    const cookie = (await ask(next)).headers.get("set-cookie");
    expect(cookie).toBeNull(); // just issued: not due
    expect((await deviceByCredential(ctx, next))?.id).toBe(device.id);
    expect((await deviceByCredential(ctx, copy))?.id, "old one during the grace period").toBe(device.id);

    ctx.clock.advance(GRACE_MS);
    expect(await deviceByCredential(ctx, copy), "old one after the grace period").toBeNull();
    const refused = await ask(copy);
    expect(refused.status).toBe(401);
    expect((await deviceByCredential(ctx, next))?.id).toBe(device.id);

    const audit = await ctx.db.auditEvent.findMany({ where: { action: "device.credential_rotated" } });
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain(next);
    expect(JSON.stringify(audit)).not.toContain(copy);
    // Only hashes are stored.
    const row = await ctx.db.device.findUniqueOrThrow({ where: { id: device.id } });
    expect(JSON.stringify(row)).not.toContain(next);
  });

  it("re-issues when the answer got lost (the old one comes back within the grace period)", async () => {
    const device = await pairedDevice();
    ctx.clock.advance(ROTATE_AFTER_MS);
    const lost = await rotate(device.credential);
    ctx.clock.advance(60_000);
    const again = await rotate(device.credential);
    expect(await deviceByCredential(ctx, lost), "the unreceived one is dropped").toBeNull();
    expect((await deviceByCredential(ctx, again))?.id).toBe(device.id);
    // The grace period is not extended by the re-issue.
    ctx.clock.advance(GRACE_MS - 60_000);
    expect(await deviceByCredential(ctx, device.credential)).toBeNull();
  });

  it("a revoked device gets 401, and a cookie of no device too", async () => {
    const device = await pairedDevice();
    await revokeDevice(ctx, admin, device.id);
    expect((await ask(device.credential)).status).toBe(401);
    expect((await ask("nonsense")).status).toBe(401);
    const none = await credentialRoute(new Request("http://portier.test/api/devices/credential", { method: "POST" }));
    expect(none.status).toBe(401);
  });

  it("over socket.io: an open socket on a rotated-away credential is closed at its next heartbeat after the grace period; a new one is refused", async () => {
    const device = await pairedDevice();
    const secret = "rotation-test-session-secret-0123456789abcdef";
    const httpServer = createServer();
    io = attachRealtime(httpServer, ctx, secret);
    await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
    const connect = (credential: string) => {
      const c = connectClient(url, {
        path: "/socket.io",
        transports: ["websocket"],
        extraHeaders: { cookie: `${DEVICE_COOKIE}=${encodeURIComponent(credential)}` },
        reconnection: false,
      });
      clients.push(c);
      return new Promise<Socket>((resolve, reject) => {
        c.once("connect", () => resolve(c));
        c.once("connect_error", reject);
      });
    };
    const copied = await connect(device.credential);
    expect(await copied.timeout(5000).emitWithAck("device.heartbeat")).toEqual({ ok: true });

    ctx.clock.advance(ROTATE_AFTER_MS);
    const next = await rotate(device.credential);
    // During the grace period the old socket still works.
    expect(await copied.timeout(5000).emitWithAck("device.heartbeat")).toEqual({ ok: true });
    const current = await connect(next);

    ctx.clock.advance(GRACE_MS);
    const ended = new Promise<unknown>((resolve) => copied.once("session.ended", resolve));
    const closed = new Promise<void>((resolve) => copied.once("disconnect", () => resolve()));
    copied.emit("device.heartbeat");
    expect(await ended).toEqual({ reason: "revoked" });
    await closed;
    await expect(connect(device.credential)).rejects.toThrow(/UNAUTHORIZED/);
    expect(await current.timeout(5000).emitWithAck("device.heartbeat")).toEqual({ ok: true });
  });
});
