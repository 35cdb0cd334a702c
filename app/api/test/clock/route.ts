// The browser tests' clock (PORTIER_TEST_CLOCK=1 only; otherwise this route does not exist):
// GET tells the server's time, POST { advanceMs } moves it forward and runs the jobs now due, so a
// test sees a 10-minute wait alert without waiting 10 minutes.
import { z } from "zod";
import { AppError } from "@/src/domain/errors";
import { handle, readJson } from "@/src/server/http";
import { domain, runtime } from "@/src/server/runtime";

const advanceSchema = z.object({
  advanceMs: z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 3600_000),
});

function testClock() {
  const clock = runtime().testClock;
  if (!clock) throw new AppError("NOT_FOUND");
  return clock;
}

export const GET = handle(async () => {
  testClock();
  return Response.json({ now: (await domain()).clock.now().toISOString() });
});

export const POST = handle(async (req) => {
  const clock = testClock();
  const { advanceMs } = await readJson(req, advanceSchema);
  clock.advance(advanceMs);
  await runtime().tickScheduler?.();
  return Response.json({ now: (await domain()).clock.now().toISOString() });
});
