import { defineConfig } from "vitest/config";
import base from "./vitest.config.ts";

// The integration suite against PostgreSQL (`npm run test:postgres`): the same tests, each vitest
// worker on its own fresh PostgreSQL database (tests/helpers/test-db.ts). Left out: the test of
// SQLite's own locking, and the migration test (which tests both providers itself).
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ["tests/integration/**/*.test.ts"],
    exclude: ["tests/integration/sqlite-isolation.test.ts", "tests/integration/migrations.test.ts"],
    env: { ...base.test?.env, PORTIER_TEST_DATABASE: "postgresql" },
  },
});
