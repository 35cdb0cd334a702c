// Configuration from the environment, validated once. Every variable is listed in the README.

import { hkdfSync, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { databaseUrl } from "@/src/server/database-url";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  PORTIER_DATA_DIR: z.string().default("./data"),
  PORTIER_SECRET: z.string().min(32, "PORTIER_SECRET must be at least 32 characters").optional(),
  /** A file holding the master secret (a container or systemd secret), instead of PORTIER_SECRET. */
  PORTIER_SECRET_FILE: z.string().trim().min(1).optional(),
  /** `1`: a demo or trial; in production the secret may then be the generated data/secret.key. */
  PORTIER_DEMO: z.enum(["0", "1"]).default("0"),
  PORTIER_TEST_CLOCK: z.enum(["0", "1"]).default("0"),
  /** Identify / check-in / check-out requests per minute per kiosk (0: no cap); read by src/server/kiosk-budget.ts. */
  PORTIER_KIOSK_REQUESTS_PER_MINUTE: z.coerce
    .number()
    .int()
    .min(0, "PORTIER_KIOSK_REQUESTS_PER_MINUTE must be 0 (no cap) or more")
    .default(60),
  /** Audit events older than this many days are deleted behind a checkpoint (0: kept for ever). */
  PORTIER_AUDIT_RETENTION_DAYS: z.coerce
    .number()
    .int()
    .min(0, "PORTIER_AUDIT_RETENTION_DAYS must be 0 (keep) or more")
    .max(36_500)
    .default(1826),
  /** Staff sessions end after this many minutes without activity (screens of duty stay active by themselves). */
  PORTIER_STAFF_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(5, "PORTIER_STAFF_IDLE_MINUTES must be 5 or more")
    .max(7 * 24 * 60, "PORTIER_STAFF_IDLE_MINUTES must be at most 10080 (a week)")
    .default(30),
  /** The MQTT broker of the hardware panic buttons (unset: no listener, no broker needed). */
  PORTIER_MQTT_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || undefined)
    .refine((v) => v === undefined || /^(mqtts?|wss?|tcp|ssl):\/\/[^\s/]+/.test(v), {
      message: "PORTIER_MQTT_URL must look like mqtt://host:1883 (or mqtts://, ws://, wss://)",
    }),
  /** Redis for several Portier processes (unset: one process, everything in-process). */
  REDIS_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || undefined)
    .refine((v) => v === undefined || /^rediss?:\/\/\S+/.test(v), {
      message: "REDIS_URL must look like redis://host:6379 (or rediss:// for TLS)",
    }),
  /** Prefix of Portier's Redis channels, so several installations can share one Redis. */
  PORTIER_REDIS_PREFIX: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9:_.-]{1,64}$/, "PORTIER_REDIS_PREFIX: letters, digits and : _ . - only (at most 64)")
    .default("portier:"),
});

const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);

export interface Config {
  env: "development" | "production" | "test";
  port: number;
  host: string;
  databaseUrl: string;
  dataDir: string;
  /** Signs staff sessions (next-auth JWT). */
  sessionSecret: string;
  /** Keys HMACs of badge codes and document numbers. */
  hmacKey: string;
  /** Allows moving the server's clock forward over HTTP: end-to-end tests only. */
  testClock: boolean;
  /** The hardware buttons' MQTT broker, or null: no listener is started. */
  mqttUrl: string | null;
  /**
   * Where the master secret came from. "generated": the data folder's secret.key (made on first
   * use); "missing": production without a secret — a throw-away one so `next build` works, and
   * `npm start` refuses it (productionSecretProblem).
   */
  secretSource: "env" | "file" | "generated" | "missing";
  /** PORTIER_DEMO=1: a demo or trial; a production start accepts the generated secret, with a warning. */
  demo: boolean;
  /** Audit events are kept this many days (0: for ever): src/domain/audit/audit-retention.ts. */
  auditRetentionDays: number;
  /** A staff session without activity for this long ends (src/domain/staff/staff-sessions.ts). */
  staffIdleMs: number;
  /** Redis of a multi-process installation, or null: one process, in-process events and realtime. */
  redisUrl: string | null;
  /** Prefix of the Redis channels (socket.io adapter and domain events). */
  redisPrefix: string;
}

/** Values people copy from examples; refused everywhere. */
const KNOWN_BAD = new Set(["changeme", "secret", "portier", "development", "portier-demo"]);
const isKnownDefault = (s: string) =>
  KNOWN_BAD.has(s.toLowerCase()) || /^(change[-_ ]?me|replace[-_ ]?me|your[-_ ]?secret)/i.test(s);

type SecretSource = Config["secretSource"];

