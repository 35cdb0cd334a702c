// The permission matrix, walked: every server action and route handler on disk is listed in
// src/domain/access/entry-points.ts with the permission that lets an actor through, and is called
// as nobody, as every role and (route handlers) as every paired device kind. An actor the table
// allows gets past the check (any answer but 401/403 — with the empty input here usually a
// validation error or "not found"); everyone else is refused, with nothing changed.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/src/domain/access/actor";
import { ENTRY_POINTS, type EntryRule } from "@/src/domain/access/entry-points";
import { can, permissions } from "@/src/domain/access/permissions";
import type { DeviceKind, Role } from "@/src/generated/prisma/enums";
import { DEVICE_COOKIE } from "@/src/server/auth/device-cookie";
import {
  actionFiles,
  deviceCredential,
  entryPointsSite,
  HTTP_METHODS,
  LOCATION,
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

const ROLES: Role[] = ["RECEPTION", "STAFF", "MANAGER", "ADMIN", "PRIVACY"];
const DEVICES: DeviceKind[] = ["KIOSK", "ROOM_TABLET", "DESK"];
const REFUSED = new Set(["UNAUTHORIZED", "FORBIDDEN", "DEVICE_REVOKED"]);

let ctx: TestContext;
beforeAll(async () => {
  ctx = await entryPointsSite();
});
afterAll(async () => {
  leaveRuntime();
  await closeTestDb();
});

const deviceActor = (kind: DeviceKind): Actor => ({
  type: "DEVICE",
  id: `dev-ep-${kind.toLowerCase()}`,
  kind,
  locationId: LOCATION,
  roomId: kind === "ROOM_TABLET" ? "room-ep" : null,
});

/**
 * Whether the table lets this actor through. Staff sign in with a session; a device with its
 * cookie reaches only the entry points of permissions that only devices hold.
 */
function allowed(rule: EntryRule, actor: Actor | null): boolean {
  if (rule === "public") return true;
  if (rule === "own-secret" || !actor) return false;
  if (rule === "signed-in") return actor.type === "STAFF";
  if (rule === "any-device") return actor.type === "DEVICE";
  const deviceOnly = (p: (typeof rule)[number]) => permissions[p].roles.length === 0;
  return rule.some((p) => can(actor, p) && (actor.type === "STAFF" || deviceOnly(p)));
}

function ruleOf(key: string): EntryRule {
  const rule = ENTRY_POINTS[key];
  if (!rule) throw new Error(`${key} is not in src/domain/access/entry-points.ts: add it with its permission`);
  return rule;
}

describe("the entry-point table", () => {
  it("lists every server action and route handler on disk, and nothing that is gone", async () => {
    const found: string[] = [];
    for (const file of actionFiles) {
      const mod = (await import(file)) as Record<string, unknown>;
      for (const [name, v] of Object.entries(mod)) if (typeof v === "function") found.push(`${rel(file)}#${name}`);
    }
    for (const file of routeFiles) {
      const mod = (await import(file)) as Record<string, unknown>;
      for (const m of HTTP_METHODS) if (typeof mod[m] === "function") found.push(`${rel(file)}#${m}`);
    }
    expect(
      found.filter((k) => !(k in ENTRY_POINTS)),
      "missing from the table",
    ).toEqual([]);
    expect(
      Object.keys(ENTRY_POINTS).filter((k) => !found.includes(k)),
      "in the table but gone",
    ).toEqual([]);
  });
});

describe("server actions", () => {
  for (const file of actionFiles) {
    it(`${rel(file)}: allows and refuses exactly as the table says`, async () => {
      const mod = (await import(file)) as Record<string, unknown>;
      const errors = vi.spyOn(console, "error").mockImplementation(() => {});
      try {
        for (const [name, action] of Object.entries(mod)) {
          if (typeof action !== "function") continue;
          const key = `${rel(file)}#${name}`;
          const rule = ruleOf(key);
          for (const actor of [null, ...ROLES.map(staffSession)]) {
            session.actor = actor;
            const who = actor?.type === "STAFF" ? actor.role : "nobody";
            const before = await rowCounts(ctx);
            let refused: boolean;
            try {
              const form = new FormData();
              form.set("locationId", LOCATION);
              form.set("id", "unknown-000");
              const result = (await action("unknown-000", form)) as { ok: boolean; code?: string };
              refused = !result.ok && REFUSED.has(result.code ?? "");
            } catch (err) {
              if (!(err instanceof RedirectSignal)) throw err;
              refused = true; // sent to the sign-in page
            }
            expect(refused, `${key} as ${who}`).toBe(!allowed(rule, actor));
            if (refused) expect(await rowCounts(ctx), `${key} as ${who}: refused but changed data`).toEqual(before);
          }
        }
      } finally {
        errors.mockRestore();
        session.actor = null;
        session.deviceCredential = null;
      }
    });
  }
});

describe("route handlers", () => {
  for (const file of routeFiles) {
    it(`${rel(file)}: allows and refuses exactly as the table says`, async () => {
      const mod = (await import(file)) as Record<string, unknown>;
      const errors = vi.spyOn(console, "error").mockImplementation(() => {});
      try {
        for (const method of HTTP_METHODS) {
          const handler = mod[method] as ((req: Request, ctx: unknown) => Promise<Response>) | undefined;
          if (!handler) continue;
          const key = `${rel(file)}#${method}`;
          const rule = ruleOf(key);
          const callers: { who: string; actor: Actor | null; cookie: string }[] = [
            { who: "nobody", actor: null, cookie: "" },
            ...ROLES.map((r) => ({ who: r, actor: staffSession(r), cookie: "" })),
            ...DEVICES.map((k) => ({
              who: k,
              actor: deviceActor(k),
              cookie: `${DEVICE_COOKIE}=${deviceCredential(k)}`,
            })),
          ];
          for (const c of callers) {
            session.actor = c.actor?.type === "STAFF" ? c.actor : null;
            session.deviceCredential = c.actor?.type === "DEVICE" ? deviceCredential(c.actor.kind) : null;
            const before = await rowCounts(ctx);
            const res = await handler(
              new Request(routeUrl(file), {
                method,
                body: method === "GET" || method === "DELETE" ? null : "{}",
                headers: { "content-type": "application/json", cookie: c.cookie },
              }),
              { params: Promise.resolve({ id: "unknown-000", kind: "visitor" }) },
            );
            const refused = res.status === 401 || res.status === 403;
            expect(refused, `${key} as ${c.who} (${res.status})`).toBe(!allowed(rule, c.actor));
            if (refused) expect(await rowCounts(ctx), `${key} as ${c.who}: refused but changed data`).toEqual(before);
          }
        }
      } finally {
        errors.mockRestore();
        session.actor = null;
        session.deviceCredential = null;
      }
    });
  }
});
