import type { DomainEvent, DomainEventName, DomainEvents } from "@/src/domain/events/domain-events";

type Handler<K extends DomainEventName> = (payload: DomainEvents[K]) => void | Promise<void>;
type AnyHandler = (event: DomainEvent) => void | Promise<void>;
/** Where an event came from, for an every-process handler: this process, or another one (over the transport). */
export interface EventOrigin {
  remote: boolean;
}
type EveryProcessHandler<K extends DomainEventName> = (
  payload: DomainEvents[K],
  origin: EventOrigin,
) => void | Promise<void>;

/**
 * Carries published events to the other Portier processes (src/server/cluster/redis-events.ts).
 * Unset (the default), the bus is purely in-process.
 */
export interface EventTransport {
  send(event: DomainEvent): void;
}

/**
 * Publish/subscribe for domain events. Domain code never imports socket.io: the realtime layer
 * subscribes here. A failing subscriber is logged and never breaks the publisher.
 *
 * Two kinds of subscriber, which differ only when several processes share a transport:
 * - `on` / `onAny`: runs in the process that published the event, once. For effects that must
 *   happen once in the whole installation (a door command, a write, a socket.io broadcast — the
 *   socket.io Redis adapter carries that to the other processes' sockets).
 * - `onEveryProcess`: runs in every process, once each (in the publisher at once, in the others
 *   when the transport brings the event). For per-process state: caches, a process's own
 *   sockets (the alarm pages and their resends), its MQTT subscriptions.
 */
export class EventBus {
  private handlers = new Map<DomainEventName, Set<Handler<DomainEventName>>>();
  private all = new Set<AnyHandler>();
  private everyProcess = new Map<DomainEventName, Set<EveryProcessHandler<DomainEventName>>>();
  private transport: EventTransport | null = null;

  constructor(private readonly onError: (err: unknown, event: DomainEvent) => void = defaultOnError) {}

  on<K extends DomainEventName>(name: K, handler: Handler<K>): () => void {
    let set = this.handlers.get(name);
    if (!set) {
      set = new Set();
      this.handlers.set(name, set);
    }
    set.add(handler as Handler<DomainEventName>);
    return () => set.delete(handler as Handler<DomainEventName>);
  }

  onAny(handler: AnyHandler): () => void {
    this.all.add(handler);
    return () => this.all.delete(handler);
  }

  /** A handler that runs in every process for this event (see the class comment). */
  onEveryProcess<K extends DomainEventName>(name: K, handler: EveryProcessHandler<K>): () => void {
    let set = this.everyProcess.get(name);
    if (!set) {
      set = new Set();
      this.everyProcess.set(name, set);
    }
    set.add(handler as EveryProcessHandler<DomainEventName>);
    return () => set.delete(handler as EveryProcessHandler<DomainEventName>);
  }

  /** Connects the bus to the other processes (null: in-process only again). */
  setTransport(transport: EventTransport | null): void {
    this.transport = transport;
  }

  /** An event another process published (called by the transport): its every-process handlers run here. */
  receiveRemote(event: DomainEvent): void {
    const handlers = this.everyProcess.get(event.name);
    if (!handlers) return;
    for (const h of handlers) this.run(event, () => h(event.payload, REMOTE));
  }

  publish<K extends DomainEventName>(name: K, payload: DomainEvents[K]): void {
    const event = { name, payload } as DomainEvent;
    // To the other processes first: their handlers then run while this process runs its own (an
    // alarm's page is written to this process's sockets at once, ~5 ms for 500 — the other
    // processes' pagers need not wait for that).
    if (this.transport) {
      try {
        this.transport.send(event);
      } catch (err) {
        this.onError(err, event);
      }
    }
    for (const h of this.handlers.get(name) ?? []) this.run(event, () => h(payload));
    for (const h of this.all) this.run(event, () => h(event));
    for (const h of this.everyProcess.get(name) ?? []) this.run(event, () => h(payload, LOCAL));
  }

  private run(event: DomainEvent, fn: () => void | Promise<void>): void {
    try {
      const r = fn();
      if (r && typeof (r as Promise<void>).catch === "function") {
        (r as Promise<void>).catch((err) => this.onError(err, event));
      }
    } catch (err) {
      this.onError(err, event);
    }
  }
}

const LOCAL: EventOrigin = Object.freeze({ remote: false });
const REMOTE: EventOrigin = Object.freeze({ remote: true });

function defaultOnError(err: unknown, event: DomainEvent) {
  console.error(`[events] subscriber of ${event.name} failed:`, err);
}
