// The MQTT door driver, ESPHome/Tasmota style (docs/doors.md). Per door:
//   commandTopic       Portier publishes ON (release) or OFF (lock) — a relay.
//   stateTopic         the controller publishes the door sensor: OPEN/CLOSED, ON/OFF, 1/0, true/false
//                      (ON = open, as a binary_sensor door contact does), or JSON {"state": …}/{"contact": …}.
//   availabilityTopic  online/offline (the controller's last will), optional.
// Started by server.ts only when PORTIER_MQTT_URL is set (the same broker as the panic buttons, its
// own connection). It reconnects by itself; while the broker is unreachable every MQTT door is
// reported offline (its controller cannot be reached), and on reconnect it is back (or, with an
// availability topic, whatever the controller's retained availability says).
// The fire input: `portier/locations/<locationId>/fire` with ON/FIRE/1/true starts the emergency
// release of that location, OFF/CLEAR/0/false ends it.
import mqtt, { type IClientOptions, type MqttClient } from "mqtt";
import { systemActor } from "@/src/domain/access/actor";
import type { DomainContext } from "@/src/domain/db";
import { reportDoorController, reportDoorSensor, setEmergencyRelease } from "@/src/domain/doors/doors";
import type { DoorDriver, DriverCommand, DriverDoor } from "@/src/server/door-drivers/types";
import { redactUrl } from "@/src/server/mqtt-buttons";

export const FIRE_TOPIC_FILTER = "portier/locations/+/fire";
export const defaultDoorTopics = (doorId: string) => ({
  commandTopic: `portier/doors/${doorId}/set`,
  stateTopic: `portier/doors/${doorId}/state`,
  availabilityTopic: `portier/doors/${doorId}/availability`,
});

/** A sensor payload as open (true), closed (false), or null when it is not understood. */
export function parseSensorPayload(payload: Buffer | string): boolean | null {
  let text = payload.toString().trim();
  if (text.startsWith("{")) {
    try {
      const j = JSON.parse(text) as Record<string, unknown>;
      // zigbee2mqtt contact sensors: contact true = closed.
      if (typeof j.contact === "boolean") return !j.contact;
      text = String(j.state ?? j.door ?? j.value ?? "");
    } catch {
      return null;
    }
  }
  const t = text.toUpperCase();
  if (["OPEN", "ON", "1", "TRUE", "OPENED"].includes(t)) return true;
  if (["CLOSED", "CLOSE", "OFF", "0", "FALSE"].includes(t)) return false;
  return null;
}

/** An availability or fire payload: on (true), off (false) or not understood (null). */
export function parseOnOff(payload: Buffer | string, on: string[], off: string[]): boolean | null {
  const t = payload.toString().trim().toUpperCase();
  if (on.includes(t)) return true;
  if (off.includes(t)) return false;
  return null;
}

export interface MqttDoorDriver extends DoorDriver {
  readonly client: MqttClient;
  connected(): boolean;
  /** Re-reads the MQTT doors and subscribes to their topics. */
  sync(): Promise<void>;
  /** Resolves once every message received so far has been handled (tests). */
  idle(): Promise<void>;
}

