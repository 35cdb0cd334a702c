// `npm run bench`: runs every bench/*.bench.ts in turn (each default-exports a Bench), prints
// their results and writes them all to bench/RESULTS.md. `npm run bench -- decode` runs only
// the files whose name contains "decode", and then leaves RESULTS.md alone.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { type BenchResult, cpuProbe, loadAverage, machine } from "./lib";

const dir = import.meta.dirname;
const filters = process.argv.slice(2).filter((a) => !a.startsWith("-"));
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();

if (files.length === 0) {
  console.error(`No bench file matches ${filters.join(", ")} in ${dir}`);
  process.exit(1);
}

const started = new Date();
const loadBefore = loadAverage();
const probeBefore = cpuProbe();
console.log(`Bench on ${machine()}; load average (1/5/15 min) ${loadBefore}; CPU probe ${probeBefore.toFixed(1)} ms`);
const results: { file: string; result: BenchResult; seconds: number }[] = [];
for (const file of files) {
  console.log(`\n=== ${file}`);
  const t0 = performance.now();
  const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as { default: () => Promise<BenchResult> };
  const result = await mod.default();
  const seconds = (performance.now() - t0) / 1000;
  results.push({ file, result, seconds });
  console.log(`\n## ${result.title}\n\n${result.markdown}\n\n(${file}: ${seconds.toFixed(1)} s)`);
}
const loadAfter = loadAverage();
const probeAfter = cpuProbe();

if (filters.length === 0) {
  const sections = results.map(
    ({ file, result, seconds }) => `## ${result.title}\n\n_${file}, ${seconds.toFixed(0)} s._\n\n${result.markdown}\n`,
  );
  const doc = [
    "# Bench results",
    "",
    "Written by `npm run bench` (bench/run.ts runs every bench/*.bench.ts); commit it with the change that moved the numbers.",
    "Ratios compare with a baseline measured in the same run. Timing thresholds live here, never in unit tests.",
    "",
    `- Date: ${started.toISOString()}`,
    `- Machine: ${machine()}`,
    `- Load average (1/5/15 min) before / after: ${loadBefore} — ${loadAfter}`,
    `- CPU probe before / after (bench/lib.ts \`cpuProbe\`: a fixed piece of JSON and string work, best of 5; lower is faster — this machine's speed moves with its host, and every absolute figure below with it): ${probeBefore.toFixed(1)} ms — ${probeAfter.toFixed(1)} ms`,
    "",
    ...sections,
  ].join("\n");
  fs.writeFileSync(path.join(dir, "RESULTS.md"), doc);
  console.log(`\nWrote ${path.join(dir, "RESULTS.md")}`);
}
