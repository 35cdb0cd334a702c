// `npm run test:postgres`: the integration suite again, on PostgreSQL (vitest.postgres.config.ts).
// Skipped with a note when no PostgreSQL server answers — never in CI (CI=true), which has one.
import { spawnSync } from "node:child_process";
import net from "node:net";

const url = new URL(process.env.PORTIER_TEST_POSTGRES_URL ?? "postgresql://root@127.0.0.1:5432/postgres");
const up = await new Promise((resolve) => {
  const s = net.connect({ host: url.hostname, port: Number(url.port || 5432) });
  const done = (v) => {
    s.destroy();
    resolve(v);
  };
  s.setTimeout(2000, () => done(false));
  s.once("connect", () => done(true));
  s.once("error", () => done(false));
});
if (!up && !process.env.CI && process.env.PORTIER_SKIP_POSTGRES !== "0") {
  console.warn(`No PostgreSQL at ${url.host}: the PostgreSQL run of the integration tests is skipped (CI runs it).`);
  process.exit(0);
}
if (process.env.PORTIER_SKIP_POSTGRES === "1") {
  console.warn("PORTIER_SKIP_POSTGRES=1: the PostgreSQL run of the integration tests is skipped.");
  process.exit(0);
}
const r = spawnSync("npx", ["vitest", "run", "-c", "vitest.postgres.config.ts", ...process.argv.slice(2)], {
  stdio: "inherit",
  env: { ...process.env, PORTIER_TEST_DATABASE: "postgresql" },
});
process.exit(r.status ?? 1);
