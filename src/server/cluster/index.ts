// Several Portier processes (only with REDIS_URL): socket.io's own Redis adapter carries
// broadcasts, fetchSockets and disconnects between the processes, and the domain events reach
// every process's every-process subscribers over Redis pub/sub (redis-events.ts). The scheduler
// needs nothing here: the job table in the shared database is the queue (SKIP LOCKED on PostgreSQL).
import { createAdapter } from "@socket.io/redis-adapter";
import { Redis } from "ioredis";
import type { DomainContext } from "@/src/domain/db";
import type { PortierServer } from "@/src/realtime/attach";
import { connectRedisEvents, type RedisEvents } from "@/src/server/cluster/redis-events";
import type { ClusterLinkStatus } from "@/src/server/runtime";

export interface Cluster {
  events: RedisEvents;
  status(): ClusterLinkStatus;
  stop(): Promise<void>;
}

export async function startCluster(
  ctx: DomainContext,
  io: PortierServer,
  options: { url: string; prefix: string },
): Promise<Cluster> {
  const connect = (role: string) => {
    const client = new Redis(options.url, { connectionName: `portier-${role}-${process.pid}`, lazyConnect: true });
    client.on("error", (err) => console.error(`[cluster] redis (${role}):`, err.message));
    return client;
  };
  const pub = connect("pub");
  const adapterSub = connect("adapter-sub");
  const eventSub = connect("events-sub");
  await Promise.all([pub.connect(), adapterSub.connect(), eventSub.connect()]);

  let state: ClusterLinkStatus["state"] = "connected";
  let since = new Date().toISOString();
  const watch = (client: Redis) => {
    client.on("ready", () => {
      if ([pub, adapterSub, eventSub].every((c) => c.status === "ready") && state !== "connected") {
        state = "connected";
        since = new Date().toISOString();
        console.log("[cluster] redis connected again");
      }
    });
    client.on("close", () => {
      if (state === "connected") {
        state = "disconnected";
        since = new Date().toISOString();
      }
    });
  };
  for (const c of [pub, adapterSub, eventSub]) watch(c);

  // The adapter does not handle a failed publish (Redis gone, or closed at shutdown): its promise
  // would be an unhandled rejection, which ends a Node process. Log it instead; the health check
  // reports the lost link, and the pagers' reconnection delivers the open alarms again.
  const publish = pub.publish.bind(pub) as (channel: string, message: string | Buffer) => Promise<number>;
  (pub as unknown as { publish: typeof publish }).publish = (channel, message) => {
    const sent = publish(channel, message);
    sent.catch((err: unknown) => console.error("[cluster] redis publish failed:", (err as Error)?.message ?? err));
    return sent;
  };
  io.adapter(createAdapter(pub, adapterSub, { key: `${options.prefix}socket.io` }));
  const events = await connectRedisEvents(ctx.events, pub, eventSub, options.prefix);

  return {
    events,
    status: () => ({ state, since, prefix: options.prefix, events: events.counts() }),
    async stop() {
      await events.stop();
      await Promise.all([pub.quit(), adapterSub.quit(), eventSub.quit()].map((p) => p.catch(() => {})));
    },
  };
}
