import path from "node:path";
import { defineConfig } from "vitest/config";

// All times in tests are Dutch local time, like the product's default location time zone.
process.env.TZ = "Europe/Amsterdam";

export default defineConfig({
  resolve: {
    alias: { "@": path.resolve(import.meta.dirname) },
  },
  test: {
    environment: "node",
    include: ["tests/**/*.test.ts"],
    env: { TZ: "Europe/Amsterdam", NODE_ENV: "test" },
    // Creates one temp folder per run; each worker migrates its own SQLite database in it once.
    globalSetup: ["tests/helpers/global-setup.ts"],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
