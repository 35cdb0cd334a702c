// The delivery receipts' batch (src/realtime/alarm-delivery.ts): written once no acknowledgement
// has arrived for RECEIPT_BATCH_MS, never later than RECEIPT_MAX_WAIT_MS after the first — so the
// acknowledgements of one page to many pagers are one write after the page is out. Fake timers.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { DeliveryReceipt } from "@/src/domain/alarms/alarms";
import { RECEIPT_BATCH_MS, RECEIPT_MAX_WAIT_MS, receiptBatcher } from "@/src/realtime/alarm-delivery";

const actor: DeliveryReceipt["actor"] = { type: "STAFF", id: "s-1", role: "STAFF", locationIds: [] };
const receipt = (n: number): DeliveryReceipt => ({ actor, alarmId: `a-${n}`, at: new Date(0) });

let t = 0;
let batches: string[][] = [];
const write = async (batch: DeliveryReceipt[]) => {
  batches.push(batch.map((r) => r.alarmId));
};
/** Moves the fake clock and its timers on by `ms`. */
const pass = (ms: number) => {
  t += ms;
  vi.advanceTimersByTime(ms);
};

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
  t = 0;
  batches = [];
});
afterEach(() => {
  vi.useRealTimers();
});

describe("receipt batches", () => {
  it("one receipt alone is written RECEIPT_BATCH_MS after it arrived", async () => {
    const b = receiptBatcher(write, () => t);
    b.push(receipt(1));
    pass(RECEIPT_BATCH_MS - 1);
    expect(batches).toEqual([]);
    pass(1);
    await vi.waitFor(() => expect(batches).toEqual([["a-1"]]));
  });

  it("receipts that keep arriving within RECEIPT_BATCH_MS of each other are one batch, written when the line is quiet", async () => {
    const b = receiptBatcher(write, () => t);
    for (let i = 0; i < 6; i++) {
      b.push(receipt(i));
      pass(RECEIPT_BATCH_MS - 5); // the next one comes before the line has been quiet long enough
    }
    expect(batches).toEqual([]);
    pass(5);
    await vi.waitFor(() => expect(batches).toEqual([["a-0", "a-1", "a-2", "a-3", "a-4", "a-5"]]));
    // The next receipt starts a new batch.
    b.push(receipt(9));
    pass(RECEIPT_BATCH_MS);
    await vi.waitFor(() => expect(batches).toHaveLength(2));
    expect(batches[1]).toEqual(["a-9"]);
  });

  it("a line that never goes quiet is still written RECEIPT_MAX_WAIT_MS after its first receipt", async () => {
    const b = receiptBatcher(write, () => t);
    let n = 0;
    while (t < RECEIPT_MAX_WAIT_MS - 10) {
      b.push(receipt(n++));
      pass(10);
    }
    expect(batches).toEqual([]);
    b.push(receipt(n++));
    pass(10); // RECEIPT_MAX_WAIT_MS after the first
    await vi.waitFor(() => expect(batches).toHaveLength(1));
    expect(batches[0]).toHaveLength(n);
  });

  it("drain writes what is waiting at once and resolves when it is written", async () => {
    const b = receiptBatcher(write, () => t);
    b.push(receipt(1));
    b.push(receipt(2));
    await b.drain();
    expect(batches).toEqual([["a-1", "a-2"]]);
    await b.drain(); // nothing waiting: nothing written twice
    pass(RECEIPT_MAX_WAIT_MS);
    expect(batches).toHaveLength(1);
  });
});
