// Runs once per `vitest run` in the main process: a temp folder for this run's worker databases,
// removed again at the end.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    testDbDir: string;
  }
}

export default function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portier-vitest-"));
  project.provide("testDbDir", dir);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
