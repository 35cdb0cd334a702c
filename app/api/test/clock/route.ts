// The browser tests' clock (PORTIER_TEST_CLOCK=1 only; otherwise this route does not exist):
// GET tells the server's time, POST { advanceMs } moves it forward and runs the jobs now due, so a
// test sees a 10-minute wait alert without waiting 10 minutes. POST { holdMs } holds the clock
// still for a test that needs real time without a jump (advances wait; src/server/test-clock-holds.ts)
// and answers { holdId }; POST { releaseHold } ends that hold.
import { z } from "zod";
import { AppError } from "@/src/domain/errors";
import { handle, readJson } from "@/src/server/http";
import { domain, runtime } from "@/src/server/runtime";
import { ClockHolds, MAX_HOLD_MS } from "@/src/server/test-clock-holds";

const requestSchema = z.union([
  z.object({
    advanceMs: z
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 3600_000),
  }),
  z.object({ holdMs: z.number().int().min(1).max(MAX_HOLD_MS) }),
  z.object({ releaseHold: z.string().min(1).max(100) }),
]);

const holds = new ClockHolds();

function testClock() {
  const clock = runtime().testClock;
  if (!clock) throw new AppError("NOT_FOUND");
  return clock;
}

const now = async () => (await domain()).clock.now().toISOString();

export const GET = handle(async () => {
  testClock();
  return Response.json({ now: await now() });
});

export const POST = handle(async (req) => {
  const clock = testClock();
  const body = await readJson(req, requestSchema);
  if ("holdMs" in body) return Response.json({ holdId: holds.hold(body.holdMs), now: await now() });
  if ("releaseHold" in body) {
    holds.release(body.releaseHold);
    return Response.json({ now: await now() });
  }
  await holds.cleared();
  clock.advance(body.advanceMs);
  await runtime().tickScheduler?.();
  return Response.json({ now: await now() });
});
