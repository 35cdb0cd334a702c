// The process-wide domain context (database, clock, event bus), created once and shared by the
// custom server and Next's route modules through a globalThis key.
import { type Clock, OffsetClock, systemClock } from "@/src/domain/clock";
import type { DomainContext } from "@/src/domain/db";
import { EventBus } from "@/src/domain/events/event-bus";
import { config } from "@/src/server/config";
import { createPrismaClient, tuneSqlite } from "@/src/server/db";

export interface Runtime {
  ctx: DomainContext;
  /** Present only with PORTIER_TEST_CLOCK=1. */
  testClock: OffsetClock | null;
  ready: Promise<void>;
  /** Set by server.ts once socket.io is attached. */
  realtime: { connectedSockets(): number } | null;
  /** Runs due scheduler jobs now (set by server.ts). */
  tickScheduler: (() => Promise<void>) | null;
  /** The hardware buttons' MQTT link (set by server.ts when PORTIER_MQTT_URL is set). */
  buttonLink?: { status(): ButtonLinkStatus } | null;
  /** Redis of a multi-process installation (set by server.ts when REDIS_URL is set). */
  cluster?: { status(): ClusterLinkStatus } | null;
}

/** The Redis link of several processes (src/server/cluster), as the health check reports it. */
export interface ClusterLinkStatus {
  state: "connected" | "disconnected";
  since: string;
  prefix: string;
  events: { received: number; sent: number; dropped: number };
}

/** The MQTT listener of the hardware buttons (src/server/mqtt-buttons.ts), as the health check and the desk see it. */
export interface ButtonLinkStatus {
  state: "connected" | "disconnected";
  /** Since when it is in that state (at start: "disconnected" since the listener started). */
  since: string;
  /** The broker, without any password. */
  broker: string;
  /** Button topics subscribed to. */
  topics: number;
  lastError: string | null;
}

const KEY = Symbol.for("portier.runtime");
type G = typeof globalThis & { [KEY]?: Runtime };

export function runtime(): Runtime {
  const g = globalThis as G;
  if (!g[KEY]) {
    const cfg = config();
    const db = createPrismaClient(cfg.databaseUrl);
    const testClock = cfg.testClock ? new OffsetClock() : null;
    const clock: Clock = testClock ?? systemClock;
    g[KEY] = {
      ctx: { db, clock, events: new EventBus(), hmacKey: cfg.hmacKey },
      testClock,
      ready: tuneSqlite(db),
      realtime: null,
      tickScheduler: null,
    };
  }
  return g[KEY];
}

/** The domain context, after the database pragmas have been applied. */
export async function domain(): Promise<DomainContext> {
  const rt = runtime();
  await rt.ready;
  return rt.ctx;
}
