// The MQTT door driver against the real Mosquitto on 127.0.0.1:1883 (PORTIER_TEST_MQTT_URL
// overrides it): relay commands on the door's command topic, sensor messages that change the
// door's state, the fire input, and a dropped connection noticed and recovered. Each test uses its
// own random topic prefix, so runs sharing the broker do not meet.
import { randomBytes } from "node:crypto";
import mqtt, { type MqttClient } from "mqtt";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { releaseDoor } from "@/src/domain/doors/doors";
import { type DoorDrivers, startDoorDrivers } from "@/src/server/door-drivers";
import { parseSensorPayload } from "@/src/server/door-drivers/mqtt";
import { staffActorOf } from "@/tests/helpers/fixtures";
import { makeSite, type Site } from "@/tests/helpers/kiosk-fixtures";
import { MQTT_TEST_BROKER, skipWithoutBroker } from "@/tests/helpers/mqtt-broker";
import { closeTestDb, resetDb, type TestContext, testContext } from "@/tests/helpers/test-db";

const BROKER = MQTT_TEST_BROKER;
const skipMqtt = await skipWithoutBroker("MQTT door");
const WAIT = { timeout: 10_000, interval: 20 };

let ctx: TestContext;
let site: Site;
let prefix: string;
let drivers: DoorDrivers | null = null;
let probe: MqttClient | null = null;
const received: { topic: string; payload: string }[] = [];

beforeEach(async () => {
  ctx = await testContext();
  await resetDb(ctx.db);
  prefix = `test-doors-${randomBytes(4).toString("hex")}`;
  // A random location id too: the fire topic names the location, and the broker is shared.
  site = await makeSite(ctx.db, { id: `loc-${prefix}`, controlledEntrance: true });
  for (const [id, kind, group] of [
    ["m-outer", "ENTRANCE_OUTER", "sluis"],
    ["m-inner", "ENTRANCE_INNER", "sluis"],
  ] as const) {
    await ctx.db.door.create({
      data: {
        id,
        locationId: site.locationId,
        name: id,
        kind,
        fromZone: "OUTSIDE",
        toZone: "PUBLIC",
        interlockGroup: group,
        driver: "MQTT",
        commandTopic: `${prefix}/${id}/set`,
        stateTopic: `${prefix}/${id}/state`,
        availabilityTopic: id === "m-inner" ? `${prefix}/${id}/availability` : null,
      },
    });
  }
  received.length = 0;
  probe = await mqtt.connectAsync(BROKER, { reconnectPeriod: 0 });
  await probe.subscribeAsync(`${prefix}/#`);
  probe.on("message", (topic, payload) => received.push({ topic, payload: payload.toString() }));
  drivers = startDoorDrivers(ctx, { mqttUrl: BROKER });
  const d = drivers;
  await vi.waitFor(() => expect(d.mqtt?.connected()).toBe(true), WAIT);
  await d.mqtt?.sync();
});
afterEach(async () => {
  await drivers?.stop();
  drivers = null;
  await probe?.endAsync(true);
  probe = null;
});
afterAll(closeTestDb);

const door = (id: string) => ctx.db.door.findUniqueOrThrow({ where: { id } });
const reception = () => staffActorOf("balie", "RECEPTION", [site.locationId]);

describe.skipIf(skipMqtt)("the MQTT door driver", () => {
  it("publishes ON on the relay command topic for a release, OFF when the door locks again", async () => {
    expect(await releaseDoor(ctx, reception(), "m-outer")).toEqual({ ok: true, status: "released" });
    await vi.waitFor(() => expect(received).toContainEqual({ topic: `${prefix}/m-outer/set`, payload: "ON" }), WAIT);
    // The door is opened and closed: its sensor reports, the door locks (OFF).
    await probe?.publishAsync(`${prefix}/m-outer/state`, "OPEN");
    await vi.waitFor(async () => expect(await door("m-outer")).toMatchObject({ open: true }), WAIT);
    await probe?.publishAsync(`${prefix}/m-outer/state`, "CLOSED");
    await vi.waitFor(async () => expect(await door("m-outer")).toMatchObject({ open: false, released: false }), WAIT);
    await vi.waitFor(() => expect(received).toContainEqual({ topic: `${prefix}/m-outer/set`, payload: "OFF" }), WAIT);
  });

  it("an availability message takes a controller offline (safe state, desk alert) and back", async () => {
    await probe?.publishAsync(`${prefix}/m-inner/availability`, "offline");
    await vi.waitFor(async () => expect(await door("m-inner")).toMatchObject({ controllerOnline: false }), WAIT);
    expect(await ctx.db.deskAlert.findFirst({ where: { kind: "DOOR_CONTROLLER_OFFLINE" } })).not.toBeNull();
    await probe?.publishAsync(`${prefix}/m-inner/availability`, "online");
    await vi.waitFor(async () => expect(await door("m-inner")).toMatchObject({ controllerOnline: true }), WAIT);
  });

  it("the fire input releases every door of the location", async () => {
    await probe?.publishAsync(`portier/locations/${site.locationId}/fire`, "ON");
    await vi.waitFor(async () => {
      const doors = await ctx.db.door.findMany();
      expect(doors.every((d) => d.released)).toBe(true);
    }, WAIT);
    await vi.waitFor(() => expect(received).toContainEqual({ topic: `${prefix}/m-inner/set`, payload: "ON" }), WAIT);
    await probe?.publishAsync(`portier/locations/${site.locationId}/fire`, "OFF");
    await vi.waitFor(async () => {
      const doors = await ctx.db.door.findMany();
      expect(doors.some((d) => d.released)).toBe(false);
    }, WAIT);
  });

  it("notices a dropped broker connection (doors offline) and recovers by itself", async () => {
    const m = drivers?.mqtt;
    if (!m) throw new Error("no MQTT driver");
    m.client.stream.destroy();
    await vi.waitFor(async () => expect(await door("m-outer")).toMatchObject({ controllerOnline: false }), WAIT);
    await vi.waitFor(() => expect(m.connected()).toBe(true), WAIT);
    // Back: the door without an availability topic is online again, and sensor messages work.
    await vi.waitFor(async () => expect(await door("m-outer")).toMatchObject({ controllerOnline: true }), WAIT);
    await m.sync();
    await probe?.publishAsync(`${prefix}/m-outer/state`, "ON");
    await vi.waitFor(async () => expect(await door("m-outer")).toMatchObject({ open: true }), WAIT);
  });
});

describe("sensor payloads", () => {
  it("understands ESPHome, Tasmota and zigbee2mqtt door contacts", () => {
    expect(parseSensorPayload("OPEN")).toBe(true);
    expect(parseSensorPayload("closed")).toBe(false);
    expect(parseSensorPayload("ON")).toBe(true);
    expect(parseSensorPayload("0")).toBe(false);
    expect(parseSensorPayload('{"contact":true}')).toBe(false);
    expect(parseSensorPayload('{"state":"OPEN"}')).toBe(true);
    expect(parseSensorPayload("banana")).toBeNull();
  });
});
