import type { DomainContext } from "@/src/domain/db";
import { type JobHandlers, runDueJobs } from "@/src/domain/scheduler/run-due-jobs";

export interface SchedulerLoop {
  stop(): Promise<void>;
  /** Runs due jobs now (also used by tests and the test clock). */
  tick(): Promise<void>;
}

/**
 * The one loop that drives everything that must happen later. Polls the job table every
 * `intervalMs` (an indexed query), so a job fires within that interval of its due time.
 */
export function startSchedulerLoop(
  ctx: DomainContext,
  handlers: JobHandlers,
  workerId: string,
  intervalMs = 250,
): SchedulerLoop {
  let stopped = false;
  let running: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;

  const tick = async () => {
    if (running) return running;
    running = (async () => {
      try {
        await runDueJobs(ctx, handlers, workerId);
      } catch (err) {
        console.error("[scheduler] tick failed:", err);
      } finally {
        running = null;
      }
    })();
    return running;
  };
  const loop = async () => {
    if (stopped) return;
    await tick();
    if (!stopped) timer = setTimeout(loop, intervalMs);
  };
  void loop();

  return {
    tick,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (running) await running;
    },
  };
}
