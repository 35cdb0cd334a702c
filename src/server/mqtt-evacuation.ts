// The fire panel's MQTT input (issue 6): started by server.ts only when PORTIER_MQTT_URL is set.
// It subscribes to every location's evacuation topic (EvacuationSettings.mqttTopic; follows
// `evacuation.inputs_changed` plus a periodic re-read) and turns a start message into an
// evacuation (src/domain/evacuation/evacuation-inputs.ts). Like the alarm buttons' listener:
// retained messages are ignored (an old alarm is not a new one), bad payloads are logged and
// dropped, messages are handled one after another, and the client reconnects by itself.
import mqtt, { type MqttClient } from "mqtt";
import type { DomainContext } from "@/src/domain/db";
import { evacuationTopics, parseFirePayload, startFromFirePanel } from "@/src/domain/evacuation/evacuation-inputs";
import type { ButtonLog } from "@/src/server/mqtt-buttons";

const consoleLog: ButtonLog = {
  info: (m) => console.log(`[mqtt-evacuation] ${m}`),
  warn: (m) => console.warn(`[mqtt-evacuation] ${m}`),
  error: (m, err) => console.error(`[mqtt-evacuation] ${m}`, err instanceof Error ? err.message : (err ?? "")),
};

export interface MqttEvacuation {
  sync(): Promise<void>;
  idle(): Promise<void>;
  stop(): Promise<void>;
  readonly client: MqttClient;
}

export function startMqttEvacuation(
  ctx: DomainContext,
  options: { url: string; resyncMs?: number; clientId?: string; log?: ButtonLog; reconnectPeriodMs?: number },
): MqttEvacuation {
  const log = options.log ?? consoleLog;
  const client = mqtt.connect(options.url, {
    clientId: options.clientId ?? `portier-evacuation-${process.pid}-${Math.random().toString(36).slice(2, 8)}`,
    reconnectPeriod: options.reconnectPeriodMs ?? 2000,
    connectTimeout: 10_000,
    keepalive: 30,
    clean: true,
    resubscribe: false,
  });
  let stopped = false;
  let topics = new Map<string, string>();
  const subscribed = new Set<string>();

  let syncing: Promise<void> = Promise.resolve();
  const sync = (): Promise<void> => {
    syncing = syncing.then(doSync).catch((err) => log.error("subscribing to the fire panel topics failed:", err));
    return syncing;
  };
  async function doSync() {
    if (stopped || !client.connected) return;
    topics = await evacuationTopics(ctx.db);
    const add = [...topics.keys()].filter((t) => !subscribed.has(t));
    const remove = [...subscribed].filter((t) => !topics.has(t));
    if (add.length) {
      for (const g of await client.subscribeAsync(add, { qos: 1 })) {
        if (g.qos === 128) log.error(`the broker refused the subscription to ${g.topic}`);
        else subscribed.add(g.topic);
      }
    }
    if (remove.length) {
      await client.unsubscribeAsync(remove);
      for (const t of remove) subscribed.delete(t);
    }
  }

  client.on("connect", () => {
    subscribed.clear();
    void sync();
  });
  client.on("error", (err) => log.warn(`broker: ${err.message}`));

  let handling: Promise<void> = Promise.resolve();
  client.on("message", (topic, payload, packet) => {
    handling = handling
      .then(() => handle(topic, payload, packet.retain))
      .catch((err) => log.error(`handling a message on ${topic} failed:`, err));
  });

  async function handle(topic: string, payload: Buffer, retained: boolean) {
    if (retained) {
      log.info(`retained message on ${topic} ignored (an old message is not a new alarm)`);
      return;
    }
    const locationId = topics.get(topic) ?? (await evacuationTopics(ctx.db)).get(topic);
    if (!locationId) return;
    const parsed = parseFirePayload(payload);
    if (parsed.kind === "malformed") {
      log.warn(`malformed payload on ${topic} ignored (${parsed.reason})`);
      return;
    }
    if (parsed.kind === "ignore") return;
    const { rollCall, alreadyRunning } = await startFromFirePanel(ctx, locationId, {
      drill: parsed.drill,
      reason: parsed.reason,
      source: "MQTT",
    });
    log.info(`${topic}: evacuation ${rollCall.evacuation.id} ${alreadyRunning ? "already running" : "started"}`);
  }

  const offChanged = ctx.events.onEveryProcess("evacuation.inputs_changed", () => void sync());
  const resync = setInterval(() => void sync(), options.resyncMs ?? 60_000);
  resync.unref();

  return {
    client,
    sync,
    idle: async () => {
      for (;;) {
        const current = handling;
        await current;
        if (current === handling) return;
      }
    },
    stop: async () => {
      stopped = true;
      offChanged();
      clearInterval(resync);
      await client.endAsync(true).catch(() => {});
    },
  };
}
