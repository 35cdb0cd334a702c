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
  PORTIER_TEST_CLOCK: z.enum(["0", "1"]).default("0"),
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
  /** Redis of a multi-process installation, or null: one process, in-process events and realtime. */
  redisUrl: string | null;
  /** Prefix of the Redis channels (socket.io adapter and domain events). */
  redisPrefix: string;
}

const KNOWN_BAD = new Set(["changeme", "secret", "portier", "development"]);

/**
 * The master secret: PORTIER_SECRET, or one generated on first start and kept in the data
 * folder (mode 0600) so sessions survive restarts. Known defaults are refused.
 */
function masterSecret(given: string | undefined, dataDir: string): string {
  if (given) {
    if (KNOWN_BAD.has(given.toLowerCase())) throw new Error("PORTIER_SECRET is a known default: choose a random value");
    return given;
  }
  const file = path.join(dataDir, "secret.key");
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  fs.mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString("base64url");
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
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
  const master = masterSecret(e.PORTIER_SECRET, dataDir);
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
