// The permission matrix for socket events, walked over real socket.io: Portier's own
// attachRealtime on a loopback server, a socket.io-client per role (next-auth session cookie) and
// per paired device kind (device cookie), on the real migrated database. Every client-to-server
// event handled in src/realtime/ is in src/domain/access/socket-events.ts, and every caller is let
// through or refused exactly as that table says. The payloads name no real record (or are
// invalid), so a caller let through gets "not found" or "validation" — proof that the permission
// is checked first — and nothing changes; a refused one gets FORBIDDEN, also for a valid payload.
import fs from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { encode } from "next-auth/jwt";
import { io as connectClient, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/src/domain/access/actor";
import { SOCKET_EVENTS, type SocketEventName, socketMaySend } from "@/src/domain/access/socket-events";
import type { DeviceKind, Role } from "@/src/generated/prisma/enums";
import { attachRealtime, type PortierServer } from "@/src/realtime/attach";
import { DEVICE_COOKIE } from "@/src/server/auth/device-cookie";
import {
  deviceCredential,
  entryPointsSite,
  LOCATION,
  leaveRuntime,
  ROOT,
  rowCounts,
  staffSession,
} from "@/tests/helpers/entry-points-harness";
import { closeTestDb, type TestContext } from "@/tests/helpers/test-db";

const ROLES: Role[] = ["RECEPTION", "STAFF", "MANAGER", "ADMIN", "PRIVACY"];
const DEVICES: DeviceKind[] = ["KIOSK", "ROOM_TABLET", "DESK"];
const secret = "socket-matrix-session-secret-0123456789abcdef";

let ctx: TestContext;
let io: PortierServer;
let url: string;
const clients: Socket[] = [];

beforeAll(async () => {
  ctx = await entryPointsSite();
  const httpServer = createServer();
  io = attachRealtime(httpServer, ctx, secret);
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const c of clients.splice(0)) c.disconnect();
  await new Promise<void>((resolve) => io.close(() => resolve()));
  leaveRuntime();
  await closeTestDb();
});

function connect(cookie: string): Promise<Socket> {
  const c = connectClient(url, {
    path: "/socket.io",
    transports: ["websocket"],
    extraHeaders: cookie ? { cookie } : {},
    reconnection: false,
  });
  clients.push(c);
  return new Promise((resolve, reject) => {
    c.once("connect", () => resolve(c));
    c.once("connect_error", reject);
  });
}

const deviceActor = (kind: DeviceKind): Actor => ({
  type: "DEVICE",
  id: `dev-ep-${kind.toLowerCase()}`,
  kind,
  locationId: LOCATION,
  roomId: kind === "ROOM_TABLET" ? "room-ep" : null,
});

/** What each event is sent with: nothing real, so nothing may change. */
const UNKNOWN = "unknown-000";
type Answer = { ok: boolean; code?: string };
const send: Record<SocketEventName, (s: Socket) => Promise<Answer>> = {
  "device.heartbeat": (s) => s.timeout(5000).emitWithAck("device.heartbeat"),
  "alarm.raise": (s) => s.timeout(5000).emitWithAck("alarm.raise", { level: "LOUD" }),
  "alarm.cancel": (s) => s.timeout(5000).emitWithAck("alarm.cancel", { alarmId: UNKNOWN }),
  "tablet.status": (s) => s.timeout(5000).emitWithAck("tablet.status"),
  "alarm.seen": (s) => s.timeout(5000).emitWithAck("alarm.seen", { alarmId: UNKNOWN }),
  "alarm.respond": (s) => s.timeout(5000).emitWithAck("alarm.respond", { alarmId: UNKNOWN, response: "COMING" }),
  "alarm.sync": (s) => s.timeout(5000).emitWithAck("alarm.sync"),
  "alarm.close": (s) => s.timeout(5000).emitWithAck("alarm.close", { alarmId: UNKNOWN, outcome: "RESOLVED" }),
};
const refusedAnswer = (a: Answer) => !a.ok && (a.code === "FORBIDDEN" || a.code === "UNAUTHORIZED");

