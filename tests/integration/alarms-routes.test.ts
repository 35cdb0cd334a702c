// The room tablet's HTTP fallback (POST /api/alarms, POST /api/alarms/[id]/cancel, GET /api/alarms):
// route handlers called directly with Request objects, the runtime pointed at the test database.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { POST as cancelRoute } from "@/app/api/alarms/[id]/cancel/route";
import { GET as currentRoute, POST as raiseRoute } from "@/app/api/alarms/route";
import { systemActor } from "@/src/domain/access/actor";
import { revokeDevice } from "@/src/domain/devices/devices";
import { DEVICE_COOKIE } from "@/src/server/auth/device-cookie";
import type { Runtime } from "@/src/server/runtime";
import { type AlarmSite, makeAlarmSite, TABLET_CREDENTIAL } from "@/tests/helpers/alarm-fixtures";
import { collectEvents } from "@/tests/helpers/kiosk-fixtures";
import { closeTestDb, resetDb, type TestContext, testContext } from "@/tests/helpers/test-db";

const RUNTIME_KEY = Symbol.for("portier.runtime");
type G = typeof globalThis & { [RUNTIME_KEY]?: Runtime };

let ctx: TestContext;
let site: AlarmSite;
let events: ReturnType<typeof collectEvents>;
const cookie = `${DEVICE_COOKIE}=${TABLET_CREDENTIAL}`;

const req = (url: string, method: "GET" | "POST", body?: unknown, withCookie = cookie) =>
  new Request(`http://tablet.test${url}`, {
    method,
    headers: { "content-type": "application/json", ...(withCookie ? { cookie: withCookie } : {}) },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
const params = (id: string) => ({ params: Promise.resolve({ id }) });

beforeAll(() => {
  vi.spyOn(console, "error").mockImplementation(() => {});
});
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
  events = collectEvents(ctx);
  site = await makeAlarmSite(ctx.db, ctx.clock.now());
});
afterAll(closeTestDb);

describe("tablet HTTP fallback", () => {
  it("raises for the tablet's own room, joins a second press, reloads, and cancels", async () => {
    const res = await raiseRoute(req("/api/alarms", "POST", { level: "EMERGENCY" }));
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toMatchObject({ ok: true, joined: false, alarm: { status: "PENDING", roomId: site.tablet.roomId } });
    expect(events.named("alarm.pending")).toHaveLength(1);

    const again = await raiseRoute(req("/api/alarms", "POST", { level: "ASSISTANCE" }));
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ joined: true, alarm: { id: body.alarm.id, level: "EMERGENCY" } });

    const current = await currentRoute(req("/api/alarms", "GET"));
    expect(await current.json()).toMatchObject({ ok: true, alarm: { id: body.alarm.id } });

    const cancel = await cancelRoute(req(`/api/alarms/${body.alarm.id}/cancel`, "POST"), params(body.alarm.id));
    expect(cancel.status).toBe(200);
    expect(await cancel.json()).toMatchObject({ ok: true, alarm: { status: "CANCELLED" } });
    const late = await cancelRoute(req(`/api/alarms/${body.alarm.id}/cancel`, "POST"), params(body.alarm.id));
    expect(late.status).toBe(409);
  });

  it("refuses bad input, a missing cookie and a revoked tablet", async () => {
    expect((await raiseRoute(req("/api/alarms", "POST", { level: "LOUD" }))).status).toBe(422);
    expect((await raiseRoute(req("/api/alarms", "POST", "{nope"))).status).toBe(400);
    expect((await raiseRoute(req("/api/alarms", "POST", { level: "EMERGENCY" }, ""))).status).toBe(401);
    await revokeDevice(ctx, systemActor, site.tablet.id);
    const res = await raiseRoute(req("/api/alarms", "POST", { level: "EMERGENCY" }));
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ ok: false, code: "DEVICE_REVOKED" });
    expect(await ctx.db.alarm.count()).toBe(0);
  });
});