export function startMqttDoorDriver(
  ctx: DomainContext,
  options: { url: string; reconnectPeriodMs?: number; clientId?: string; resyncMs?: number },
): MqttDoorDriver {
  const broker = redactUrl(options.url);
  const clientOptions: IClientOptions = {
    clientId: options.clientId ?? `portier-doors-${process.pid}-${Math.random().toString(36).slice(2, 8)}`,
    reconnectPeriod: options.reconnectPeriodMs ?? 2000,
    connectTimeout: 10_000,
    keepalive: 30,
    clean: true,
    resubscribe: false,
  };
  const client = mqtt.connect(options.url, clientOptions);
  let stopped = false;
  let up = false;
  /** topic → what it means */
  let routes = new Map<string, { doorId: string; kind: "state" | "availability" }>();

  let handling: Promise<void> = Promise.resolve();
  const enqueue = (fn: () => Promise<void>) => {
    handling = handling.then(fn).catch((err) => console.error("[door-mqtt]", err instanceof Error ? err.message : err));
    return handling;
  };

  async function mqttDoors() {
    return ctx.db.door.findMany({
      where: { driver: "MQTT", active: true },
      select: { id: true, stateTopic: true, availabilityTopic: true },
    });
  }

  async function doSync() {
    if (stopped || !client.connected) return;
    const doors = await mqttDoors();
    const next = new Map<string, { doorId: string; kind: "state" | "availability" }>();
    for (const d of doors) {
      if (d.stateTopic) next.set(d.stateTopic, { doorId: d.id, kind: "state" });
      if (d.availabilityTopic) next.set(d.availabilityTopic, { doorId: d.id, kind: "availability" });
    }
    const add = [...next.keys()].filter((t) => !routes.has(t));
    routes = next;
    if (add.length) await client.subscribeAsync(add, { qos: 1 });
  }
  let syncing: Promise<void> = Promise.resolve();
  const sync = () => {
    syncing = syncing.then(doSync).catch((err) => console.error("[door-mqtt] subscribing failed:", err));
    return syncing;
  };

  client.on("connect", () => {
    up = true;
    routes = new Map();
    console.log(`[door-mqtt] connected to ${broker}`);
    void client.subscribeAsync(FIRE_TOPIC_FILTER, { qos: 1 }).catch(() => {});
    void sync().then(() =>
      enqueue(async () => {
        // Doors without an availability topic are reachable as long as the broker is.
        for (const d of await mqttDoors()) {
          if (!d.availabilityTopic) await reportDoorController(ctx, d.id, true, "mqtt");
        }
      }),
    );
  });
  const down = () => {
    if (!up || stopped) return;
    up = false;
    console.warn(`[door-mqtt] lost the connection to ${broker}; reconnecting`);
    void enqueue(async () => {
      for (const d of await mqttDoors()) await reportDoorController(ctx, d.id, false, "mqtt");
    });
  };
  client.on("close", down);
  client.on("offline", down);
  client.on("error", (err) => console.warn(`[door-mqtt] broker ${broker}: ${err.message}`));

  client.on("message", (topic, payload) => {
    void enqueue(async () => {
      const fire = /^portier\/locations\/([^/]+)\/fire$/.exec(topic);
      if (fire) {
        const on = parseOnOff(payload, ["ON", "FIRE", "1", "TRUE", "ALARM"], ["OFF", "CLEAR", "0", "FALSE", "OK"]);
        if (on === null) return;
        const location = await ctx.db.location.findUnique({ where: { id: fire[1] }, select: { id: true } });
        if (location) await setEmergencyRelease(ctx, systemActor, location.id, on, on ? "fire input (MQTT)" : "");
        return;
      }
      const route = routes.get(topic);
      if (!route) return;
      if (route.kind === "state") {
        const open = parseSensorPayload(payload);
        if (open !== null) await reportDoorSensor(ctx, route.doorId, open, "mqtt");
      } else {
        const online = parseOnOff(payload, ["ONLINE", "ON", "1", "TRUE"], ["OFFLINE", "OFF", "0", "FALSE"]);
        if (online !== null) await reportDoorController(ctx, route.doorId, online, "mqtt");
      }
    });
  });

  const resync = setInterval(() => void sync(), options.resyncMs ?? 60_000);
  resync.unref();

  return {
    kind: "MQTT",
    client,
    connected: () => client.connected,
    sync,
    idle: async () => {
      for (;;) {
        const current = handling;
        await current;
        if (current === handling) return;
      }
    },
    async command(door: DriverDoor, command: DriverCommand) {
      if (!door.commandTopic) return;
      try {
        await client.publishAsync(door.commandTopic, command.type === "release" ? "ON" : "OFF", { qos: 1 });
      } catch (err) {
        console.error(`[door-mqtt] command to ${door.commandTopic} failed:`, err instanceof Error ? err.message : err);
      }
    },
    async stop() {
      stopped = true;
      clearInterval(resync);
      await client.endAsync(true).catch(() => {});
    },
  };
}
