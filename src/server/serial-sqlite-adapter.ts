// One SQLite connection serves the whole process. Prisma's better-sqlite3 adapter makes
// transactions wait for each other, but lets statements outside a transaction run while another
// request's transaction is open: such a write is then rolled back with that transaction, and
// uncommitted rows are visible outside it. This wrapper queues every statement behind the open
// transaction, so each transaction really is isolated and every acknowledged write stays written.
import type { SqlDriverAdapter, SqlDriverAdapterFactory, Transaction } from "@prisma/driver-adapter-utils";
import { SerialLock, statementsIn, withMethods, wrapConnections } from "@/src/server/adapter-wrapping";

/** The transaction, releasing `release` once it is committed or rolled back. */
function serialTransaction(tx: Transaction, release: () => void): Transaction {
  return withMethods(tx, (name, method) =>
    name === "commit" || name === "rollback"
      ? async () => {
          try {
            return await method();
          } finally {
            release();
          }
        }
      : undefined,
  );
}

export function serialAdapter(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const lock = new SerialLock();
  const statements = statementsIn(lock);
  return withMethods(adapter, (name, method) => {
    if (name !== "startTransaction") return statements(name, method);
    return async (...args) => {
      const release = await lock.acquire();
      try {
        return serialTransaction(await method(...args), release);
      } catch (err) {
        release();
        throw err;
      }
    };
  });
}

/** Wraps a factory so every connection it opens is serialised. */
export function serialAdapterFactory<F extends SqlDriverAdapterFactory>(factory: F): F {
  return wrapConnections(factory, serialAdapter);
}
