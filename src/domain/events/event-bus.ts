import type { DomainEvent, DomainEventName, DomainEvents } from "@/src/domain/events/domain-events";

type Handler<K extends DomainEventName> = (payload: DomainEvents[K]) => void | Promise<void>;
type AnyHandler = (event: DomainEvent) => void | Promise<void>;

/**
 * In-process publish/subscribe for domain events. Domain code never imports socket.io: the
 * realtime layer subscribes here. A failing subscriber is logged and never breaks the publisher.
 */
export class EventBus {
  private handlers = new Map<DomainEventName, Set<Handler<DomainEventName>>>();
  private all = new Set<AnyHandler>();

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

  publish<K extends DomainEventName>(name: K, payload: DomainEvents[K]): void {
    const event = { name, payload } as DomainEvent;
    const run = (fn: () => void | Promise<void>) => {
      try {
        const r = fn();
        if (r && typeof (r as Promise<void>).catch === "function") {
          (r as Promise<void>).catch((err) => this.onError(err, event));
        }
      } catch (err) {
        this.onError(err, event);
      }
    };
    for (const h of this.handlers.get(name) ?? []) run(() => h(payload));
    for (const h of this.all) run(() => h(event));
  }
}

function defaultOnError(err: unknown, event: DomainEvent) {
  console.error(`[events] subscriber of ${event.name} failed:`, err);
}
