// The staff idle timeout on the real database, with the domain clock: a sign-in starts a
// server-side session; interactive screens keep it alive only while someone is active, screens of
// duty (pager, desk …) keep it alive however long they stay open; an idle or signed-out session
// opens no page, answers no request and connects no socket. Paired devices are not staff sessions.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { encode } from "next-auth/jwt";
import { io as connectClient, type Socket } from "socket.io-client";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import {
  DEFAULT_STAFF_IDLE_MS,
  endStaffSession,
  staffSessionState,
  startStaffSession,
  touchStaffSession,
} from "@/src/domain/staff/staff-sessions";
import { attachRealtime } from "@/src/realtime/attach";
import type { Runtime } from "@/src/server/runtime";
import { MINUTE, makeSite, type Site } from "@/tests/helpers/kiosk-fixtures";
import { closeTestDb, resetDb, type TestContext, testContext } from "@/tests/helpers/test-db";

process.env.PORTIER_SECRET ??= "idle-timeout-test-secret-0123456789abcdef0123";

/** What next-auth's getServerSession answers (the signed JWT's contents), per test. */
const jwtSession: { user: { id: string; sid?: string } | null } = { user: null };
vi.mock("next-auth", async (original) => ({
  ...(await original<typeof import("next-auth")>()),
  getServerSession: async () => (jwtSession.user ? { user: jwtSession.user } : null),
}));

vi.mock("@/src/i18n/navigation", () => ({
  redirect: (to: unknown) => {
    throw new Error(`redirect ${JSON.stringify(to)}`);
  },
}));
vi.mock("next/navigation", () => ({
  forbidden: () => {
    throw new Error("forbidden");
  },
}));

const RUNTIME_KEY = Symbol.for("portier.runtime");
type G = typeof globalThis & { [RUNTIME_KEY]?: Runtime };
const IDLE = DEFAULT_STAFF_IDLE_MS;

let ctx: TestContext;
let site: Site;

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
  jwtSession.user = null;
});
afterAll(async () => {
  delete (globalThis as G)[RUNTIME_KEY];
  await closeTestDb();
});

