// The kiosk's route handlers, called directly with Request objects. The process-wide runtime
// (src/server/runtime.ts) is pointed at this worker's test database and clock.

import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { POST as checkInRoute } from "@/app/api/kiosk/check-in/route";
import { POST as checkOutRoute } from "@/app/api/kiosk/check-out/route";
import { POST as identifyRoute } from "@/app/api/kiosk/identify/route";
import { GET as stateRoute } from "@/app/api/kiosk/state/route";
import { randomToken, sha256 } from "@/src/domain/crypto";
import type { DomainContext } from "@/src/domain/db";
import { revokeDevice } from "@/src/domain/devices/devices";
import { DEVICE_COOKIE } from "@/src/server/auth/device-cookie";
import type { Runtime } from "@/src/server/runtime";
import { collectEvents, makeInvite, makeSite, type Site } from "@/tests/helpers/kiosk-fixtures";
import { closeTestDb, resetDb, type TestContext, testContext } from "@/tests/helpers/test-db";

const RUNTIME_KEY = Symbol.for("portier.runtime");
type G = typeof globalThis & { [RUNTIME_KEY]?: Runtime };

let ctx: TestContext;
let site: Site;
let kioskCookie: string;
let deskCookie: string;
let events: ReturnType<typeof collectEvents>;

function useRuntime(c: DomainContext) {
  (globalThis as G)[RUNTIME_KEY] = {
    ctx: c,
    testClock: null,
    ready: Promise.resolve(),
    realtime: null,
    tickScheduler: null,
  };
}

/** Pairs a device by giving it a known credential (stored as its hash, as pairDevice does). */
async function pair(deviceId: string): Promise<string> {
  const credential = randomToken();
  await ctx.db.device.update({
    where: { id: deviceId },
    data: { credentialHash: sha256(credential), pairedAt: ctx.clock.now() },
  });
  return `${DEVICE_COOKIE}=${encodeURIComponent(credential)}`;
}

