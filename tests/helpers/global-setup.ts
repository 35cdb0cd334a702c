// Runs once per `vitest run` in the main process: a temp folder for this run's worker databases,
// removed again at the end.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    testDbDir: string;
  }
}

export default function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portier-vitest-"));
  project.provide("testDbDir", dir);
  return async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    if (process.env.PORTIER_TEST_DATABASE === "postgresql") await dropRunDatabases(dir);
  };
}

/** Drops this run's PostgreSQL databases (one per worker; see tests/helpers/test-db.ts). */
async function dropRunDatabases(dir: string) {
  const admin = new URL(process.env.PORTIER_TEST_POSTGRES_URL ?? "postgresql://root@127.0.0.1:5432/postgres");
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const prefix = `portier_t_${path
      .basename(dir)
      .replace(/[^a-zA-Z0-9]/g, "")
      .toLowerCase()}_`;
    const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE $1", [
      `${prefix}%`,
    ]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