const state = (sid: string) => staffSessionState(ctx, sid, site.hostId, IDLE);
const activity = async (body: unknown) => {
  const { POST } = await import("@/app/api/staff/activity/route");
  return POST(
    new Request("http://portier.test/api/staff/activity", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
  );
};

describe("staff sessions (domain)", () => {
  it("end after the idle timeout without activity, and stay ended", async () => {
    const sid = await startStaffSession(ctx, site.hostId);
    ctx.clock.advance(IDLE - 1000);
    expect(await state(sid)).toBe("active");
    ctx.clock.advance(1000);
    expect(await state(sid)).toBe("idle");
    expect(await touchStaffSession(ctx, sid, site.hostId, IDLE)).toBe("idle");
    expect(await ctx.db.staffSession.findUniqueOrThrow({ where: { id: sid } })).toMatchObject({ endReason: "IDLE" });
    // Someone else's session id is no session of this person.
    expect(await staffSessionState(ctx, sid, "someone-else", IDLE)).toBe("unknown");
  });

  it("interactive activity keeps a session going for hours; then 30 quiet minutes end it", async () => {
    const sid = await startStaffSession(ctx, site.hostId);
    for (let i = 0; i < 12; i++) {
      ctx.clock.advance(10 * MINUTE);
      expect(await touchStaffSession(ctx, sid, site.hostId, IDLE), `after ${(i + 1) * 10} min`).toBe("active");
    }
    ctx.clock.advance(IDLE);
    expect(await state(sid)).toBe("idle");
  });

  it("a screen of duty keeps the session however long it is left alone; an interactive report takes the mark off", async () => {
    const sid = await startStaffSession(ctx, site.hostId);
    expect(await touchStaffSession(ctx, sid, site.hostId, IDLE, true)).toBe("active");
    ctx.clock.advance(5 * 60 * MINUTE); // a pager open all afternoon, its phone asleep in between
    expect(await state(sid)).toBe("active");
    expect(await touchStaffSession(ctx, sid, site.hostId, IDLE, false)).toBe("active");
    ctx.clock.advance(IDLE);
    expect(await state(sid)).toBe("idle");
  });

  it("sign-out ends the session at once", async () => {
    const sid = await startStaffSession(ctx, site.hostId);
    await endStaffSession(ctx, sid);
    expect(await state(sid)).toBe("ended");
    expect(await touchStaffSession(ctx, sid, site.hostId, IDLE, true)).toBe("ended");
  });
});

describe("through next-auth, the activity route, pages and sockets", () => {
  it("sign-in starts a session (its id in the JWT); sign-out ends it", async () => {
    const { authOptions } = await import("@/src/server/auth/auth-options");
    const opts = authOptions();
    const token = (await opts.callbacks?.jwt?.({
      token: {},
      user: { id: site.hostId },
      account: null,
    } as never)) as { sid?: string; staffId?: string };
    expect(token.staffId).toBe(site.hostId);
    expect(typeof token.sid).toBe("string");
    expect(await state(token.sid as string)).toBe("active");
    await opts.events?.signOut?.({ token, session: null } as never);
    expect(await state(token.sid as string)).toBe("ended");
  });

  it("the activity route keeps a session alive and answers 401 once it idled out; getStaffActor follows", async () => {
    const { getStaffActor } = await import("@/src/server/auth/get-actor");
    const sid = await startStaffSession(ctx, site.hostId);
    jwtSession.user = { id: site.hostId, sid };
    ctx.clock.advance(IDLE - MINUTE);
    const alive = await activity({ duty: false });
    expect(alive.status).toBe(200);
    expect(await alive.json()).toEqual({ ok: true, idleMs: IDLE });
    ctx.clock.advance(IDLE - MINUTE);
    expect((await getStaffActor())?.id).toBe(site.hostId);
    ctx.clock.advance(2 * MINUTE);
    expect(await getStaffActor()).toBeNull();
    const gone = await activity({ duty: true });
    expect(gone.status).toBe(401);
    expect(await gone.json()).toMatchObject({ ok: false, code: "UNAUTHORIZED" });
    // Bad input is a 4xx, never a change.
    jwtSession.user = { id: site.hostId, sid: await startStaffSession(ctx, site.hostId) };
    expect((await activity({ duty: "yes" })).status).toBe(422);
    jwtSession.user = null;
    expect((await activity({})).status).toBe(401);
  });

  it("the page guard sends an idle session to the sign-in page with the reason", async () => {
    const { requireStaff } = await import("@/src/staff/shell/require-staff");
    const sid = await startStaffSession(ctx, site.hostId);
    jwtSession.user = { id: site.hostId, sid };
    ctx.clock.advance(IDLE);
    await expect(requireStaff("nl", "dashboard.view", "/staff/visitors")).rejects.toThrow(
      'redirect {"href":"/login?next=%2Fstaff%2Fvisitors&reason=idle","locale":"nl"}',
    );
    // Still active: no redirect.
    jwtSession.user = { id: site.hostId, sid: await startStaffSession(ctx, site.hostId) };
    expect((await requireStaff("nl", "dashboard.view")).id).toBe(site.hostId);
  });

  it("an idle session connects no socket; a pager session on duty connects after hours", async () => {
    const server = await realtimeServer({ staffIdleMs: IDLE });
    try {
      const idle = await startStaffSession(ctx, site.hostId);
      const pager = await startStaffSession(ctx, site.hostId);
      await touchStaffSession(ctx, pager, site.hostId, IDLE, true);
      ctx.clock.advance(3 * 60 * MINUTE);
      await expect(server.connect(idle)).rejects.toThrow(/UNAUTHORIZED/);
      const { c } = await server.connect(pager);
      expect(c.connected).toBe(true);
    } finally {
      await server.close();
    }
  });

  it("the sockets of a session that idles out or signs out are told and closed; an on-duty pager's stay", async () => {
    const server = await realtimeServer({ staffIdleMs: IDLE, sessionSweepMs: 50 });
    const connect = server.connect;
    try {
      const screen = await startStaffSession(ctx, site.hostId);
      const signedOut = await startStaffSession(ctx, site.hostId);
      const pager = await startStaffSession(ctx, site.hostId);
      await touchStaffSession(ctx, pager, site.hostId, IDLE, true);
      const a = await connect(screen);
      const b = await connect(signedOut);
      const p = await connect(pager);
      // Sweeps while everything is active close nothing.
      await new Promise((r) => setTimeout(r, 200));
      expect([a.c.connected, b.c.connected, p.c.connected]).toEqual([true, true, true]);

      await endStaffSession(ctx, signedOut);
      await vi.waitFor(() => expect(b.c.connected).toBe(false), { timeout: 5000 });
      expect(b.ended).toEqual(["ended"]);
      expect(a.c.connected).toBe(true);

      ctx.clock.advance(IDLE + MINUTE);
      await vi.waitFor(() => expect(a.c.connected).toBe(false), { timeout: 5000 });
      expect(a.ended).toEqual(["ended"]);
      expect(await staffSessionState(ctx, screen, site.hostId, IDLE)).toBe("idle");
      // The pager is on duty: however long it stays open, it stays connected.
      await new Promise((r) => setTimeout(r, 200));
      expect(p.c.connected).toBe(true);
      expect(p.ended).toEqual([]);
    } finally {
      await server.close();
    }
  });
});

/** Portier's realtime server on a free port, and staff sockets of site.hostId's sessions on it. */
async function realtimeServer(opts: { staffIdleMs: number; sessionSweepMs?: number }) {
  const secret = "idle-socket-secret-0123456789abcdef0123456789";
  const httpServer = createServer();
  const io = attachRealtime(httpServer, ctx, secret, opts);
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  const clients: Socket[] = [];
  return {
    /** Connected, with the reasons of every session.ended it is told; rejects when refused. */
    async connect(sid: string) {
      const token = await encode({ token: { staffId: site.hostId, sub: site.hostId, sid }, secret });
      const c = connectClient(url, {
        path: "/socket.io",
        transports: ["websocket"],
        extraHeaders: { cookie: `next-auth.session-token=${token}` },
        reconnection: false,
      });
      clients.push(c);
      const ended: string[] = [];
      c.on("session.ended", (p: { reason: string }) => ended.push(p.reason));
      await new Promise<void>((resolve, reject) => {
        c.once("connect", () => resolve());
        c.once("connect_error", reject);
      });
      return { c, ended };
    },
    async close() {
      for (const c of clients) c.disconnect();
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}
