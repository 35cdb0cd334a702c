// Hardware buttons: registering (topic and/or webhook secret, shown once, stored hashed), revoking,
// listing, and the webhook route `POST /api/alarms/button` called with Request objects on this
// worker's database (the process-wide runtime is pointed at it, as in kiosk-routes.test.ts).
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { POST as webhookRoute } from "@/app/api/alarms/button/route";
import {
  activeButtonTopics,
  listAlarmButtons,
  parseButtonPayload,
  registerAlarmButton,
  revokeAlarmButton,
  topicProblem,
  WEBHOOK_FAILURE_LIMIT,
} from "@/src/domain/alarms/buttons";
import { sha256 } from "@/src/domain/crypto";
import type { DomainContext } from "@/src/domain/db";
import { CLIENT_ADDRESS_HEADER } from "@/src/server/client-address";
import type { Runtime } from "@/src/server/runtime";
import { collectEvents, makeSite, type Site } from "@/tests/helpers/kiosk-fixtures";
import { closeTestDb, resetDb, type TestContext, testContext } from "@/tests/helpers/test-db";

const RUNTIME_KEY = Symbol.for("portier.runtime");
type G = typeof globalThis & { [RUNTIME_KEY]?: Runtime };

let ctx: TestContext;
let site: Site;
let roomId: string;
let warn: { mock: { calls: unknown[][] }; mockClear(): void };

function useRuntime(c: DomainContext) {
  (globalThis as G)[RUNTIME_KEY] = {
    ctx: c,
    testClock: null,
    ready: Promise.resolve(),
    realtime: null,
    tickScheduler: null,
  };
}

const call = (opts: { secret?: string; authorization?: string; body?: string; address?: string } = {}) => {
  const headers: Record<string, string> = { [CLIENT_ADDRESS_HEADER]: opts.address ?? "10.0.0.7" };
  if (opts.body !== undefined) headers["content-type"] = "application/json";
  if (opts.authorization !== undefined) headers.authorization = opts.authorization;
  else if (opts.secret !== undefined) headers.authorization = `Bearer ${opts.secret}`;
  return webhookRoute(
    new Request("http://portier.test/api/alarms/button", { method: "POST", headers, body: opts.body }),
  );
};

async function webhookButton(level: "ASSISTANCE" | "EMERGENCY" = "EMERGENCY") {
  return registerAlarmButton(ctx, site.admin, {
    name: "Knop spreekkamer",
    locationId: site.locationId,
    roomId,
    level,
    webhook: true,
  });
}

beforeAll(() => {
  warn = vi.spyOn(console, "warn").mockImplementation(() => {});
  vi.spyOn(console, "error").mockImplementation(() => {});
});
beforeEach(async () => {
  ctx = await testContext();
  await resetDb(ctx.db);
  useRuntime(ctx);
  site = await makeSite(ctx.db);
  roomId = `${site.locationId}-consult`;
  warn.mockClear();
});
afterAll(async () => {
  delete (globalThis as G)[RUNTIME_KEY];
  vi.restoreAllMocks();
  await closeTestDb();
});

