// Several real Portier processes for the failover test: `server.ts` in production mode on the
// production build the e2e run made (.next), each on a free loopback port, sharing one PostgreSQL
// database and one Redis key prefix of their own.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..", "..");

/** A free loopback port (asked of the OS, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface PortierProcess {
  name: string;
  url: string;
  child: ChildProcess;
  /** What the process printed (for a failing test's message). */
  output(): string;
  exited: Promise<void>;
}

export interface ClusterEnv {
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
  /** One master secret for all processes: a session signed by one is valid at the others. */
  secret: string;
}

export const newClusterSecret = () => randomBytes(36).toString("base64url");

export async function startPortier(name: string, env: ClusterEnv): Promise<PortierProcess> {
  if (!fs.existsSync(path.join(root, ".next", "BUILD_ID"))) {
    throw new Error("No production build in .next: the e2e web server builds it (or run `npx next build`)");
  }
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `portier-${name}-`));
  const { NODE_ENV: _n, PORTIER_MQTT_URL: _m, PORTIER_TEST_CLOCK: _c, ...inherited } = process.env;
  // Node itself with tsx's loader, not the `tsx` wrapper: the wrapper runs the server in a child
  // process, and a SIGKILL of the wrapper would leave that child running.
  const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    cwd: root,
    env: {
      ...inherited,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(port),
      DATABASE_URL: env.databaseUrl,
      REDIS_URL: env.redisUrl,
      PORTIER_REDIS_PREFIX: env.redisPrefix,
      PORTIER_SECRET: env.secret,
      PORTIER_DATA_DIR: dataDir,
      TZ: "Europe/Amsterdam",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (d) => {
    out += d;
  });
  child.stderr?.on("data", (d) => {
    out += d;
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const proc: PortierProcess = { name, url: `http://127.0.0.1:${port}`, child, output: () => out, exited };
  await waitHealthy(proc);
  return proc;
}

/** Waits until /api/health says ok with the Redis link up (at most `ms`). */
async function waitHealthy(p: PortierProcess, ms = 60_000): Promise<void> {
  const until = Date.now() + ms;
  let last = "";
  while (Date.now() < until) {
    if (p.child.exitCode !== null) throw new Error(`${p.name} exited (${p.child.exitCode}):\n${p.output()}`);
    try {
      const res = await fetch(`${p.url}/api/health`);
      const body = (await res.json()) as { status?: string; cluster?: { state?: string } };
      last = JSON.stringify(body);
      if (body.status === "ok" && body.cluster?.state === "connected") return;
    } catch (err) {
      last = String(err);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${p.name} did not become healthy: ${last}\n${p.output()}`);
}

export async function stopPortier(p: PortierProcess, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return;
  p.child.kill(signal);
  await p.exited;
}
