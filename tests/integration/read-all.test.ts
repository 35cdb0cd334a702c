// readAll (src/domain/db.ts): independent reads run at once on the client, one after another on a
// transaction's client (it tells the two apart by what Prisma gives a transaction's client; this
// test fails if a Prisma upgrade changes that). Both databases. And on PostgreSQL: a transaction's
// statements reach its pg connection one at a time, also those Prisma issues at once for an
// `include` (src/server/serial-pg-transaction.ts).
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isTransaction, readAll } from "@/src/domain/db";
import { makeLocation } from "@/tests/helpers/fixtures";
import { closeTestDb, TEST_PROVIDER, type TestContext, testContext } from "@/tests/helpers/test-db";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await testContext();
});
afterAll(closeTestDb);

/** Two reads that note when each starts and ends: were they running at the same time? */
async function overlapping(run: (reads: [() => Promise<number>, () => Promise<number>]) => Promise<number[]>) {
  const log: string[] = [];
  const read = (name: string, value: number) => async () => {
    log.push(`${name}:start`);
    await new Promise((r) => setTimeout(r, 20));
    log.push(`${name}:end`);
    return value;
  };
  const values = await run([read("a", 1), read("b", 2)]);
  return { values, overlapped: log.indexOf("b:start") < log.indexOf("a:end") };
}

describe("readAll", () => {
  it("tells the client from a transaction's client", async () => {
    expect(isTransaction(ctx.db)).toBe(false);
    await ctx.db.$transaction(async (tx) => {
      expect(isTransaction(tx)).toBe(true);
    });
  });

  it("runs the reads at once on the client, in order on a transaction, with the results in order", async () => {
    const onClient = await overlapping((reads) => readAll(ctx.db, reads));
    expect(onClient).toEqual({ values: [1, 2], overlapped: true });
    const inTx = await ctx.db.$transaction((tx) => overlapping((reads) => readAll(tx, reads)));
    expect(inTx).toEqual({ values: [1, 2], overlapped: false });
  });

  it("real queries give the same answers either way", async () => {
    const reads = (db: Parameters<typeof readAll>[0]) =>
      readAll(db, [() => db.location.count(), () => db.staffMember.count()] as const);
    const outside = await reads(ctx.db);
    const inside = await ctx.db.$transaction((tx) => reads(tx));
    expect(inside).toEqual(outside);
  });
});

describe.runIf(TEST_PROVIDER === "postgresql")("a transaction on PostgreSQL", () => {
  /** Runs `work` while counting, per pg connection, the queries it has been given and not yet answered. */
  async function mostAtOnce(work: () => Promise<unknown>): Promise<number> {
    const query = pg.Client.prototype.query;
    const open = new Map<object, number>();
    let most = 0;
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const n = (open.get(this) ?? 0) + 1;
      open.set(this, n);
      most = Math.max(most, n);
      const done = () => open.set(this, (open.get(this) ?? 1) - 1);
      const result = (query as (...a: unknown[]) => unknown).apply(this, args);
      if (result instanceof Promise) result.then(done, done);
      else done();
      return result;
    } as typeof query;
    try {
      await work();
    } finally {
      pg.Client.prototype.query = query;
    }
    return most;
  }

  it("gives its connection one statement at a time, also an include's relations that Prisma fetches at once", async () => {
    await makeLocation(ctx.db, "loc-serial");
    const include = { rooms: true, staff: true, devices: true, houseRules: true } as const;
    const outside = await ctx.db.location.findMany({ where: { id: "loc-serial" }, include });
    let inside: unknown;
    const most = await mostAtOnce(async () => {
      inside = await ctx.db.$transaction((tx) => tx.location.findMany({ where: { id: "loc-serial" }, include }));
    });
    expect(most).toBe(1);
    expect(inside).toEqual(outside);
    expect(outside[0]?.rooms).toHaveLength(2);
  });
});
