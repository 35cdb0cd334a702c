// PostgreSQL and Redis of the scale-out tests (127.0.0.1 on the project's machines; the
// PORTIER_TEST_POSTGRES_URL / PORTIER_TEST_REDIS_URL variables override them). A user's own machine
// may have neither: the tests are then skipped with a note. CI (CI=true) has both, so there they
// always run (and fail if a service is missing). Each test uses its own database / key prefix.
import { randomBytes } from "node:crypto";
import { tcpListening } from "@/tests/helpers/mqtt-broker";

export const REDIS_TEST_URL = process.env.PORTIER_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
export const POSTGRES_TEST_URL = process.env.PORTIER_TEST_POSTGRES_URL ?? "postgresql://root@127.0.0.1:5432/postgres";

const listening = (url: string, port: number) => {
  const u = new URL(url);
  return tcpListening(u.hostname, Number(u.port || port));
};

/** True when tests needing `services` must be skipped here (one is absent, and not in CI); says so. */
export async function skipWithout(services: ("redis" | "postgresql")[], what: string): Promise<boolean> {
  if (process.env.CI) return false;
  const missing: string[] = [];
  if (services.includes("redis") && !(await listening(REDIS_TEST_URL, 6379))) missing.push(`Redis (${REDIS_TEST_URL})`);
  if (services.includes("postgresql") && !(await listening(POSTGRES_TEST_URL, 5432)))
    missing.push(`PostgreSQL (${POSTGRES_TEST_URL})`);
  if (missing.length) console.warn(`No ${missing.join(" and ")}: the ${what} tests are skipped (CI runs them).`);
  return missing.length > 0;
}

/** A Redis key prefix no other test or helper uses. */
export const uniqueRedisPrefix = (what: string) => `portier-test:${what}:${randomBytes(6).toString("hex")}:`;
