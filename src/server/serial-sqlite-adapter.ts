// One SQLite connection serves the whole process. Prisma's better-sqlite3 adapter makes
// transactions wait for each other, but lets statements outside a transaction run while another
// request's transaction is open: such a write is then rolled back with that transaction, and
// uncommitted rows are visible outside it. This wrapper queues every statement behind the open
// transaction, so each transaction really is isolated and every acknowledged write stays written.
import type { SqlDriverAdapter, SqlDriverAdapterFactory, Transaction } from "@prisma/driver-adapter-utils";

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
}

function serialTransaction(tx: Transaction, release: () => void): Transaction {
  return new Proxy(tx, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target);
      if (typeof value !== "function") return value;
      if (prop === "commit" || prop === "rollback") {
        return async () => {
          try {
            return await value.call(target);
          } finally {
            release();
          }
        };
      }
      return value.bind(target);
    },
  });
}

export function serialAdapter(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const lock = new SerialLock();
  return new Proxy(adapter, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target);
      if (typeof value !== "function") return value;
      if (prop === "queryRaw" || prop === "executeRaw" || prop === "executeScript") {
        return async (...args: unknown[]) => {
          const release = await lock.acquire();
          try {
            return await value.apply(target, args);
          } finally {
            release();
          }
        };
      }
      if (prop === "startTransaction") {
        return async (...args: unknown[]) => {
          const release = await lock.acquire();
          try {
            return serialTransaction(await value.apply(target, args), release);
          } catch (err) {
            release();
            throw err;
          }
        };
      }
      return value.bind(target);
    },
  });
}

/** Wraps a factory so every connection it opens is serialised. */
export function serialAdapterFactory<F extends SqlDriverAdapterFactory>(factory: F): F {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => serialAdapter(await connect());
  return factory;
}
