// The e2e server runs with PORTIER_TEST_CLOCK=1 (e2e/web-server.ts): tests move its clock forward
// instead of sleeping. Moving it also runs the scheduler jobs that became due.
import type { APIRequestContext } from "@playwright/test";

/** Moves the server's clock forward by `ms` and returns the server's new time. */
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
