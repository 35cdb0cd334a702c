// Shared by the bench files in bench/ (run by bench/run.ts through `npm run bench`).
import os from "node:os";

/** What a bench file's default export returns: a Markdown section for bench/RESULTS.md. */
export interface BenchResult {
  title: string;
  markdown: string;
}

export type Bench = () => Promise<BenchResult>;

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

export interface Samples {
  /** Wall-clock ms per call. */
  wall: number[];
  /** CPU ms per call (this process): less disturbed by other work on the machine. */
  cpu: number[];
}

export interface Timing {
  median: number;
  p95: number;
  cpuMedian: number;
  runs: number;
}

export function summarise(samples: Samples): Timing {
  const wall = [...samples.wall].sort((a, b) => a - b);
  const cpu = [...samples.cpu].sort((a, b) => a - b);
  return { median: percentile(wall, 50), p95: percentile(wall, 95), cpuMedian: percentile(cpu, 50), runs: wall.length };
}

/**
 * Times `fn` over `inputs` (cycled): a few warm-up calls, then at least `minRuns`, at most
 * `maxRuns`, stopping once `budgetMs` of wall time is spent. Adds to `into` when given.
 */
export async function timeCalls<I, R>(
  inputs: I[],
  fn: (input: I) => Promise<R> | R,
  { warmup = 3, minRuns = 8, maxRuns = 60, budgetMs = 5000 } = {},
  onResult?: (input: I, result: R) => void,
  into: Samples = { wall: [], cpu: [] },
): Promise<Samples> {
  for (let i = 0; i < warmup; i++) await fn(inputs[i % inputs.length]);
  const start = performance.now();
  for (let i = 0; i < maxRuns && (i < minRuns || performance.now() - start < budgetMs); i++) {
    const input = inputs[i % inputs.length];
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const result = await fn(input);
    into.wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    into.cpu.push((c.user + c.system) / 1000);
    onResult?.(input, result);
  }
  return into;
}

export const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
export const ratio = (value: number, baseline: number) =>
  `${(value / baseline).toFixed(value / baseline < 0.1 ? 3 : 2)}×`;

export function machine(): string {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model.trim() ?? "unknown CPU"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}, Node ${process.version}`;
}

export const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" / ");

/** A Markdown table from a header row and body rows. */
export function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

/**
 * The machine's speed now: ms for a fixed piece of single-threaded work of the kind the servers do
 * (JSON in and out, strings, a Map), the best of 5 rounds. This machine is a share of a host and
 * its speed moves by half or more within an hour, every absolute figure with it (ratios compare
 * within one run): RESULTS.md gives this reading before and after the run.
 */
export function cpuProbe(): number {
  const responders = Array.from({ length: 200 }, (_, i) => ({
    staffId: `staff-${i}`,
    name: `Medewerker ${i}`,
    round: 0,
    pagedAt: new Date(Date.UTC(2026, 0, 1, 9, 0, i)).toISOString(),
    deliveredAt: null,
    response: i % 3 ? null : "COMING",
  }));
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 5; round++) {
    const t0 = performance.now();
    const seen = new Map<string, number>();
    for (let i = 0; i < 60; i++) {
      const back = JSON.parse(JSON.stringify({ id: `alarm-${i}`, responders })) as { responders: typeof responders };
      for (const r of back.responders) seen.set(`${r.staffId}|${i % 7}`, r.name.length + i);
    }
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}
