// Bad input over every route handler (app/api/**/route.ts) and every server action (the "use
// server" modules), found on disk so a new one is covered without editing this file: malformed
// JSON, wrong types, oversized bodies, unknown ids and hostile strings, as nobody, as a staff
// member, as an admin and as a paired kiosk. Always a 4xx or a refusal ({ ok: false } with a
// code), never a 500, never a stack trace, never a data change.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/src/domain/access/actor";
import { closeTestDb, resetDb, type TestContext, testContext, testDbUrl } from "@/tests/helpers/test-db";

const h = vi.hoisted(() => ({ actor: null as Actor | null }));

class RedirectSignal extends Error {}

vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {}, updateTag: () => {} }));
vi.mock("next-intl/server", async (original) => ({
  ...(await original<typeof import("next-intl/server")>()),
  getLocale: async () => "nl",
}));
vi.mock("@/src/i18n/navigation", () => ({
  redirect: (to: unknown) => {
    throw new RedirectSignal(JSON.stringify(to));
  },
  Link: () => null,
  usePathname: () => "/",
  useRouter: () => ({}),
  getPathname: () => "/",
}));
vi.mock("@/src/server/auth/get-actor", () => ({
  getStaffActor: async () => (h.actor?.type === "STAFF" ? h.actor : null),
  getDeviceActor: async () => null,
  getDevice: async () => null,
  getActor: async () => h.actor,
}));

const ROOT = path.resolve(import.meta.dirname, "../..");
const KIOSK_CREDENTIAL = "bad-input-kiosk-credential-0123456789";
const HOSTILE = [
  '\'; DROP TABLE "Visit"; --',
  "<script>alert(1)</script>",
  "\u0000\u202e\ud800",
  "x".repeat(20_000),
  "../../etc/passwd",
  "${7*7}{{7*7}}",
];
/** Tables a refused request may still write to: the audit trail of the refusal and throttling. */
const MAY_CHANGE = new Set(["AuditEvent", "LoginThrottle", "_prisma_migrations"]);

function walk(dir: string, match: (file: string) => boolean): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(full, match));
    else if (match(full)) out.push(full);
  }
  return out.sort();
}