/**
 * The master secret: PORTIER_SECRET, or PORTIER_SECRET_FILE, or — outside production, or in a
 * production demo (PORTIER_DEMO=1) — one generated on first use and kept in the data folder
 * (mode 0600) so sessions survive restarts. A production process without any gets a throw-away
 * secret marked "missing": `next build` still works, `npm start` refuses (server.ts). Known
 * defaults are refused everywhere.
 */
function masterSecret(
  e: { PORTIER_SECRET?: string; PORTIER_SECRET_FILE?: string; NODE_ENV: string; PORTIER_DEMO: string },
  dataDir: string,
): { secret: string; source: SecretSource } {
  if (e.PORTIER_SECRET) {
    if (isKnownDefault(e.PORTIER_SECRET)) {
      throw new Error("PORTIER_SECRET is a known default: choose a random value");
    }
    return { secret: e.PORTIER_SECRET, source: "env" };
  }
  if (e.PORTIER_SECRET_FILE) {
    let content: string;
    try {
      content = fs.readFileSync(path.resolve(e.PORTIER_SECRET_FILE), "utf8").trim();
    } catch {
      throw new Error(`PORTIER_SECRET_FILE: cannot read ${e.PORTIER_SECRET_FILE}`);
    }
    if (content.length < 32) throw new Error("PORTIER_SECRET_FILE: the secret must be at least 32 characters");
    if (isKnownDefault(content)) throw new Error("PORTIER_SECRET_FILE holds a known default: choose a random value");
    return { secret: content, source: "file" };
  }
  const file = path.join(dataDir, "secret.key");
  const production = e.NODE_ENV === "production";
  if (production && e.PORTIER_DEMO !== "1") {
    return { secret: randomBytes(48).toString("base64url"), source: "missing" };
  }
  if (fs.existsSync(file)) return { secret: fs.readFileSync(file, "utf8").trim(), source: "generated" };
  fs.mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString("base64url");
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return { secret, source: "generated" };
}

/**
 * Why a production server must not start with this configuration, or null. `next build` never
 * asks (it only needs some key); server.ts asks before it listens.
 */
export function productionSecretProblem(cfg: Config): string | null {
  if (cfg.env !== "production" || cfg.secretSource !== "missing") return null;
  return [
    "No secret configured. A production server needs its own master secret:",
    "  set PORTIER_SECRET to a random value of at least 32 characters (e.g. `openssl rand -base64 48`),",
    "  or PORTIER_SECRET_FILE to a file holding one (an earlier generated ./data/secret.key works too).",
    "  For a demo or trial only: PORTIER_DEMO=1 (what `npm run demo` does) uses a generated ./data/secret.key.",
  ].join("\n");
}

/** The loud warning of a production demo start (printed by server.ts). */
export function demoSecretWarning(cfg: Config): string | null {
  if (cfg.env !== "production" || !cfg.demo || cfg.secretSource !== "generated") return null;
  return [
    "!".repeat(78),
    "! PORTIER_DEMO=1: running with the generated secret in the data folder. Fine for a demo or",
    "! trial; for real use set PORTIER_SECRET (or PORTIER_SECRET_FILE) and remove the demo accounts.",
    "!".repeat(78),
  ].join("\n");
}

const derive = (master: string, purpose: string) =>
  Buffer.from(hkdfSync("sha256", master, "portier", purpose, 32)).toString("base64url");

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid configuration:\n${lines}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.PORTIER_DATA_DIR);
  const { secret: master, source: secretSource } = masterSecret(e, dataDir);
  // The browser tests run a production build with a movable clock; a server that others can reach
  // never gets one.
  if (e.NODE_ENV === "production" && e.PORTIER_TEST_CLOCK === "1" && !LOOPBACK.has(e.HOST)) {
    throw new Error("PORTIER_TEST_CLOCK=1 is for tests: in production it is refused unless HOST is a loopback address");
  }
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: databaseUrl(env),
    dataDir,
    sessionSecret: derive(master, "session"),
    hmacKey: derive(master, "hmac"),
    testClock: e.PORTIER_TEST_CLOCK === "1",
    mqttUrl: e.PORTIER_MQTT_URL ?? null,
    secretSource,
    demo: e.PORTIER_DEMO === "1",
    staffIdleMs: e.PORTIER_STAFF_IDLE_MINUTES * 60_000,
    auditRetentionDays: e.PORTIER_AUDIT_RETENTION_DAYS,
    redisUrl: e.REDIS_URL ?? null,
    redisPrefix: e.PORTIER_REDIS_PREFIX,
  };
}

const KEY = Symbol.for("portier.config");
type G = typeof globalThis & { [KEY]?: Config };

/** The process's configuration, loaded on first use and shared by the server and Next's routes. */
export function config(): Config {
  const g = globalThis as G;
  g[KEY] ??= loadConfig();
  return g[KEY];
}