describe("registering and revoking buttons", () => {
  it("shows the webhook secret once and keeps only its hash; audited; announced", async () => {
    const events = collectEvents(ctx);
    const { button, secret } = await webhookButton();
    expect(secret).toMatch(/^pab_[A-Za-z0-9_-]{43}$/);
    const row = await ctx.db.alarmButton.findUniqueOrThrow({ where: { id: button.id } });
    expect(row.secretHash).toBe(sha256(secret as string));
    const audit = await ctx.db.auditEvent.findFirstOrThrow({ where: { action: "alarm_button.registered" } });
    expect(audit.data).not.toContain(secret as string);
    expect(audit.data).not.toContain(row.secretHash as string);
    expect(events.named("alarm_button.changed")).toEqual([{ buttonId: button.id, locationId: site.locationId }]);
    expect(button).toMatchObject({ webhook: true, mqttTopic: null, roomName: "Spreekkamer", level: "EMERGENCY" });
  });

  it("registers a topic-only button without a secret; a taken topic, a wildcard or neither way in is refused", async () => {
    const { secret, button } = await registerAlarmButton(ctx, site.admin, {
      name: "Zigbee",
      locationId: site.locationId,
      roomId,
      level: "ASSISTANCE",
      mqttTopic: " zigbee2mqtt/knop-1 ",
      webhook: false,
    });
    expect(secret).toBeNull();
    expect(button.mqttTopic).toBe("zigbee2mqtt/knop-1");
    const base = { name: "B", locationId: site.locationId, roomId, level: "EMERGENCY" as const, webhook: false };
    await expect(
      registerAlarmButton(ctx, site.admin, { ...base, mqttTopic: "zigbee2mqtt/knop-1" }),
    ).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { mqttTopic: ["taken"] } });
    await expect(registerAlarmButton(ctx, site.admin, { ...base, mqttTopic: "zigbee2mqtt/#" })).rejects.toMatchObject({
      fieldErrors: { mqttTopic: ["wildcard"] },
    });
    await expect(registerAlarmButton(ctx, site.admin, { ...base, mqttTopic: "" })).rejects.toMatchObject({
      fieldErrors: { mqttTopic: ["topic_or_webhook"] },
    });
    await expect(
      registerAlarmButton(ctx, site.admin, { ...base, webhook: true, roomId: "elsewhere" }),
    ).rejects.toMatchObject({ fieldErrors: { roomId: ["unknown"] } });
    expect(await ctx.db.alarmButton.count()).toBe(1);
  });

  it("is for admins only", async () => {
    const manager = { type: "STAFF" as const, id: "m", role: "MANAGER" as const, locationIds: [site.locationId] };
    await expect(
      registerAlarmButton(ctx, manager, {
        name: "X",
        locationId: site.locationId,
        roomId,
        level: "EMERGENCY",
        webhook: true,
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(listAlarmButtons(ctx, manager)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("revoking frees the topic for a replacement and drops it from the subscriptions", async () => {
    const input = {
      name: "Zigbee",
      locationId: site.locationId,
      roomId,
      level: "EMERGENCY" as const,
      mqttTopic: "z2m/knop",
      webhook: true,
    };
    const { button } = await registerAlarmButton(ctx, site.admin, input);
    expect(await activeButtonTopics(ctx.db)).toEqual(["z2m/knop"]);
    const events = collectEvents(ctx);
    const revoked = await revokeAlarmButton(ctx, site.admin, button.id);
    expect(revoked).toMatchObject({ mqttTopic: null, webhook: false });
    expect(revoked.revokedAt).not.toBeNull();
    expect(events.named("alarm_button.changed")).toHaveLength(1);
    expect(await activeButtonTopics(ctx.db)).toEqual([]);
    const audit = await ctx.db.auditEvent.findFirstOrThrow({ where: { action: "alarm_button.revoked" } });
    expect(JSON.parse(audit.data as string)).toMatchObject({ mqttTopic: "z2m/knop" });
    await registerAlarmButton(ctx, site.admin, { ...input, name: "Vervanger" });
    const list = await listAlarmButtons(ctx, site.admin);
    expect(list.map((b) => [b.name, !!b.revokedAt])).toEqual([
      ["Vervanger", false],
      ["Zigbee", true],
    ]);
  });
});

describe("the webhook", () => {
  it("raises the room's alarm at the button's level with a valid secret, at once (no cancel window)", async () => {
    const { button, secret } = await webhookButton("EMERGENCY");
    const res = await call({ secret: secret as string });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toMatchObject({ ok: true, joined: false, status: "OPEN", level: "EMERGENCY" });
    const alarm = await ctx.db.alarm.findUniqueOrThrow({ where: { id: body.alarmId } });
    expect(alarm).toMatchObject({ source: "BUTTON_WEBHOOK", buttonId: button.id, roomId, status: "OPEN" });
    // The answer tells the button what happened, not who was paged.
    expect(body.responders).toBeUndefined();
  });

  it("takes an explicit level from the body; a second press joins the open alarm", async () => {
    const { secret } = await webhookButton("EMERGENCY");
    const first = await call({ secret: secret as string, body: JSON.stringify({ level: "ASSISTANCE" }) });
    expect(first.status).toBe(201);
    expect((await first.json()).level).toBe("ASSISTANCE");
    const second = await call({ secret: secret as string, body: "{}" });
    expect(second.status).toBe(200);
    expect(await second.json()).toMatchObject({ joined: true, level: "EMERGENCY" });
    expect(await ctx.db.alarm.count()).toBe(1);
  });

  it("still raises with a valid secret when the body cannot be read (a press is never lost to a payload quirk)", async () => {
    const { secret } = await webhookButton("ASSISTANCE");
    const res = await call({ secret: secret as string, body: "{not json" });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ level: "ASSISTANCE", bodyIgnored: true });
  });

  it("answers 401 without a secret, with a wrong one and for a revoked button — logged with the address, no alarm", async () => {
    const { button, secret } = await webhookButton();
    const missing = await call({});
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ ok: false, code: "UNAUTHORIZED" });
    expect((await call({ authorization: "Basic dXNlcjpwYXNz" })).status).toBe(401);
    expect((await call({ secret: `${secret}x` })).status).toBe(401);
    await revokeAlarmButton(ctx, site.admin, button.id);
    expect((await call({ secret: secret as string, address: "10.0.0.8" })).status).toBe(401);
    expect(await ctx.db.alarm.count()).toBe(0);

    const rejected = await ctx.db.auditEvent.findMany({
      where: { action: "alarm_button.webhook_rejected" },
      orderBy: { id: "asc" },
    });
    expect(rejected.map((e) => JSON.parse(e.data as string))).toEqual([
      { address: "10.0.0.7", reason: "missing" },
      { address: "10.0.0.7", reason: "missing" },
      { address: "10.0.0.7", reason: "unknown" },
      { address: "10.0.0.8", reason: "revoked" },
    ]);
    expect(rejected[3]).toMatchObject({
      subjectType: "AlarmButton",
      subjectId: button.id,
      locationId: site.locationId,
    });
    const logged = warn.mock.calls.map((c) => String(c[0])).join("\n");
    expect(logged).toContain("10.0.0.7");
    // The secret never reaches the log or the audit trail.
    expect(logged).not.toContain((secret as string).slice(4, 20));
    expect(JSON.stringify(rejected)).not.toContain((secret as string).slice(4, 20));
  });

  it("blocks an address after repeated failures (429), but a valid secret from it still raises", async () => {
    const { secret } = await webhookButton();
    const statuses: number[] = [];
    for (let i = 0; i < WEBHOOK_FAILURE_LIMIT + 2; i++) statuses.push((await call({ secret: `pab_wrong${i}` })).status);
    expect(statuses.slice(0, WEBHOOK_FAILURE_LIMIT - 1).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(WEBHOOK_FAILURE_LIMIT - 1).every((s) => s === 429)).toBe(true);
    const blocked = await call({ secret: "pab_wrong-again" });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    // Once blocked, wrong calls no longer fill the audit trail.
    expect(await ctx.db.auditEvent.count({ where: { action: "alarm_button.webhook_rejected" } })).toBe(
      WEBHOOK_FAILURE_LIMIT,
    );
    // Another address is not affected; and the real button is never held back.
    expect((await call({ secret: "pab_nope", address: "10.9.9.9" })).status).toBe(401);
    expect((await call({ secret: secret as string })).status).toBe(201);
  });
});

