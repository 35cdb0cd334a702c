// `npm start` (NODE_ENV=production tsx server.ts) refuses to run without a real secret: spawned as
// a separate process, it exits with code 1 and says what to set, before it opens a port or
// touches the database. A demo start (PORTIER_DEMO=1) is allowed and warns loudly (not started
// here: that needs a production build; the browser tests start exactly that).
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "portier-start-"));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

function start(extra: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "",
    NODE_ENV: "production",
    PORT: "1",
    HOST: "127.0.0.1",
    PORTIER_DATA_DIR: dataDir,
    DATABASE_URL: `file:${path.join(dataDir, "never.db")}`,
    NEXT_TELEMETRY_DISABLED: "1",
    ...extra,
  };
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(ROOT, "node_modules", ".bin", "tsx"), ["server.ts"], {
      cwd: ROOT,
      env: env as NodeJS.ProcessEnv,
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`server.ts did not exit by itself:\n${output}`));
    }, 60_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe("a production start", () => {
  it("refuses a missing secret with a message saying what to set", async () => {
    const { code, output } = await start({});
    expect(code).toBe(1);
    expect(output).toMatch(/No secret configured/);
    expect(output).toMatch(/PORTIER_SECRET/);
    expect(output).toMatch(/PORTIER_DEMO=1/);
    expect(fs.existsSync(path.join(dataDir, "secret.key")), "no secret file was generated").toBe(false);
    expect(fs.existsSync(path.join(dataDir, "never.db")), "the database was not touched").toBe(false);
  }, 70_000);

  it("refuses a known default secret, also from a file", async () => {
    const viaEnv = await start({ PORTIER_SECRET: "changeme-changeme-changeme-changeme-0000" });
    expect(viaEnv.code).toBe(1);
    expect(viaEnv.output).toMatch(/PORTIER_SECRET is a known default/);
    const file = path.join(dataDir, "default-secret");
    fs.writeFileSync(file, "portier-demo");
    const viaFile = await start({ PORTIER_SECRET_FILE: file });
    expect(viaFile.code).toBe(1);
    expect(viaFile.output).toMatch(/PORTIER_SECRET_FILE/);
  }, 130_000);
});
