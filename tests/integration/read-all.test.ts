// readAll (src/domain/db.ts): independent reads run at once on the client, one after another on a
// transaction's client (it tells the two apart by what Prisma gives a transaction's client; this
// test fails if a Prisma upgrade changes that). Both databases.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isTransaction, readAll } from "@/src/domain/db";
import { closeTestDb, type TestContext, testContext } from "@/tests/helpers/test-db";

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
