// The MQTT listener against the real Mosquitto on 127.0.0.1:1883 (PORTIER_TEST_MQTT_URL overrides
// it). Every test uses its own random topic prefix, so runs sharing the broker do not meet.
import { randomBytes } from "node:crypto";
import mqtt, { type MqttClient } from "mqtt";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { registerAlarmButton, revokeAlarmButton } from "@/src/domain/alarms/buttons";
import { type ButtonLog, type MqttButtons, startMqttButtons } from "@/src/server/mqtt-buttons";
import { makeSite, type Site } from "@/tests/helpers/kiosk-fixtures";
import { MQTT_TEST_BROKER, skipWithoutBroker } from "@/tests/helpers/mqtt-broker";
import { closeTestDb, resetDb, type TestContext, testContext } from "@/tests/helpers/test-db";

const BROKER = MQTT_TEST_BROKER;
const skipMqtt = await skipWithoutBroker("MQTT button");
const WAIT = { timeout: 10_000, interval: 20 };

let ctx: TestContext;
let site: Site;
let prefix: string;
let listener: MqttButtons | null = null;
let publisher: MqttClient | null = null;
let logged: { level: "info" | "warn" | "error"; message: string }[];
const log: ButtonLog = {
  info: (message) => logged.push({ level: "info", message }),
  warn: (message) => logged.push({ level: "warn", message }),
  error: (message) => logged.push({ level: "error", message }),
};
const rooms = () => ({ a: `${site.locationId}-consult`, b: `${site.locationId}-second` });

async function button(room: string, topic: string, level: "ASSISTANCE" | "EMERGENCY" = "EMERGENCY") {
  const { button } = await registerAlarmButton(ctx, site.admin, {
    name: `Knop ${topic}`,
    locationId: site.locationId,
    roomId: room,
    level,
    mqttTopic: `${prefix}/${topic}`,
    webhook: false,
  });
  return button;
}

function start() {
  listener = startMqttButtons(ctx, { url: BROKER, reconnectPeriodMs: 200, log });
  return listener;
}

async function ready(l: MqttButtons, topics: number) {
  await vi.waitFor(() => {
    expect(l.status()).toMatchObject({ state: "connected", topics });
  }, WAIT);
}

async function publish(topic: string, payload: string, opts: { retain?: boolean } = {}) {
  publisher ??= await mqtt.connectAsync(BROKER, { clientId: `portier-test-pub-${randomBytes(4).toString("hex")}` });
  await publisher.publishAsync(`${prefix}/${topic}`, payload, { qos: 1, retain: opts.retain ?? false });
}

const alarmsIn = (roomId: string) => ctx.db.alarm.findMany({ where: { roomId } });

beforeEach(async () => {
  ctx = await testContext();
  await resetDb(ctx.db);
  site = await makeSite(ctx.db);
  await ctx.db.room.create({ data: { id: rooms().b, locationId: site.locationId, name: "Kamer 2", kind: "CONSULT" } });
  prefix = `portier-test/${randomBytes(6).toString("hex")}`;
  logged = [];
});
afterEach(async () => {
  await listener?.stop();
  listener = null;
  await publisher?.endAsync(true);
  publisher = null;
});
afterAll(closeTestDb);

