// Regression: with one SQLite connection, a statement outside a transaction must wait for an open
// transaction instead of slipping into it (where it sees uncommitted rows, and where a rollback
// would undo what it wrote).
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { SerialLock } from "@/src/server/adapter-wrapping";
import { resetDb, testDb } from "@/tests/helpers/test-db";

const tick = (ms = 20) => new Promise((r) => setTimeout(r, ms));

describe("SQLite statements and transactions on the shared connection", () => {
  beforeEach(() => resetDb());
  afterAll(() => resetDb());

  it("does not show uncommitted rows outside their transaction", async () => {
    const db = await testDb();
    let txStarted!: () => void;
    const started = new Promise<void>((r) => {
      txStarted = r;
    });
    const tx = db.$transaction(async (t) => {
      await t.organisation.create({ data: { id: "org-pending", name: "pending" } });
      txStarted();
      await tick();
      throw new Error("abort");
    });
    await started;
    const seen = await db.organisation.findUnique({ where: { id: "org-pending" } });
    await tx.catch(() => {});
    expect(seen).toBeNull();
  });
});

describe("SerialLock", () => {
  it("hands the lock over in request order, one holder at a time", async () => {
    const lock = new SerialLock();
    const order: string[] = [];
    let inside = 0;
    const work = async (name: string) => {
      const release = await lock.acquire();
      inside++;
      expect(inside).toBe(1);
      order.push(name);
      await tick();
      inside--;
      release();
      release(); // a second release is harmless
    };
    await Promise.all(["a", "b", "c"].map(work));
    expect(order).toEqual(["a", "b", "c"]);
  });
});
