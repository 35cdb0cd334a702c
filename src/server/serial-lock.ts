// The first-come line that the database adapters' wrappers put statements in
// (serial-sqlite-adapter.ts: the one SQLite connection; serial-pg-transaction.ts: a PostgreSQL
// transaction's one connection).

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

/** The statement methods of a Prisma driver adapter's connection or transaction. */
export const STATEMENT_METHODS: ReadonlySet<PropertyKey> = new Set(["queryRaw", "executeRaw", "executeScript"]);
