// Prisma 7.10's query interpreter fetches the relations of an `include` at once (Promise.all). In an
// interactive transaction on PostgreSQL they all go to the transaction's one pg connection, which
// then queues them itself: a use pg deprecates (a DeprecationWarning now, an error from pg@9 on;
// prisma/orm#29468, not merged). This wrapper lines a transaction's statements up before they
// reach pg, in the order they were issued — what pg's own queue does today — so nothing changes in
// what runs, and nothing breaks when pg stops queueing.
import type { SqlDriverAdapter, SqlDriverAdapterFactory, Transaction } from "@prisma/driver-adapter-utils";
import { SerialLock, STATEMENT_METHODS } from "@/src/server/serial-lock";

function serialStatements(tx: Transaction): Transaction {
  const lock = new SerialLock();
  return new Proxy(tx, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target);
      if (typeof value !== "function") return value;
      if (STATEMENT_METHODS.has(prop)) return (...args: unknown[]) => lock.run(() => value.apply(target, args));
      return value.bind(target);
    },
  });
}

function serialTransactions(adapter: SqlDriverAdapter): SqlDriverAdapter {
  return new Proxy(adapter, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target);
      if (typeof value !== "function") return value;
      if (prop === "startTransaction") {
        return async (...args: unknown[]) => serialStatements(await value.apply(target, args));
      }
      return value.bind(target);
    },
  });
}

/** Wraps a factory so the statements of every transaction it opens run one after another. */
export function serialPgTransactionsFactory<F extends SqlDriverAdapterFactory>(factory: F): F {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => serialTransactions(await connect());
  return factory;
}