const post = (url: string, body: unknown, cookie?: string, headers: Record<string, string> = {}) =>
  new Request(`http://kiosk.test${url}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}), ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

beforeAll(() => {
  vi.spyOn(console, "error").mockImplementation(() => {});
});
beforeEach(async () => {
  ctx = await testContext();
  await resetDb(ctx.db);
  useRuntime(ctx);
  events = collectEvents(ctx);
  site = await makeSite(ctx.db, { controlledEntrance: true });
  kioskCookie = await pair(site.kiosk.id);
  const desk = await ctx.db.device.create({
    data: { id: "desk-1", name: "Balie", kind: "DESK", locationId: site.locationId },
  });
  deskCookie = await pair(desk.id);
});
afterAll(async () => {
  delete (globalThis as G)[RUNTIME_KEY];
  vi.restoreAllMocks();
  await closeTestDb();
});

describe("kiosk routes", () => {
  it("run a whole invite check-in and check-out through the handlers", async () => {
    const { invite } = await makeInvite(ctx, site);
    const identify = await identifyRoute(
      post("/api/kiosk/identify", { language: "nl", input: { kind: "scan", text: invite } }, kioskCookie),
    );
    expect(identify.status).toBe(200);
    const rules = await identify.json();
    expect(rules).toMatchObject({ step: "rules", firstName: "Fatima", rules: { version: 1 } });

    const accept = await checkInRoute(
      post("/api/kiosk/check-in", { pending: rules.pending, decision: "accept" }, kioskCookie),
    );
    expect(accept.status).toBe(200);
    const done = await accept.json();
    expect(done).toMatchObject({ step: "checked-in", firstName: "Fatima", waitAlertMinutes: 10 });
    expect(events.named("door.release_requested")).toHaveLength(1);

    const leave = await checkOutRoute(
      post("/api/kiosk/check-out", { input: { kind: "leave-code", code: ` ${done.leaveCode} ` } }, kioskCookie),
    );
    expect(await leave.json()).toEqual({ step: "checked-out", firstName: "Fatima" });
    expect(await ctx.db.visit.findFirstOrThrow()).toMatchObject({ status: "CHECKED_OUT" });
  });

  it("accept a minimal walk-in form with the age as typed text", async () => {
    await ctx.db.location.update({ where: { id: site.locationId }, data: { registrationMode: "MINIMAL" } });
    const res = await identifyRoute(
      post(
        "/api/kiosk/identify",
        {
          language: "ar",
          input: {
            kind: "walk-in",
            fields: { mode: "MINIMAL", firstName: "Ahmad", age: "34", nationalityGroup: "NON_EU" },
          },
        },
        kioskCookie,
      ),
    );
    expect(res.status).toBe(200);
    const asked = await res.json();
    expect(asked).toMatchObject({ step: "rules", firstName: "Ahmad" });
    // Nothing is stored before the visitor has answered the house rules.
    expect(await ctx.db.visitor.count()).toBe(0);
    const done = await checkInRoute(
      post("/api/kiosk/check-in", { pending: asked.pending, decision: "accept" }, kioskCookie),
    );
    expect(await done.json()).toMatchObject({ step: "checked-in", firstName: "Ahmad" });
    expect(await ctx.db.visitor.findFirstOrThrow()).toMatchObject({
      age: 34,
      nationalityGroup: "NON_EU",
      lastName: null,
    });
  });

  it("report the kiosk's location and called numbers while idle", async () => {
    const res = await stateRoute(
      new Request("http://kiosk.test/api/kiosk/state", { headers: { cookie: kioskCookie } }),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      location: {
        id: site.locationId,
        name: `Location ${site.locationId}`,
        kind: "APPOINTMENT",
        registrationMode: "FULL",
        waitAlertMinutes: 10,
        hasCapacity: false,
      },
      calledNumbers: [],
      evacuation: false,
    });
  });

  it("refuse a request without a device, with an unknown credential, or from another kind of device", async () => {
    const body = { language: "nl", input: { kind: "scan", text: "hello" } };
    const anonymous = await identifyRoute(post("/api/kiosk/identify", body));
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ ok: false, code: "UNAUTHORIZED" });

    const unknown = await identifyRoute(post("/api/kiosk/identify", body, `${DEVICE_COOKIE}=not-a-credential`));
    expect(unknown.status).toBe(401);
    expect(await unknown.json()).toMatchObject({ code: "DEVICE_REVOKED" });

    const desk = await identifyRoute(post("/api/kiosk/identify", body, deskCookie));
    expect(desk.status).toBe(403);
    expect(
      (await stateRoute(new Request("http://kiosk.test/api/kiosk/state", { headers: { cookie: deskCookie } }))).status,
    ).toBe(403);

    // A working kiosk (its device is now kept briefly by requireDevice), revoked by an admin: the
    // very next request is refused.
    expect((await identifyRoute(post("/api/kiosk/identify", body, kioskCookie))).status).toBe(200);
    await revokeDevice(ctx, site.admin, site.kiosk.id);
    expect((await identifyRoute(post("/api/kiosk/identify", body, kioskCookie))).status).toBe(401);
  });

  it("answer bad input with 4xx and no detail, never a 500", async () => {
    const bad = async (req: Request, status: number) => {
      const res = await identifyRoute(req);
      expect(res.status).toBe(status);
      const json = await res.json();
      expect(json.ok).toBe(false);
      expect(JSON.stringify(json)).not.toMatch(/at \w+ \(|prisma|stack/i);
    };
    await bad(post("/api/kiosk/identify", "{not json", kioskCookie), 400);
    await bad(post("/api/kiosk/identify", { language: "de", input: { kind: "scan", text: "x" } }, kioskCookie), 422);
    await bad(post("/api/kiosk/identify", { language: "nl", input: { kind: "scan", text: "" } }, kioskCookie), 422);
    await bad(
      post("/api/kiosk/identify", { language: "nl", input: { kind: "scan", text: "x".repeat(513) } }, kioskCookie),
      422,
    );
    await bad(
      post(
        "/api/kiosk/identify",
        {
          language: "nl",
          input: { kind: "walk-in", fields: { mode: "MINIMAL", firstName: "A", age: 200, nationalityGroup: "NL" } },
        },
        kioskCookie,
      ),
      422,
    );
    await bad(
      post(
        "/api/kiosk/identify",
        {
          language: "nl",
          input: {
            kind: "walk-in",
            fields: { mode: "FULL", firstName: "A", lastName: "B", purpose: "x", dateOfBirth: "1-1-1980" },
          },
        },
        kioskCookie,
      ),
      422,
    );
    await bad(
      post("/api/kiosk/identify", { language: "nl", input: { kind: "scan", text: "a".repeat(20_000) } }, kioskCookie),
      413,
    );

    const check = await checkInRoute(post("/api/kiosk/check-in", { pending: "x", decision: "maybe" }, kioskCookie));
    expect(check.status).toBe(422);
    // A well-formed but forged rules token is a normal kiosk answer, not an error.
    const forged = await checkInRoute(
      post("/api/kiosk/check-in", { pending: "abc.def", decision: "accept" }, kioskCookie),
    );
    expect(forged.status).toBe(200);
    expect(await forged.json()).toEqual({ step: "see-desk", reason: "code" });
    const out = await checkOutRoute(
      post("/api/kiosk/check-out", { input: { kind: "leave-code", code: "12345678901" } }, kioskCookie),
    );
    expect(out.status).toBe(422);
    expect(await ctx.db.visit.count()).toBe(0);
  });

  it("answer errors in the caller's language", async () => {
    const res = await identifyRoute(
      post("/api/kiosk/identify", "{", kioskCookie, { "accept-language": "en-GB,en;q=0.9" }),
    );
    const en = await res.json();
    const nl = await (await identifyRoute(post("/api/kiosk/identify", "{", kioskCookie))).json();
    expect(en.code).toBe("BAD_JSON");
    expect(en.message).not.toBe(nl.message);
  });
});
