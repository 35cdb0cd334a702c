// The MQTT listener of the hardware panic buttons (issue 5, part 8). Started by server.ts only when
// PORTIER_MQTT_URL is set. It subscribes to the topic of every active button (and follows
// `alarm_button.changed`, plus a periodic re-read, so a new or revoked button takes effect at once),
// and turns a message on a button's topic into an alarm through the same pipeline as a room tablet
// (src/domain/alarms/buttons.ts → raiseAlarm).
//
// Bad input never stops it: a malformed payload is logged and ignored, an unknown topic is logged,
// a failed raise is logged; messages are handled one after another so one slow raise cannot
// reorder the next. Retained messages are ignored: a broker that kept an old press would otherwise
// raise it again on every (re)subscribe. The client reconnects by itself (reconnectPeriod); the
// link's state (connected / disconnected since …) is what the health check and the desk show.
import mqtt, { type IClientOptions, type MqttClient } from "mqtt";
import {
  activeButtonTopics,
  buttonByTopic,
  type ParsedButtonPayload,
  parseButtonPayload,
  pressButton,
} from "@/src/domain/alarms/buttons";
import type { DomainContext } from "@/src/domain/db";
import type { ButtonLinkStatus } from "@/src/server/runtime";

export interface ButtonLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, err?: unknown): void;
}

const consoleLog: ButtonLog = {
  info: (m) => console.log(`[mqtt-buttons] ${m}`),
  warn: (m) => console.warn(`[mqtt-buttons] ${m}`),
  error: (m, err) => console.error(`[mqtt-buttons] ${m}`, err instanceof Error ? err.message : (err ?? "")),
};

export interface MqttButtonsOptions {
  url: string;
  /** How long to wait between reconnect attempts (the client's reconnectPeriod). */
  reconnectPeriodMs?: number;
  /** How often the topic list is re-read even without an event (another process may have changed it). */
  resyncMs?: number;
  clientId?: string;
  log?: ButtonLog;
}

export interface MqttButtons {
  status(): ButtonLinkStatus;
  /** Re-reads the active buttons' topics and (un)subscribes to match. */
  sync(): Promise<void>;
  /** Resolves once every message received so far has been handled (tests). */
  idle(): Promise<void>;
  stop(): Promise<void>;
  readonly client: MqttClient;
}

/** The broker URL without a password, for logs and status. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString().replace(/\/$/, "");
  } catch {
    return "(invalid URL)";
  }
}

const excerpt = (payload: Buffer) => JSON.stringify(payload.subarray(0, 80).toString("utf8"));

export function startMqttButtons(ctx: DomainContext, options: MqttButtonsOptions): MqttButtons {
  const log = options.log ?? consoleLog;
  const broker = redactUrl(options.url);
  const clientOptions: IClientOptions = {
    clientId: options.clientId ?? `portier-buttons-${process.pid}-${Math.random().toString(36).slice(2, 8)}`,
    reconnectPeriod: options.reconnectPeriodMs ?? 2000,
    connectTimeout: 10_000,
    keepalive: 30,
    clean: true,
    // We subscribe ourselves on every connect (the active topics may have changed meanwhile).
    resubscribe: false,
  };
  const client = mqtt.connect(options.url, clientOptions);

  let state: ButtonLinkStatus["state"] = "disconnected";
  let since = ctx.clock.now();
  let lastError: string | null = null;
  let stopped = false;
  const subscribed = new Set<string>();

  const setState = (next: ButtonLinkStatus["state"]) => {
    if (next === state) return;
    state = next;
    since = ctx.clock.now();
  };

  // Syncs run one at a time; a sync asked for while one runs runs again after it.
  let syncing: Promise<void> = Promise.resolve();
  const sync = (): Promise<void> => {
    syncing = syncing.then(doSync).catch((err) => log.error("subscribing to the button topics failed:", err));
    return syncing;
  };
  async function doSync() {
    if (stopped || !client.connected) return;
    const want = new Set(await activeButtonTopics(ctx.db));
    const add = [...want].filter((t) => !subscribed.has(t));
    const remove = [...subscribed].filter((t) => !want.has(t));
    if (add.length) {
      const grants = await client.subscribeAsync(add, { qos: 1 });
      for (const g of grants) {
        if (g.qos === 128) log.error(`the broker refused the subscription to ${g.topic}`);
        else subscribed.add(g.topic);
      }
    }
    if (remove.length) {
      await client.unsubscribeAsync(remove);
      for (const t of remove) subscribed.delete(t);
    }
    if (add.length || remove.length) {
      log.info(`subscribed to ${subscribed.size} button topic(s) (+${add.length} −${remove.length})`);
    }
  }

  client.on("connect", () => {
    const wasDown = state !== "connected";
    setState("connected");
    lastError = null;
    if (wasDown) log.info(`connected to ${broker}`);
    // A clean session starts with no subscriptions on the broker.
    subscribed.clear();
    void sync();
  });
  const down = () => {
    if (state === "connected" && !stopped) log.warn(`lost the connection to ${broker}; reconnecting`);
    setState("disconnected");
  };
  client.on("close", down);
  client.on("offline", down);
  // Without a listener an 'error' event would crash the process.
  client.on("error", (err) => {
    if (err.message !== lastError) log.warn(`broker ${broker}: ${err.message}`);
    lastError = err.message;
  });

  let handling: Promise<void> = Promise.resolve();
  client.on("message", (topic, payload, packet) => {
    handling = handling
      .then(() => handleMessage(topic, payload, packet.retain))
      .catch((err) => log.error(`handling a message on ${topic} failed:`, err));
  });

  async function handleMessage(topic: string, payload: Buffer, retained: boolean) {
    if (retained) {
      log.info(`retained message on ${topic} ignored (an old message is not a press)`);
      return;
    }
    const parsed: ParsedButtonPayload = parseButtonPayload(payload);
    if (parsed.kind === "malformed") {
      log.warn(`malformed payload on ${topic} ignored (${parsed.reason}): ${excerpt(payload)}`);
      return;
    }
    if (parsed.kind === "ignore") return; // a state report (battery, link quality) or a release
    const button = await buttonByTopic(ctx.db, topic);
    if (!button) {
      log.warn(`message on ${topic}, which belongs to no active button, ignored`);
      return;
    }
    if (parsed.unknownAction)
      log.warn(`unknown action ${JSON.stringify(parsed.action)} on ${topic}: counted as a press`);
    if (parsed.badLevel) log.warn(`unknown level in the payload on ${topic}: the button's own level is used`);
    const { alarm, joined } = await pressButton(ctx, button, { source: "BUTTON_MQTT", level: parsed.level });
    log.info(`button ${button.id} (${topic}) ${joined ? "joined" : "raised"} alarm ${alarm.id}`);
  }

  // Every process re-reads its subscriptions when a button changes, wherever it was changed.
  const offChanged = ctx.events.onEveryProcess("alarm_button.changed", () => void sync());
  const resync = setInterval(() => void sync(), options.resyncMs ?? 60_000);
  resync.unref();

  return {
    client,
    sync,
    status: () => ({
      state,
      since: since.toISOString(),
      broker,
      topics: subscribed.size,
      lastError,
    }),
    idle: async () => {
      // A message handled may have queued another: wait until the chain stands still.
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
      setState("disconnected");
    },
  };
}
