import { describe, expect, it } from "vitest";
import { ClockHolds, MAX_HOLD_MS } from "@/src/server/test-clock-holds";

describe("test clock holds (e2e: an advance waits while a test holds the shared clock)", () => {
  it("is held from hold until release, and each hold counts on its own", () => {
    const holds = new ClockHolds(() => 1_000);
    expect(holds.held()).toBe(false);
    const a = holds.hold(5_000);
    const b = holds.hold(5_000);
    expect(holds.held()).toBe(true);
    holds.release(a);
    expect(holds.held()).toBe(true);
    holds.release(b);
    expect(holds.held()).toBe(false);
    holds.release("unknown"); // releasing twice or an unknown id is harmless
    expect(holds.held()).toBe(false);
  });

  it("ends by itself after its time, never longer than MAX_HOLD_MS", () => {
    let now = 0;
    const holds = new ClockHolds(() => now);
    holds.hold(3_000);
    now = 2_999;
    expect(holds.held()).toBe(true);
    now = 3_000;
    expect(holds.held()).toBe(false);
    holds.hold(10 * MAX_HOLD_MS); // a failed test's hold cannot stop the others for long
    now += MAX_HOLD_MS - 1;
    expect(holds.held()).toBe(true);
    now += 1;
    expect(holds.held()).toBe(false);
  });

  it("`cleared` resolves once the last hold is released, not before", async () => {
    const holds = new ClockHolds();
    const id = holds.hold(10_000);
    let done = false;
    const cleared = holds.cleared(1).then(() => {
      done = true;
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(done).toBe(false);
    holds.release(id);
    await cleared;
    expect(done).toBe(true);
  });
});
