// Bad input over every route handler (app/api/**/route.ts) and every server action (the "use
// server" modules), found on disk so a new one is covered without editing this file: malformed
// JSON, wrong types, oversized bodies, unknown ids and hostile strings, as nobody, as a staff
// member, as an admin and as a paired kiosk. Always a 4xx or a refusal ({ ok: false } with a
// code), never a 500, never a stack trace, never a data change.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/src/domain/access/actor";
import { DEVICE_COOKIE } from "@/src/server/auth/device-cookie";
import {
  actionFiles,
  deviceCredential,
  entryPointsSite,
  HTTP_METHODS,
  leaveRuntime,
  RedirectSignal,
  rel,
  routeFiles,
  routeUrl,
  rowCounts,
  session,
  staffSession,
} from "@/tests/helpers/entry-points-harness";
import { closeTestDb, type TestContext } from "@/tests/helpers/test-db";

const HOSTILE = [
  '\'; DROP TABLE "Visit"; --',
  "<script>alert(1)</script>",
  "\u0000\u202e\ud800",
  "x".repeat(20_000),
  "../../etc/passwd",
  "$" + "{7*7}{{7*7}}", // template-injection probes (split so the linter does not read it as a template)
];

let ctx: TestContext;
beforeAll(async () => {
  ctx = await entryPointsSite();
});
afterAll(async () => {
  leaveRuntime();
  await closeTestDb();
});

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
  { label: "a staff member", actor: () => staffSession("STAFF") },
  { label: "an admin", actor: () => staffSession("ADMIN") },
];

/** console.error is where the action and route wrappers report an unexpected error (a 500). */
function watchErrors() {
  return vi.spyOn(console, "error").mockImplementation(() => {});
}

describe("server actions", () => {
  it("finds the action modules", () => {
    expect(actionFiles.length).toBeGreaterThan(5);
  });

  for (const file of actionFiles) {
    const name = rel(file);
    it(`${name}: refuses bad input without a 500 or a data change`, async () => {
      const mod = (await import(file)) as Record<string, unknown>;
      const actions = Object.entries(mod).filter(([, v]) => typeof v === "function") as [
        string,
        (...args: unknown[]) => Promise<unknown>,
      ][];
      const errors = watchErrors();
      try {
        for (const { label, actor } of ACTORS) {
          session.actor = actor();
          for (const [exportName, action] of actions) {
            const calls: unknown[][] = [
              [null, new FormData()],
              [null, hostileForm()],
              [hostileForm()],
              ["unknown-id-000"],
              [{ id: 123, nested: { a: [] } }, { toString: 42 }],
            ];
            for (const args of calls) {
              const shape = args.map((a) => (a instanceof FormData ? "FormData" : typeof a)).join(", ");
              const where = `${name} ${exportName}(${shape}) as ${label}`;
              const before = await rowCounts(ctx);
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
              expect(await rowCounts(ctx), where).toEqual(before);
            }
          }
        }
        expect(errors.mock.calls.map((c) => String(c[0]))).toEqual([]);
      } finally {
        errors.mockRestore();
        session.actor = null;
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
  const callers = [
    ...ACTORS.map((a) => ({ ...a, cookie: "" })),
    { label: "a kiosk", actor: () => null, cookie: `${DEVICE_COOKIE}=${deviceCredential("KIOSK")}` },
  ];

  for (const file of routeFiles) {
    const name = rel(file);
    it(`${name}: answers bad input with a 4xx, never a 500 or a data change`, async () => {
      const mod = (await import(file)) as Record<string, unknown>;
      const methods = HTTP_METHODS.filter((m) => typeof mod[m] === "function");
      expect(methods.length, name).toBeGreaterThan(0);
      const url = routeUrl(file, "?lang=<x>&format=<x>&location=%00");
      const errors = watchErrors();
      try {
        for (const who of callers) {
          session.actor = who.actor();
          for (const method of methods) {
            for (const b of method === "GET" || method === "DELETE" ? bodies.slice(0, 1) : bodies) {
              const where = `${method} ${name} with ${b.label} as ${who.label}`;
              const before = await rowCounts(ctx);
              const req = new Request(url, {
                method,
                body: b.body(),
                headers: { "content-type": b.type, cookie: who.cookie, "accept-language": "nl" },
              });
              const handler = mod[method] as (req: Request, ctx: unknown) => Promise<Response>;
              const res = await handler(req, { params: Promise.resolve({ id: "unknown-000", kind: "visitor" }) });
              // The health check answers 503 while the server is not fully up (no realtime here).
              if (!name.includes(`${path.sep}health${path.sep}`) && !name.includes("/health/")) {
                expect(res.status, where).toBeLessThan(500);
              }
              expect(await res.text(), where).not.toMatch(/\n\s+at |PrismaClient|node_modules/);
              expect(await rowCounts(ctx), where).toEqual(before);
            }
          }
        }
        expect(errors.mock.calls.map((c) => String(c[0]))).toEqual([]);
      } finally {
        errors.mockRestore();
        session.actor = null;
      }
    });
  }
});
