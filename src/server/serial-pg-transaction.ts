// Prisma 7.10's query interpreter fetches the relations of an `include` at once (Promise.all). In an
// interactive transaction on PostgreSQL they all go to the transaction's one pg connection, which
// then queues them itself: a use pg deprecates (a DeprecationWarning now, an error from pg@9 on;
// prisma/orm#29468, not merged). This wrapper lines a transaction's statements up before they
// reach pg, in the order they were issued — what pg's own queue does today — so nothing changes in
// what runs, and nothing breaks when pg stops queueing.
import type { SqlDriverAdapterFactory, Transaction } from "@prisma/driver-adapter-utils";
import { SerialLock, statementsIn, withMethods, wrapConnections } from "@/src/server/adapter-wrapping";

/** Wraps a factory so the statements of every transaction it opens run one after another. */
export function serialPgTransactionsFactory<F extends SqlDriverAdapterFactory>(factory: F): F {
  return wrapConnections(factory, (adapter) =>
    withMethods(adapter, (name, method) =>
      name === "startTransaction"
        ? async (...args) => withMethods<Transaction>(await method(...args), statementsIn(new SerialLock()))
        : undefined,
    ),
  );
}
