import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { demoSecretWarning, loadConfig, productionSecretProblem } from "@/src/server/config";

const GOOD_SECRET = "test-secret-0123456789-abcdefghijklmnop";

let dataDir: string;
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "portier-config-"));
});
afterEach(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const env = (extra: Record<string, string | undefined> = {}) =>
  ({ PORTIER_DATA_DIR: dataDir, ...extra }) as unknown as NodeJS.ProcessEnv;

describe("loadConfig", () => {
  it("accepts a long secret and derives distinct session and HMAC keys from it", () => {
    const a = loadConfig(env({ PORTIER_SECRET: GOOD_SECRET }));
    const b = loadConfig(env({ PORTIER_SECRET: GOOD_SECRET }));
    expect(a.hmacKey).toBe(b.hmacKey);
    expect(a.sessionSecret).toBe(b.sessionSecret);
    expect(a.hmacKey).not.toBe(a.sessionSecret);
    expect(a.hmacKey).not.toContain(GOOD_SECRET);
    const other = loadConfig(env({ PORTIER_SECRET: `${GOOD_SECRET}2` }));
    expect(other.hmacKey).not.toBe(a.hmacKey);
    // An explicit secret never writes a secret file.
    expect(fs.existsSync(path.join(dataDir, "secret.key"))).toBe(false);
  });

  it("refuses a short secret", () => {
    expect(() => loadConfig(env({ PORTIER_SECRET: "too-short" }))).toThrow(/at least 32 characters/);
  });

  it.each(["changeme", "secret", "portier", "development", "CHANGEME"])("refuses the known default %s", (s) => {
    expect(() => loadConfig(env({ PORTIER_SECRET: s }))).toThrow(/PORTIER_SECRET/);
  });

  it("refuses PORTIER_TEST_CLOCK=1 in production unless bound to loopback, allows it elsewhere", () => {
    expect(() =>
      loadConfig(env({ NODE_ENV: "production", PORTIER_SECRET: GOOD_SECRET, PORTIER_TEST_CLOCK: "1" })),
    ).toThrow(/PORTIER_TEST_CLOCK/);
    expect(() =>
      loadConfig(
        env({ NODE_ENV: "production", HOST: "192.168.1.5", PORTIER_SECRET: GOOD_SECRET, PORTIER_TEST_CLOCK: "1" }),
      ),
    ).toThrow(/loopback/);
    for (const HOST of ["127.0.0.1", "::1", "localhost"]) {
      const cfg = loadConfig(
        env({ NODE_ENV: "production", HOST, PORTIER_SECRET: GOOD_SECRET, PORTIER_TEST_CLOCK: "1" }),
      );
      expect(cfg.testClock).toBe(true);
    }
    expect(loadConfig(env({ NODE_ENV: "production", PORTIER_SECRET: GOOD_SECRET })).testClock).toBe(false);
    expect(loadConfig(env({ NODE_ENV: "test", PORTIER_SECRET: GOOD_SECRET, PORTIER_TEST_CLOCK: "1" })).testClock).toBe(
      true,
    );
  });

  it("refuses invalid values with a readable message", () => {
    expect(() => loadConfig(env({ PORT: "99999", PORTIER_SECRET: GOOD_SECRET }))).toThrow(
      /Invalid configuration[\s\S]*PORT/,
    );
    expect(() => loadConfig(env({ PORTIER_TEST_CLOCK: "yes", PORTIER_SECRET: GOOD_SECRET }))).toThrow(
      /PORTIER_TEST_CLOCK/,
    );
  });

  it("generates a secret file once (mode 0600) and reuses it", () => {
    const file = path.join(dataDir, "nested", "secret.key");
    const first = loadConfig(env({ PORTIER_DATA_DIR: path.join(dataDir, "nested") }));
    expect(fs.existsSync(file)).toBe(true);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const content = fs.readFileSync(file, "utf8");
    expect(content.trim().length).toBeGreaterThanOrEqual(48);

    const second = loadConfig(env({ PORTIER_DATA_DIR: path.join(dataDir, "nested") }));
    expect(fs.readFileSync(file, "utf8")).toBe(content);
    expect(second.hmacKey).toBe(first.hmacKey);
    expect(second.sessionSecret).toBe(first.sessionSecret);

    // Another data folder gets another secret.
    const elsewhere = loadConfig(env({ PORTIER_DATA_DIR: path.join(dataDir, "other") }));
    expect(elsewhere.hmacKey).not.toBe(first.hmacKey);
  });

  it("defaults the database to SQLite in ./data and takes DATABASE_URL when set", () => {
    expect(loadConfig(env({ PORTIER_SECRET: GOOD_SECRET })).databaseUrl).toBe("file:./data/portier.db");
    expect(loadConfig(env({ PORTIER_SECRET: GOOD_SECRET, DATABASE_URL: "file:/tmp/x.db" })).databaseUrl).toBe(
      "file:/tmp/x.db",
    );
  });

  it("in production without a secret: a throw-away key (next build works), marked missing, nothing written", () => {
    const cfg = loadConfig(env({ NODE_ENV: "production" }));
    expect(cfg.secretSource).toBe("missing");
    expect(productionSecretProblem(cfg)).toMatch(/PORTIER_SECRET[\s\S]*PORTIER_DEMO=1/);
    expect(fs.existsSync(path.join(dataDir, "secret.key"))).toBe(false);
    // An old generated secret.key is not taken silently either.
    fs.writeFileSync(path.join(dataDir, "secret.key"), `${"k".repeat(60)}\n`);
    expect(loadConfig(env({ NODE_ENV: "production" })).secretSource).toBe("missing");
  });

  it("in production: PORTIER_SECRET, PORTIER_SECRET_FILE or a demo's generated key are accepted", () => {
    const withEnv = loadConfig(env({ NODE_ENV: "production", PORTIER_SECRET: GOOD_SECRET }));
    expect(withEnv.secretSource).toBe("env");
    expect(productionSecretProblem(withEnv)).toBeNull();

    const file = path.join(dataDir, "portier-secret");
    fs.writeFileSync(file, `${GOOD_SECRET}\n`);
    const withFile = loadConfig(env({ NODE_ENV: "production", PORTIER_SECRET_FILE: file }));
    expect(withFile.secretSource).toBe("file");
    expect(withFile.hmacKey).toBe(withEnv.hmacKey);
    expect(productionSecretProblem(withFile)).toBeNull();

    const demo = loadConfig(env({ NODE_ENV: "production", PORTIER_DEMO: "1" }));
    expect(demo.secretSource).toBe("generated");
    expect(fs.existsSync(path.join(dataDir, "secret.key"))).toBe(true);
    expect(productionSecretProblem(demo)).toBeNull();
    expect(demoSecretWarning(demo)).toMatch(/PORTIER_DEMO=1/);
    expect(demoSecretWarning(withEnv)).toBeNull();
  });

  it("refuses an unreadable, short or default secret file", () => {
    expect(() => loadConfig(env({ PORTIER_SECRET_FILE: path.join(dataDir, "nope") }))).toThrow(/cannot read/);
    const short = path.join(dataDir, "short");
    fs.writeFileSync(short, "abc");
    expect(() => loadConfig(env({ PORTIER_SECRET_FILE: short }))).toThrow(/at least 32/);
    const dflt = path.join(dataDir, "default");
    fs.writeFileSync(dflt, "changeme-changeme-changeme-changeme-changeme");
    expect(() => loadConfig(env({ PORTIER_SECRET_FILE: dflt }))).toThrow(/known default/);
    expect(() => loadConfig(env({ PORTIER_SECRET: "changeme-please-0123456789012345678901" }))).toThrow(
      /known default/,
    );
  });
});
