// The e2e server runs with PORTIER_TEST_CLOCK=1 (e2e/web-server.ts): tests move its clock forward
// instead of sleeping. Moving it also runs the scheduler jobs that became due. The clock is shared
// by the tests running at the same time: a test that needs a stretch of real time without a jump
// (the tablet's 5-second cancel window) runs that stretch inside `withServerClockHeld`.
import type { APIRequestContext } from "@playwright/test";

/** Moves the server's clock forward by `ms` and returns the server's new time (waits while another test holds it). */
export async function advanceServerClock(request: APIRequestContext, baseURL: string, ms: number): Promise<Date> {
  const res = await request.post(`${baseURL}/api/test/clock`, { data: { advanceMs: ms } });
  if (!res.ok()) throw new Error(`test clock: ${res.status()} ${await res.text()}`);
  return new Date(((await res.json()) as { now: string }).now);
}

/** The server's time (it runs ahead of the test's own clock once moved). */
export async function serverNow(request: APIRequestContext, baseURL: string): Promise<Date> {
  const res = await request.get(`${baseURL}/api/test/clock`);
  if (!res.ok()) throw new Error(`test clock: ${res.status()}`);
  return new Date(((await res.json()) as { now: string }).now);
}

/**
 * Runs `fn` while no other test can move the server's clock (their advances wait), for at most
 * `ms` of real time (the server ends the hold by itself then). For a real-time window that a jump
 * would end early: a cancel window of 5 s opens the alarm if another test moves the clock in it.
 */
export async function withServerClockHeld<T>(
  request: APIRequestContext,
  baseURL: string,
  fn: () => Promise<T>,
  ms = 15_000,
): Promise<T> {
  const res = await request.post(`${baseURL}/api/test/clock`, { data: { holdMs: ms } });
  if (!res.ok()) throw new Error(`test clock hold: ${res.status()} ${await res.text()}`);
  const { holdId } = (await res.json()) as { holdId: string };
  try {
    return await fn();
  } finally {
    await request.post(`${baseURL}/api/test/clock`, { data: { releaseHold: holdId } });
  }
}
