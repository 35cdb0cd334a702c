// One SQLite connection serves the whole process. Prisma's better-sqlite3 adapter makes
// transactions wait for each other, but lets statements outside a transaction run while another
// request's transaction is open: such a write is then rolled back with that transaction, and
// uncommitted rows are visible outside it. This wrapper queues every statement behind the open
// transaction, so each transaction really is isolated and every acknowledged write stays written.
import type { SqlDriverAdapter, SqlDriverAdapterFactory, Transaction } from "@prisma/driver-adapter-utils";
import { SerialLock, STATEMENT_METHODS } from "@/src/server/serial-lock";

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
      if (STATEMENT_METHODS.has(prop)) return (...args: unknown[]) => lock.run(() => value.apply(target, args));
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
