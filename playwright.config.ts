// End-to-end tests: Debian's Chromium (never a downloaded one) against a production build of
// Portier on its own port, with a throw-away database and data folder under e2e/.tmp/.
// e2e/web-server.ts prepares that (migrate, seed, build) and starts the server.
import fs from "node:fs";
import { defineConfig } from "@playwright/test";

const CI = !!process.env.CI;
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://127.0.0.1:${E2E_PORT}`;
process.env.TZ = "Europe/Amsterdam"; // a non-UTC zone in the test process too, so time-zone bugs show

/** Same lookup as scripts/ensure-chromium.mjs (which `npm run test:e2e` runs first). */
function chromiumPath(): string {
  const candidates = process.env.CHROMIUM_PATH
    ? [process.env.CHROMIUM_PATH]
    : ["/usr/bin/chromium", "/usr/bin/chromium-browser"];
  const found = candidates.find((file) => {
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
  if (!found) {
    throw new Error(
      "No Chromium found for the browser tests: run `node scripts/ensure-chromium.mjs` " +
        "(or `sudo apt-get install chromium`), or set CHROMIUM_PATH.",
    );
  }
  return found;
}

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  outputDir: "test-results",
  fullyParallel: false,
  forbidOnly: CI,
  retries: CI ? 1 : 0,
  workers: 2,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL,
    locale: "nl-NL",
    timezoneId: "Europe/Amsterdam",
    actionTimeout: 10_000,
    navigationTimeout: 20_000,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS },
  },
  projects: [{ name: "chromium" }],
  webServer: {
    command: "node_modules/.bin/tsx e2e/web-server.ts",
    url: `${baseURL}/api/health`,
    // Migrate + seed + `next build` on two cores: a few minutes.
    timeout: 10 * 60_000,
    reuseExistingServer: !CI,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    env: { E2E_PORT: String(E2E_PORT), TZ: "Europe/Amsterdam", NEXT_TELEMETRY_DISABLED: "1" },
  },
});
