// The request budget of a paired kiosk: identify, check-in and check-out together at most
// KIOSK_REQUESTS_PER_MINUTE per kiosk (a busy walk-in queue needs a handful a minute; a script
// with a copied kiosk cookie gets 429 RATE_LIMITED). PORTIER_KIOSK_REQUESTS_PER_MINUTE changes it
// (0: no cap — the check-in bench, which runs kiosks far busier than people can); it is read here
// rather than through config() so that route tests need no secret, and validated by config() at
// the server's start. In memory, per process and per domain
// context (each test's context starts afresh); time from the domain clock, so the browser tests'
// clock moves it. Leave-code guessing has its own, stricter and persistent limit
// (src/domain/visits/leave-code-throttle.ts).
import { RequestBudget } from "@/src/domain/access/request-budget";
import type { DomainContext } from "@/src/domain/db";
import { AppError } from "@/src/domain/errors";

export const KIOSK_REQUESTS_PER_MINUTE = 60;

function limitPerMinute(): number {
  const raw = process.env.PORTIER_KIOSK_REQUESTS_PER_MINUTE;
  const n = raw === undefined || raw === "" ? KIOSK_REQUESTS_PER_MINUTE : Number(raw);
  return Number.isInteger(n) && n >= 0 ? n : KIOSK_REQUESTS_PER_MINUTE;
}

const KEY = Symbol.for("portier.kioskBudgets");
type G = typeof globalThis & { [KEY]?: WeakMap<DomainContext, RequestBudget> };

/** Spends one request of this kiosk's budget; throws RATE_LIMITED (429) when it is spent. */
export function spendKioskRequest(ctx: DomainContext, deviceId: string): void {
  const g = globalThis as G;
  g[KEY] ??= new WeakMap();
  let budget = g[KEY].get(ctx);
  if (!budget) {
    const limit = limitPerMinute();
    if (limit === 0) return;
    budget = new RequestBudget(limit, 60_000);
    g[KEY].set(ctx, budget);
  }
  if (!budget.spend(`kiosk:${deviceId}`, ctx.clock.now()).ok) throw new AppError("RATE_LIMITED");
}