const actionFiles = walk(path.join(ROOT, "src"), (f) => /\.tsx?$/.test(f)).filter((f) =>
  /^["']use server["'];?/.test(fs.readFileSync(f, "utf8").trimStart()),
);
const routeFiles = walk(path.join(ROOT, "app", "api"), (f) => f.endsWith("route.ts")).filter(
  (f) => !f.includes("[...nextauth]") && !f.includes(`${path.sep}test${path.sep}`),
);

let ctx: TestContext;

async function counts(): Promise<Record<string, number>> {
  const tables = await ctx.db.$queryRawUnsafe<{ name: string }[]>(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
  );
  const out: Record<string, number> = {};
  for (const { name } of tables) {
    if (MAY_CHANGE.has(name)) continue;
    const [row] = await ctx.db.$queryRawUnsafe<{ n: number | bigint }[]>(`SELECT COUNT(*) AS n FROM "${name}"`);
    out[name] = Number(row.n);
  }
  return out;
}

function hostileForm(): FormData {
  const form = new FormData();
  const fields = ["id", "locationId", "staffId", "visitId", "visitorId", "alarmId", "deviceId", "roomId", "name"];
  for (const [i, f] of fields.entries()) form.set(f, HOSTILE[i % HOSTILE.length]);
  for (const f of ["email", "role", "level", "outcome", "day", "startTime", "reason", "query", "language", "week"]) {
    form.set(f, HOSTILE[(f.length + 1) % HOSTILE.length]);
  }
  form.append("locationIds", "<nope>");
  return form;
}

const ACTORS: { label: string; actor: () => Actor | null }[] = [
  { label: "nobody", actor: () => null },
  { label: "a staff member", actor: () => ({ type: "STAFF", id: "bi-staff", role: "STAFF", locationIds: ["loc-bi"] }) },
  { label: "an admin", actor: () => ({ type: "STAFF", id: "bi-admin", role: "ADMIN", locationIds: ["loc-bi"] }) },
];

beforeAll(async () => {
  process.env.DATABASE_URL = testDbUrl();
  process.env.PORTIER_SECRET = "bad-input-test-secret-0123456789abcdef0123456789";
  ctx = await testContext();
  await resetDb(ctx.db);
  // One location with a room, a staff member, an admin and a paired kiosk; every id the requests
  // name is unknown.
  await ctx.db.organisation.create({ data: { id: "org-bi", name: "Org" } });
  await ctx.db.location.create({
    data: { id: "loc-bi", organisationId: "org-bi", name: "Locatie", kind: "APPOINTMENT", controlledEntrance: true },
  });
  await ctx.db.room.create({ data: { id: "room-bi", locationId: "loc-bi", name: "Spreekkamer", kind: "CONSULT" } });
  for (const [id, role] of [
    ["bi-staff", "STAFF"],
    ["bi-admin", "ADMIN"],
  ] as const) {
    await ctx.db.staffMember.create({
      data: {
        id,
        name: id,
        email: `${id}@example.test`,
        passwordHash: "x",
        role,
        locations: { create: { locationId: "loc-bi" } },
      },
    });
  }
  await ctx.db.device.create({
    data: {
      id: "dev-bi-kiosk",
      name: "Kiosk",
      kind: "KIOSK",
      locationId: "loc-bi",
      credentialHash: createHash("sha256").update(KIOSK_CREDENTIAL).digest("hex"),
      pairedAt: new Date(),
    },
  });
  const g = globalThis as Record<symbol, unknown>;
  g[Symbol.for("portier.runtime")] = {
    ctx,
    testClock: null,
    ready: Promise.resolve(),
    realtime: null,
    tickScheduler: null,
  };
});
afterAll(async () => {
  delete (globalThis as Record<symbol, unknown>)[Symbol.for("portier.runtime")];
  await closeTestDb();
});

describe("server actions", () => {
  it("finds the action modules", () => {
    expect(actionFiles.length).toBeGreaterThan(5);
  });

  for (const file of actionFiles) {
    const name = path.relative(ROOT, file);
    it(`${name}: refuses bad input without a 500 or a data change`, async () => {
      const mod = (await import(file)) as Record<string, unknown>;
      const actions = Object.entries(mod).filter(([, v]) => typeof v === "function") as [
        string,
        (...args: unknown[]) => Promise<unknown>,
      ][];
      const errors = vi.spyOn(console, "error").mockImplementation((...a) => {
        if (process.env.BI_DEBUG)
          process.stdout.write(
            `ERR ${String(a[1]?.stack ?? a[1] ?? a[0])
              .split("\n")
              .slice(0, 3)
              .join(" | ")}\n`,
          );
      });
      try {
        for (const { label, actor } of ACTORS) {
          h.actor = actor();
          for (const [exportName, action] of actions) {
            const calls: unknown[][] = [
              [null, new FormData()],
              [null, hostileForm()],
              [hostileForm()],
              ["unknown-id-000"],
              [{ id: 123, nested: { a: [] } }, { toString: 42 }],
            ];
            for (const args of calls) {
              const where = `${name} ${exportName}(${args.map((a) => (a instanceof FormData ? "FormData" : typeof a)).join(", ")}) as ${label}`;
              const before = await counts();
              let result: unknown;
              try {
                result = await action(...args);
              } catch (err) {
                if (err instanceof RedirectSignal) continue; // a redirect (to sign-in, or back) is an answer
                throw new Error(`${where} threw: ${err instanceof Error ? err.stack : String(err)}`);
              }
              // A refusal with a code, or (for a read that takes no input) an answer that changed nothing.
              expect(result, where).toHaveProperty("ok");
              expect((result as { code?: string }).code, where).not.toBe("INTERNAL");
              expect(await counts(), where).toEqual(before);
            }
          }
        }
        expect(errors.mock.calls.map((c) => String(c[0]))).toEqual([]);
      } finally {
        errors.mockRestore();
        h.actor = null;
      }
    });
  }
});

describe("route handlers", () => {
  it("finds the route modules", () => {
    expect(routeFiles.length).toBeGreaterThan(5);
  });

  const bodies: { label: string; body: () => BodyInit | null; type: string }[] = [
    { label: "no body", body: () => null, type: "application/json" },
    { label: "malformed JSON", body: () => '{"input": ', type: "application/json" },
    {
      label: "wrong types",
      body: () => JSON.stringify({ input: 5, code: [], level: {}, language: 7, id: null, token: true }),
      type: "application/json",
    },
    {
      label: "hostile strings",
      body: () =>
        JSON.stringify(Object.fromEntries(["input", "code", "level", "language", "id"].map((k, i) => [k, HOSTILE[i]]))),
      type: "application/json",
    },
    { label: "2 MB", body: () => `{"input":"${"x".repeat(2 * 1024 * 1024)}"}`, type: "application/json" },
    { label: "not JSON at all", body: () => "\u0000\u0001<html>", type: "text/plain" },
  ];

  for (const file of routeFiles) {
    const name = path.relative(ROOT, file);
    it(`${name}: answers bad input with a 4xx, never a 500 or a data change`, async () => {
      const mod = (await import(file)) as Record<string, unknown>;
      const methods = ["GET", "POST", "PUT", "PATCH", "DELETE"].filter((m) => typeof mod[m] === "function");
      expect(methods.length, name).toBeGreaterThan(0);
      const url = `http://portier.test/${path
        .relative(path.join(ROOT, "app"), path.dirname(file))
        .replace(/\[\.\.\.[^\]]+\]|\[[^\]]+\]/g, "unknown-000")}?lang=<x>&format=<x>&location=%00`;
      const errors = vi.spyOn(console, "error").mockImplementation((...a) => {
        if (process.env.BI_DEBUG)
          process.stdout.write(
            `ERR ${String(a[1]?.stack ?? a[1] ?? a[0])
              .split("\n")
              .slice(0, 3)
              .join(" | ")}\n`,
          );
      });
      try {
        for (const who of [
          ...ACTORS.map((a) => ({ ...a, cookie: "" })),
          { label: "a kiosk", actor: () => null, cookie: `portier-device=${KIOSK_CREDENTIAL}` },
        ]) {
          h.actor = who.actor();
          for (const method of methods) {
            for (const b of method === "GET" || method === "DELETE" ? bodies.slice(0, 1) : bodies) {
              const where = `${method} ${name} with ${b.label} as ${who.label}`;
              const before = await counts();
              const req = new Request(url, {
                method,
                body: b.body(),
                headers: { "content-type": b.type, cookie: who.cookie, "accept-language": "nl" },
              });
              const handler = mod[method] as (req: Request, ctx: unknown) => Promise<Response>;
              const params = Promise.resolve({ id: "unknown-000", kind: "visitor" });
              const res = await handler(req, { params });
              // The health check answers 503 while the server is not fully up (no realtime here).
              if (!name.includes(`${path.sep}health${path.sep}`)) expect(res.status, where).toBeLessThan(500);
              const text = await res.text();
              expect(text, where).not.toMatch(/\n\s+at |PrismaClient|node_modules/);
              expect(await counts(), where).toEqual(before);
            }
          }
        }
        expect(errors.mock.calls.map((c) => String(c[0]))).toEqual([]);
      } finally {
        errors.mockRestore();
        h.actor = null;
      }
    });
  }
});