describe.skipIf(skipMqtt)("MQTT buttons (real broker)", () => {
  it("a press on a registered topic raises the room's alarm at once", async () => {
    const b = await button(rooms().a, "knop-a", "ASSISTANCE");
    const l = start();
    await ready(l, 1);
    await publish("knop-a", JSON.stringify({ action: "single", battery: 91, linkquality: 120 }));
    await vi.waitFor(async () => expect(await alarmsIn(rooms().a)).toHaveLength(1), WAIT);
    const [alarm] = await alarmsIn(rooms().a);
    expect(alarm).toMatchObject({ source: "BUTTON_MQTT", buttonId: b.id, status: "OPEN", level: "ASSISTANCE" });
  });

  it("an explicit level overrides the button's own", async () => {
    await button(rooms().a, "knop-a", "EMERGENCY");
    const l = start();
    await ready(l, 1);
    await publish("knop-a", JSON.stringify({ level: "ASSISTANCE" }));
    await vi.waitFor(async () => expect(await alarmsIn(rooms().a)).toHaveLength(1), WAIT);
    expect((await alarmsIn(rooms().a))[0].level).toBe("ASSISTANCE");
  });

  it("logs and ignores a malformed payload and keeps working: the next good press raises", async () => {
    await button(rooms().a, "knop-a");
    const l = start();
    await ready(l, 1);
    await publish("knop-a", "{this is not json");
    await publish("knop-a", JSON.stringify({ action: 17 }));
    await vi.waitFor(() => expect(logged.filter((e) => e.message.includes("malformed payload"))).toHaveLength(2), WAIT);
    expect(await alarmsIn(rooms().a)).toHaveLength(0);
    // A state report is not a press either (and is not worth a warning).
    await publish("knop-a", JSON.stringify({ battery: 80 }));
    await publish("knop-a", JSON.stringify({ action: "hold" }));
    await vi.waitFor(async () => expect(await alarmsIn(rooms().a)).toHaveLength(1), WAIT);
    expect(l.status().state).toBe("connected");
  });

  it("a message on a topic of no button does nothing", async () => {
    await button(rooms().b, "knop-b");
    const l = start();
    await ready(l, 1);
    // Not subscribed: the broker never hands it over. Then a press on the real button, as a marker.
    await publish("unknown-topic", JSON.stringify({ action: "single" }));
    await publish("knop-b", JSON.stringify({ action: "single" }));
    await vi.waitFor(async () => expect(await alarmsIn(rooms().b)).toHaveLength(1), WAIT);
    expect(await ctx.db.alarm.count()).toBe(1);
    // Even if one reached the handler (a race with an unsubscribe), it is logged and dropped.
    l.client.emit("message", `${prefix}/stray`, Buffer.from('{"action":"single"}'), {
      cmd: "publish",
      topic: `${prefix}/stray`,
      payload: "",
      qos: 0,
      retain: false,
      dup: false,
    });
    await l.idle();
    expect(logged.some((e) => e.level === "warn" && e.message.includes("belongs to no active button"))).toBe(true);
    expect(await ctx.db.alarm.count()).toBe(1);
  });

  it("a revoked button does nothing; a new button is subscribed without a restart", async () => {
    const a = await button(rooms().a, "knop-a");
    const l = start();
    await ready(l, 1);
    await revokeAlarmButton(ctx, site.admin, a.id);
    await ready(l, 0);
    await button(rooms().b, "knop-b");
    await ready(l, 1);
    await publish("knop-a", JSON.stringify({ action: "single" }));
    await publish("knop-b", JSON.stringify({ action: "single" }));
    await vi.waitFor(async () => expect(await alarmsIn(rooms().b)).toHaveLength(1), WAIT);
    expect(await alarmsIn(rooms().a)).toHaveLength(0);
  });

  it("ignores a retained old message that the broker hands over on subscribing", async () => {
    await button(rooms().a, "knop-a");
    await publish("knop-a", JSON.stringify({ action: "single" }), { retain: true });
    try {
      const l = start();
      await ready(l, 1);
      await vi.waitFor(() => expect(logged.some((e) => e.message.includes("retained message"))).toBe(true), WAIT);
      await l.idle();
      expect(await ctx.db.alarm.count()).toBe(0);
    } finally {
      await publish("knop-a", "", { retain: true }); // clears the retained message
    }
  });

  it("a live press that the button publishes with the retain flag still raises", async () => {
    // Some zigbee2mqtt set-ups retain device messages; a subscriber that is already there gets them
    // without the flag, and only the copy kept for later subscribers is an old message.
    await button(rooms().a, "knop-a");
    const l = start();
    await ready(l, 1);
    try {
      await publish("knop-a", JSON.stringify({ action: "single" }), { retain: true });
      await vi.waitFor(async () => expect(await alarmsIn(rooms().a)).toHaveLength(1), WAIT);
    } finally {
      await publish("knop-a", "", { retain: true });
    }
  });

  it("reconnects by itself when the connection drops, and presses work again", async () => {
    await button(rooms().a, "knop-a");
    const l = start();
    await ready(l, 1);
    // The connection dies under the client (as when the broker restarts or the network drops).
    l.client.stream.destroy();
    await vi.waitFor(() => expect(logged.some((e) => e.message.includes("lost the connection"))).toBe(true), WAIT);
    await ready(l, 1);
    await publish("knop-a", JSON.stringify({ action: "single" }));
    await vi.waitFor(async () => expect(await alarmsIn(rooms().a)).toHaveLength(1), WAIT);
  });

  it("reconnects after the broker drops it (another client takes its client id)", async () => {
    await button(rooms().b, "knop-b");
    const clientId = `portier-test-listener-${randomBytes(4).toString("hex")}`;
    listener = startMqttButtons(ctx, { url: BROKER, reconnectPeriodMs: 200, log, clientId });
    await ready(listener, 1);
    const lost = logged.length;
    // The broker disconnects a session whose client id connects again elsewhere.
    const impostor = await mqtt.connectAsync(BROKER, { clientId, reconnectPeriod: 0 });
    await vi.waitFor(
      () => expect(logged.slice(lost).some((e) => e.message.includes("lost the connection"))).toBe(true),
      WAIT,
    );
    await impostor.endAsync(true);
    await ready(listener, 1);
    await publish("knop-b", JSON.stringify({ action: "double" }));
    await vi.waitFor(async () => expect(await alarmsIn(rooms().b)).toHaveLength(1), WAIT);
  });

  it("reports a broker it cannot reach as disconnected, without crashing", async () => {
    listener = startMqttButtons(ctx, { url: "mqtt://127.0.0.1:1", reconnectPeriodMs: 200, log });
    await vi.waitFor(() => expect(listener?.status().lastError).toBeTruthy(), WAIT);
    expect(listener.status()).toMatchObject({ state: "disconnected", broker: "mqtt://127.0.0.1:1", topics: 0 });
  });
});
