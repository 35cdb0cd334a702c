// What the wrappers around Prisma's driver adapters share (serial-sqlite-adapter.ts: the one SQLite
// connection; serial-pg-transaction.ts: a PostgreSQL transaction's one connection): a first-come
// lock, a view of an adapter object with some methods replaced, and a factory whose connections
// come wrapped.
import type { SqlDriverAdapter, SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";

/** A FIFO lock: `acquire()` resolves with a release function once every earlier holder released. */
export class SerialLock {
  private tail: Promise<void> = Promise.resolve();

  acquire(): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const ready = this.tail.then(() => {
      let released = false;
      return () => {
        if (released) return;
        released = true;
        release();
      };
    });
    this.tail = this.tail.then(() => held);
    return ready;
  }

  /** Runs `work` once every earlier holder released, holding the lock until it settles. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await work();
    } finally {
      release();
    }
  }
}

// biome-ignore lint/suspicious/noExplicitAny: the adapters' methods have many shapes
type Method = (...args: any[]) => any;

/**
 * `target` with the methods `replace` returns a replacement for (by name; it gets the method bound
 * to the target); every other method bound to the target, every other property as it is.
 */
export function withMethods<T extends object>(
  target: T,
  replace: (name: PropertyKey, method: Method) => Method | undefined,
): T {
  return new Proxy(target, {
    get(t, prop) {
      const value = Reflect.get(t, prop, t);
      if (typeof value !== "function") return value;
      const method = (value as Method).bind(t);
      return replace(prop, method) ?? method;
    },
  });
}

const STATEMENT_METHODS: ReadonlySet<PropertyKey> = new Set(["queryRaw", "executeRaw", "executeScript"]);

/** For `withMethods`: the statement methods (queryRaw, executeRaw, executeScript) wait their turn in `lock`. */
export const statementsIn =
  (lock: SerialLock) =>
  (name: PropertyKey, method: Method): Method | undefined =>
    STATEMENT_METHODS.has(name) ? (...args) => lock.run(() => method(...args)) : undefined;

/** Wraps a factory so every connection it opens is `wrap`ped. */
export function wrapConnections<F extends SqlDriverAdapterFactory>(
  factory: F,
  wrap: (adapter: SqlDriverAdapter) => SqlDriverAdapter,
): F {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => wrap(await connect());
  return factory;
}
