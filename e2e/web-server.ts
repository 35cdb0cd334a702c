// Playwright's web server (see playwright.config.ts): a fresh, production-mode Portier for the
// end-to-end tests. Removes e2e/.tmp, migrates and seeds a throw-away SQLite database there,
// runs `next build`, then starts server.ts with NODE_ENV=production on E2E_PORT (default 3210).
// E2E_SKIP_BUILD=1 reuses an existing production build in .next (quicker local iterations).
// E2E_DEV=1 starts the development server instead (no build, reloads on change): run it by hand
// (`E2E_DEV=1 npx tsx e2e/web-server.ts`) and Playwright, outside CI, uses it while it runs.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { tcpListening } from "../tests/helpers/mqtt-broker";

const root = path.resolve(import.meta.dirname, "..");
const tmp = path.join(root, "e2e", ".tmp");
const port = process.env.E2E_PORT ?? "3210";
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);

const { NODE_ENV: _ignored, ...inherited } = process.env;
type Env = Record<string, string | undefined>;
const base: Env = {
  ...inherited,
  DATABASE_URL: "file:./e2e/.tmp/e2e.db",
  PORTIER_DATA_DIR: "./e2e/.tmp",
  HOST: "127.0.0.1",
  TZ: "Europe/Amsterdam",
  NEXT_TELEMETRY_DISABLED: "1",
};

function step(label: string, cmd: string, args: string[], env: Env = base) {
  const started = Date.now();
  console.log(`[e2e server] ${label}…`);
  const r = spawnSync(cmd, args, { cwd: root, env: env as NodeJS.ProcessEnv, stdio: "inherit" });
  if (r.status !== 0) {
    console.error(`[e2e server] ${label} failed (${r.status ?? r.signal})`);
    process.exit(1);
  }
  console.log(`[e2e server] ${label} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

fs.rmSync(tmp, { recursive: true, force: true });
fs.mkdirSync(tmp, { recursive: true });
step("migrate", bin("tsx"), ["scripts/migrate.ts", "deploy"]);
step("seed", bin("tsx"), ["prisma/seed.ts"]);
const dev = process.env.E2E_DEV === "1";
if (dev) {
  console.log("[e2e server] E2E_DEV=1: development server, no build");
} else if (process.env.E2E_SKIP_BUILD === "1" && fs.existsSync(path.join(root, ".next", "BUILD_ID"))) {
  console.log("[e2e server] E2E_SKIP_BUILD=1: reusing the production build in .next");
} else {
  step("next build", bin("next"), ["build"]);
}

// The hardware buttons' MQTT path runs whenever a broker is there (CI machines have Mosquitto).
const mqttUrl =
  process.env.PORTIER_MQTT_URL ?? ((await tcpListening("127.0.0.1", 1883, 500)) ? "mqtt://127.0.0.1:1883" : undefined);
console.log(`[e2e server] MQTT broker: ${mqttUrl ?? "none (the MQTT press is not tried)"}`);

console.log(`[e2e server] starting Portier (${dev ? "development" : "production"}) on port ${port}`);
const server = spawn(bin("tsx"), dev ? ["watch", "--ignore", "./.next/**", "server.ts"] : ["server.ts"], {
  cwd: root,
  stdio: "inherit",
  env: {
    ...base,
    ...(dev ? {} : { NODE_ENV: "production" }),
    PORT: port,
    // The movable clock is for the running test server only (refused off loopback in production).
    PORTIER_TEST_CLOCK: "1",
    // The seed step generated e2e/.tmp/secret.key; a production start accepts it only as a demo.
    PORTIER_DEMO: "1",
    // The specs move the server's clock forward (hours, for end of day): a 30-minute staff idle
    // timeout would sign their pages out. The timeout itself: tests/integration/staff-idle-timeout.test.ts.
    PORTIER_STAFF_IDLE_MINUTES: "10080",
    ...(mqttUrl ? { PORTIER_MQTT_URL: mqttUrl } : {}),
    LOG_LEVEL: "warn",
  } as NodeJS.ProcessEnv,
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => server.kill(signal));
}
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
