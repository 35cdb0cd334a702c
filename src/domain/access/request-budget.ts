// A request budget per key (a kiosk, a client address): at most `limit` requests per fixed window.
// In memory, per process — a cap on floods from one caller, not an accounting: failure counts
// that must survive a restart or be shared between processes use the LoginThrottle table
// (src/domain/staff/login-throttle.ts). Time comes from the caller (the domain clock).

export interface BudgetAnswer {
  ok: boolean;
  /** When the caller may try again (the end of the current window), if refused. */
  retryAt?: Date;
}

export class RequestBudget {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Counts one request for `key` at `now`; refused once the window's limit is spent. */
  spend(key: string, now: Date): BudgetAnswer {
    const t = now.getTime();
    if (this.windows.size > 10_000) this.prune(t);
    let w = this.windows.get(key);
    if (!w || t - w.start >= this.windowMs || t < w.start) {
      w = { start: t, count: 0 };
      this.windows.set(key, w);
    }
    if (w.count >= this.limit) return { ok: false, retryAt: new Date(w.start + this.windowMs) };
    w.count += 1;
    return { ok: true };
  }

  private prune(t: number) {
    for (const [key, w] of this.windows) if (t - w.start >= this.windowMs) this.windows.delete(key);
  }
}
