import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Actor } from "@/src/domain/access/actor";
import { can, canSeeLocation, type Permission, permissions, requirePermission } from "@/src/domain/access/permissions";
import { permissionsMarkdown } from "@/src/domain/access/permissions-table";
import { AppError } from "@/src/domain/errors";

const ROLES = ["RECEPTION", "STAFF", "MANAGER", "ADMIN"] as const;
const DEVICES = ["KIOSK", "ROOM_TABLET", "DESK"] as const;
const NAMES = Object.keys(permissions) as Permission[];

const staff = (role: (typeof ROLES)[number], locationIds: string[] = ["loc-a"]): Actor => ({
  type: "STAFF",
  id: `s-${role}`,
  role,
  locationIds,
});
const device = (kind: (typeof DEVICES)[number], locationId = "loc-a"): Actor => ({
  type: "DEVICE",
  id: `d-${kind}`,
  kind,
  locationId,
  roomId: null,
});

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof AppError ? e.code : `not an AppError: ${e}`;
  }
  return undefined;
}

describe("can()", () => {
  it.each(NAMES)("follows the table for %s", (name) => {
    const rule = permissions[name];
    for (const role of ROLES) {
      expect(can(staff(role), name), `${role} / ${name}`).toBe((rule.roles as readonly string[]).includes(role));
    }
    for (const kind of DEVICES) {
      expect(can(device(kind), name), `${kind} / ${name}`).toBe((rule.devices as readonly string[]).includes(kind));
    }
  });

  it("keeps the security-critical permissions where they belong", () => {
    // Written out by hand, so a slip in the table itself also fails here.
    for (const p of ["staff.manage", "devices.manage"] as const) {
      expect(ROLES.filter((r) => can(staff(r), p))).toEqual(["ADMIN"]);
      expect(DEVICES.filter((d) => can(device(d), p))).toEqual([]);
    }
    expect(ROLES.filter((r) => can(staff(r), "audit.view"))).toEqual(["MANAGER", "ADMIN"]);
    expect(ROLES.filter((r) => can(staff(r), "kiosk.use"))).toEqual([]);
    expect(DEVICES.filter((d) => can(device(d), "kiosk.use"))).toEqual(["KIOSK"]);
    expect(DEVICES.filter((d) => can(device(d), "tablet.use"))).toEqual(["ROOM_TABLET"]);
    expect(can(staff("STAFF"), "desk.use")).toBe(false);
    expect(can(device("DESK"), "desk.use")).toBe(true);
  });

  it("refuses nobody and allows the system everything", () => {
    for (const name of NAMES) {
      expect(can(null, name)).toBe(false);
      expect(can(undefined, name)).toBe(false);
      expect(can({ type: "SYSTEM" }, name)).toBe(true);
    }
  });
});

describe("requirePermission()", () => {
  it("throws UNAUTHORIZED without an actor", () => {
    expect(codeOf(() => requirePermission(null, "dashboard.view"))).toBe("UNAUTHORIZED");
    expect(codeOf(() => requirePermission(undefined, "dashboard.view"))).toBe("UNAUTHORIZED");
  });

  it("throws FORBIDDEN when the actor lacks the permission", () => {
    expect(codeOf(() => requirePermission(staff("RECEPTION"), "staff.manage"))).toBe("FORBIDDEN");
    expect(codeOf(() => requirePermission(device("KIOSK"), "dashboard.view"))).toBe("FORBIDDEN");
    expect(codeOf(() => requirePermission(device("ROOM_TABLET"), "kiosk.use"))).toBe("FORBIDDEN");
  });

  it("returns the actor when allowed", () => {
    const admin = staff("ADMIN");
    expect(requirePermission(admin, "staff.manage")).toBe(admin);
    const kiosk = device("KIOSK");
    expect(requirePermission(kiosk, "kiosk.use")).toBe(kiosk);
  });
});

describe("canSeeLocation()", () => {
  it("lets staff see only their own locations, admins all", () => {
    expect(canSeeLocation(staff("RECEPTION", ["loc-a"]), "loc-a")).toBe(true);
    expect(canSeeLocation(staff("RECEPTION", ["loc-a"]), "loc-b")).toBe(false);
    expect(canSeeLocation(staff("MANAGER", ["loc-a", "loc-b"]), "loc-b")).toBe(true);
    expect(canSeeLocation(staff("MANAGER", []), "loc-a")).toBe(false);
    expect(canSeeLocation(staff("ADMIN", []), "loc-z")).toBe(true);
  });

  it("lets a device see only its own location", () => {
    expect(canSeeLocation(device("KIOSK", "loc-a"), "loc-a")).toBe(true);
    expect(canSeeLocation(device("KIOSK", "loc-a"), "loc-b")).toBe(false);
  });

  it("lets the system see everything", () => {
    expect(canSeeLocation({ type: "SYSTEM" }, "loc-x")).toBe(true);
  });
});

describe("docs/permissions.md", () => {
  it("matches the permission table in code (regenerate with npm run docs:permissions)", () => {
    const file = path.resolve(import.meta.dirname, "../../docs/permissions.md");
    expect(fs.readFileSync(file, "utf8")).toBe(permissionsMarkdown());
  });
});