describe("the socket event table", () => {
  it("lists every client-to-server event handled in src/realtime, and nothing that is gone", () => {
    const dir = path.join(ROOT, "src", "realtime");
    const handled = new Set<string>();
    for (const f of fs.readdirSync(dir).filter((n) => n.endsWith(".ts"))) {
      const text = fs.readFileSync(path.join(dir, f), "utf8");
      for (const m of text.matchAll(/socket\.on\("([a-z_]+\.[a-z_.]+)"/g)) handled.add(m[1]);
    }
    expect(
      [...handled].filter((e) => !(e in SOCKET_EVENTS)),
      "handled but not in the table",
    ).toEqual([]);
    expect(
      Object.keys(SOCKET_EVENTS).filter((e) => !handled.has(e)),
      "in the table but not handled",
    ).toEqual([]);
    expect(Object.keys(send).sort()).toEqual(Object.keys(SOCKET_EVENTS).sort());
  });
});

describe("socket events over real socket.io", () => {
  it("a socket without a session or device credential is refused when it connects", async () => {
    await expect(connect("")).rejects.toThrow(/UNAUTHORIZED/);
    await expect(connect(`${DEVICE_COOKIE}=not-a-credential`)).rejects.toThrow(/UNAUTHORIZED/);
  });

  const callers: { who: string; actor: Actor; cookie: () => Promise<string> }[] = [
    ...ROLES.map((role) => ({
      who: role,
      actor: staffSession(role),
      cookie: async () => {
        const staffId = staffSession(role).id as string;
        return `next-auth.session-token=${await encode({ token: { staffId, sub: staffId }, secret })}`;
      },
    })),
    ...DEVICES.map((kind) => ({
      who: `device ${kind}`,
      actor: deviceActor(kind),
      cookie: async () => `${DEVICE_COOKIE}=${deviceCredential(kind)}`,
    })),
  ];

  for (const caller of callers) {
    it(`as ${caller.who}: every event is let through or refused exactly as the table says`, async () => {
      const socket = await connect(await caller.cookie());
      for (const event of Object.keys(SOCKET_EVENTS) as SocketEventName[]) {
        const before = await rowCounts(ctx);
        const answer = await send[event](socket);
        const allowed = socketMaySend(caller.actor, event);
        expect(refusedAnswer(answer), `${event} as ${caller.who}: ${JSON.stringify(answer)}`).toBe(!allowed);
        if (allowed && event !== "device.heartbeat" && event !== "alarm.sync" && event !== "tablet.status") {
          // Let through to the record check: an unknown alarm or an invalid level, never a crash.
          expect(["NOT_FOUND", "VALIDATION"], `${event} as ${caller.who}`).toContain(answer.code);
        }
        if (allowed && (event === "device.heartbeat" || event === "alarm.sync" || event === "tablet.status")) {
          expect(answer.ok, `${event} as ${caller.who}: ${JSON.stringify(answer)}`).toBe(true);
        }
        expect(await rowCounts(ctx), `${event} as ${caller.who}: changed data`).toEqual(before);
      }
      // Refused even with a valid payload: the permission is checked before the payload is read.
      if (!socketMaySend(caller.actor, "alarm.raise")) {
        const before = await rowCounts(ctx);
        const answer: Answer = await socket.timeout(5000).emitWithAck("alarm.raise", { level: "EMERGENCY" });
        expect(answer).toEqual({ ok: false, code: "FORBIDDEN" });
        expect(await rowCounts(ctx)).toEqual(before);
      }
      socket.disconnect();
    });
  }

  it("the table itself: each event is open to exactly these callers", () => {
    const who = (event: SocketEventName) => callers.filter((c) => socketMaySend(c.actor, event)).map((c) => c.who);
    expect(who("device.heartbeat")).toEqual(["device KIOSK", "device ROOM_TABLET", "device DESK"]);
    expect(who("alarm.raise")).toEqual(["device ROOM_TABLET"]);
    expect(who("alarm.cancel")).toEqual(["device ROOM_TABLET"]);
    expect(who("tablet.status")).toEqual(["device ROOM_TABLET"]);
    for (const e of ["alarm.seen", "alarm.respond", "alarm.sync"] as const) {
      expect(who(e)).toEqual(["RECEPTION", "STAFF", "MANAGER", "ADMIN"]);
    }
    expect(who("alarm.close")).toEqual(["RECEPTION", "STAFF", "MANAGER", "ADMIN", "device DESK"]);
  });
});
