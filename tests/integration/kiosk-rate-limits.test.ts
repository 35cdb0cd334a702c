// Rate limits at the kiosk, through its route handlers on the real database: guessing leave codes
// is blocked per kiosk after LEAVE_CODE_MISS_LIMIT misses (429 in the caller's language, one
// audit event, other kiosks and other ways out unaffected, lifted after 15 minutes), and a
// kiosk's identify / check-in / check-out requests are capped per minute.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { POST as checkOutRoute } from "@/app/api/kiosk/check-out/route";
import { POST as identifyRoute } from "@/app/api/kiosk/identify/route";
import { randomToken, sha256 } from "@/src/domain/crypto";
import { completeCheckIn, identifyAtKiosk } from "@/src/domain/visits/kiosk-check-in";
import { LEAVE_CODE_MISS_LIMIT } from "@/src/domain/visits/leave-code-throttle";
import { DEVICE_COOKIE } from "@/src/server/auth/device-cookie";
import { KIOSK_REQUESTS_PER_MINUTE } from "@/src/server/kiosk-budget";
import type { Runtime } from "@/src/server/runtime";
import { acceptRules, MINUTE, makePassVisitor, makeSite, type Site } from "@/tests/helpers/kiosk-fixtures";
import { closeTestDb, resetDb, type TestContext, testContext } from "@/tests/helpers/test-db";

const RUNTIME_KEY = Symbol.for("portier.runtime");
type G = typeof globalThis & { [RUNTIME_KEY]?: Runtime };

let ctx: TestContext;
let site: Site;
let cookie: string;

async function pair(deviceId: string): Promise<string> {
  const credential = randomToken();
  await ctx.db.device.update({
    where: { id: deviceId },
    data: { credentialHash: sha256(credential), pairedAt: ctx.clock.now() },
  });
  return `${DEVICE_COOKIE}=${encodeURIComponent(credential)}`;
}
const post = (path: string, body: unknown, c: string, language = "nl") =>
  new Request(`http://kiosk.test${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: c, "accept-language": language },
    body: JSON.stringify(body),
  });
const leaveCode = (code: string, c = cookie, language = "nl") =>
  checkOutRoute(post("/api/kiosk/check-out", { input: { kind: "leave-code", code } }, c, language));

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
  site = await makeSite(ctx.db);
  cookie = await pair(site.kiosk.id);
});
afterAll(async () => {
  delete (globalThis as G)[RUNTIME_KEY];
  vi.restoreAllMocks();
  await closeTestDb();
});

async function checkedInLeaveCode(): Promise<{ code: string; passText: string }> {
  const { visitor, passText } = await makePassVisitor(ctx.db, { firstName: "Sanne", lastName: "Jansen" });
  await acceptRules(ctx.db, visitor.id, site.locationId);
  const first = await identifyAtKiosk(ctx, site.kiosk, { kind: "scan", text: passText }, "nl");
  const done = first.step === "rules" ? await completeCheckIn(ctx, site.kiosk, first.pending, "accept") : first;
  if (done.step !== "checked-in") throw new Error(`expected checked-in, got ${done.step}`);
  return { code: done.leaveCode, passText };
}

describe("leave-code guessing at a kiosk", () => {
  it("is blocked after the limit: 429 in the caller's language, audited once, lifted after 15 minutes", async () => {
    const { code } = await checkedInLeaveCode();
    const wrong = (i: number) => String((Number(code) + 1 + i) % 1_000_000).padStart(6, "0");
    // Malformed codes can never match: they are not counted.
    for (const bad of ["abc", "12", "12345678"]) expect((await leaveCode(bad)).status).toBe(200);
    for (let i = 0; i < LEAVE_CODE_MISS_LIMIT; i++) {
      const res = await leaveCode(wrong(i));
      expect(res.status, `miss ${i + 1}`).toBe(200);
      expect(await res.json()).toEqual({ step: "see-desk", reason: "code" });
    }
    // Now even the right code is refused at this kiosk: a guesser learns nothing more.
    const blocked = await leaveCode(code);
    expect(blocked.status).toBe(429);
    expect(await blocked.json()).toEqual({
      ok: false,
      code: "RATE_LIMITED",
      message: "Te veel pogingen. Probeer het later opnieuw.",
    });
    const inEnglish = await leaveCode(code, cookie, "en");
    expect(await inEnglish.json()).toMatchObject({
      code: "RATE_LIMITED",
      message: "Too many attempts. Please try again later.",
    });
    expect(await ctx.db.visit.count({ where: { status: "WAITING" } })).toBe(1);
    const audit = await ctx.db.auditEvent.findMany({ where: { action: "kiosk.leave_codes_blocked" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorType: "DEVICE", actorId: site.kiosk.id, locationId: site.locationId });
    expect(audit[0].data).not.toContain(code);

    // Another kiosk of the location is not blocked.
    const other = await ctx.db.device.create({
      data: { id: "kiosk-2", name: "Kiosk 2", kind: "KIOSK", locationId: site.locationId },
    });
    const otherCookie = await pair(other.id);
    expect((await leaveCode(wrong(99), otherCookie)).status).toBe(200);

    // After the block, the right code works again.
    ctx.clock.advance(15 * MINUTE + 1000);
    const after = await leaveCode(code);
    expect(after.status).toBe(200);
    expect(await after.json()).toEqual({ step: "checked-out", firstName: "Sanne" });
  });

  it("never blocks leaving by pass while leave codes are blocked", async () => {
    const { code, passText } = await checkedInLeaveCode();
    for (let i = 0; i < LEAVE_CODE_MISS_LIMIT; i++) {
      await leaveCode(String((Number(code) + 1 + i) % 1_000_000).padStart(6, "0"));
    }
    expect((await leaveCode(code)).status).toBe(429);
    const byPass = await checkOutRoute(
      post("/api/kiosk/check-out", { input: { kind: "scan", text: passText } }, cookie),
    );
    expect(byPass.status).toBe(200);
    expect(await byPass.json()).toEqual({ step: "checked-out", firstName: "Sanne" });
  });
});

describe("a kiosk's request budget", () => {
  it(`answers 429 after ${KIOSK_REQUESTS_PER_MINUTE} requests in a minute, and serves again in the next`, async () => {
    const scan = () =>
      identifyRoute(
        post("/api/kiosk/identify", { language: "nl", input: { kind: "scan", text: "PP1.UNKNOWN0000000" } }, cookie),
      );
    for (let i = 0; i < KIOSK_REQUESTS_PER_MINUTE; i++) expect((await scan()).status, `request ${i + 1}`).toBe(200);
    const refused = await scan();
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ ok: false, code: "RATE_LIMITED" });
    // Check-out shares the budget.
    expect((await leaveCode("123456")).status).toBe(429);
    ctx.clock.advance(60_000);
    expect((await scan()).status).toBe(200);
  });
});
