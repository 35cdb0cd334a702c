// The e2e test clock is one clock shared by every browser test running at the same time, and some
// of them move it forward by minutes. A test that needs a stretch of real time without such a jump
// (the tablet's 5-second cancel window: a jump in it opens the alarm) holds the clock for that
// stretch; an advance asked for meanwhile waits until no hold is left. Each hold ends by itself
// after its time, so a test that fails while holding cannot stop the others for long.
// PORTIER_TEST_CLOCK=1 only (app/api/test/clock/route.ts).
import { randomUUID } from "node:crypto";

/** The longest hold: an advance never waits longer than this for one hold. */
export const MAX_HOLD_MS = 20_000;

export class ClockHolds {
  private readonly holds = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  /** A new hold for `ms` of real time (at most MAX_HOLD_MS); returns its id for `release`. */
  hold(ms: number): string {
    const id = randomUUID();
    this.holds.set(id, this.now() + Math.min(ms, MAX_HOLD_MS));
    return id;
  }

  release(id: string): void {
    this.holds.delete(id);
  }

  /** Whether any hold is still running (expired ones are dropped). */
  held(): boolean {
    const now = this.now();
    for (const [id, until] of this.holds) if (until <= now) this.holds.delete(id);
    return this.holds.size > 0;
  }

  /** Resolves once no hold is running. */
  async cleared(pollMs = 50): Promise<void> {
    while (this.held()) await new Promise((r) => setTimeout(r, pollMs));
  }
}
