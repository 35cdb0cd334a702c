// Domain events between Portier processes over Redis pub/sub (only with REDIS_URL). Every process
// publishes what its EventBus publishes on one channel and hands what the others publish to its
// bus's every-process handlers (EventBus.receiveRemote). Each message carries the publishing
// process's id, so a process skips its own messages: the publisher has already run its handlers,
// and must not run them twice. Redis keeps the order of one connection's messages.
import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import type { DomainEvent } from "@/src/domain/events/domain-events";
import type { EventBus } from "@/src/domain/events/event-bus";

interface Wire {
  /** The publishing process. */
  o: string;
  e: DomainEvent;
}

export interface RedisEvents {
  /** This process's id on the channel. */
  processId: string;
  channel: string;
  /** Messages from other processes handed to the bus, and messages sent (for health and tests). */
  counts(): { received: number; sent: number; dropped: number };
  stop(): Promise<void>;
}

/**
 * Connects the bus to the channel `<prefix>events`. `pub` publishes, `sub` is put in subscriber
 * mode (it can do nothing else afterwards). Resolves once the subscription is in place.
 */
export async function connectRedisEvents(
  bus: EventBus,
  pub: Redis,
  sub: Redis,
  prefix: string,
  onError: (err: unknown) => void = (err) => console.error("[cluster] event transport:", err),
): Promise<RedisEvents> {
  const processId = randomUUID();
  const channel = `${prefix}events`;
  let received = 0;
  let sent = 0;
  let dropped = 0;

  const onMessage = (ch: string, message: string) => {
    if (ch !== channel) return;
    let wire: Wire;
    try {
      wire = JSON.parse(message) as Wire;
    } catch (err) {
      dropped++;
      onError(err);
      return;
    }
    if (wire.o === processId || !wire.e || typeof wire.e.name !== "string") return;
    received++;
    bus.receiveRemote(wire.e);
  };
  sub.on("message", onMessage);
  await sub.subscribe(channel);

  bus.setTransport({
    send(event) {
      const message = JSON.stringify({ o: processId, e: event } satisfies Wire);
      sent++;
      pub.publish(channel, message).catch((err: unknown) => {
        dropped++;
        onError(err);
      });
    },
  });

  return {
    processId,
    channel,
    counts: () => ({ received, sent, dropped }),
    async stop() {
      bus.setTransport(null);
      sub.off("message", onMessage);
      await sub.unsubscribe(channel).catch(() => {});
    },
  };
}