describe("MQTT payloads", () => {
  it("counts any action as a press, flags unknown ones, ignores releases and state reports, refuses junk", () => {
    expect(parseButtonPayload('{"action":"single"}')).toMatchObject({ kind: "press", unknownAction: false });
    expect(parseButtonPayload('{"action":"hold","battery":90}')).toMatchObject({ kind: "press", action: "hold" });
    expect(parseButtonPayload('{"action":"button_3_quintuple"}')).toMatchObject({ kind: "press", unknownAction: true });
    expect(parseButtonPayload('{"level":"ASSISTANCE"}')).toMatchObject({ kind: "press", level: "ASSISTANCE" });
    expect(parseButtonPayload('{"action":"double","level":"ASSISTANCE"}')).toMatchObject({ level: "ASSISTANCE" });
    expect(parseButtonPayload('{"action":"single","level":"LOUD"}')).toMatchObject({ kind: "press", badLevel: true });
    expect(parseButtonPayload('{"action":"release"}')).toEqual({ kind: "ignore", reason: "release" });
    expect(parseButtonPayload('{"action":"1_release"}')).toEqual({ kind: "ignore", reason: "release" });
    expect(parseButtonPayload('{"battery":97,"linkquality":120}')).toEqual({ kind: "ignore", reason: "no_action" });
    expect(parseButtonPayload('{"action":""}')).toEqual({ kind: "ignore", reason: "no_action" });
    expect(parseButtonPayload("single")).toEqual({ kind: "malformed", reason: "not_json" });
    expect(parseButtonPayload("")).toEqual({ kind: "malformed", reason: "not_json" });
    expect(parseButtonPayload("[1,2]")).toEqual({ kind: "malformed", reason: "not_object" });
    expect(parseButtonPayload('"single"')).toEqual({ kind: "malformed", reason: "not_object" });
    expect(parseButtonPayload('{"action":42}')).toEqual({ kind: "malformed", reason: "bad_action" });
    expect(parseButtonPayload('{"level":"LOUD"}')).toEqual({ kind: "malformed", reason: "bad_action" });
    expect(parseButtonPayload(Buffer.from(`{"action":"${"x".repeat(5000)}"}`))).toEqual({
      kind: "malformed",
      reason: "too_large",
    });
  });

  it("accepts ordinary topics and refuses wildcards and broker-internal ones", () => {
    expect(topicProblem("zigbee2mqtt/Spreekkamer 1")).toBeNull();
    expect(topicProblem("zigbee2mqtt/spreekkamer-1")).toBeNull();
    expect(topicProblem("a/+/b")).toBe("wildcard");
    expect(topicProblem("$SYS/broker")).toBe("invalid");
    expect(topicProblem("/leading")).toBe("invalid");
    expect(topicProblem("x".repeat(201))).toBe("too_long");
  });
});
