// The attendance register on a real database: staff present, visitors present with host and room
// (never the purpose), end-of-day sign-outs to confirm, and who may read it.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { signInStaff } from "@/src/domain/presence/presence";
import { loadRegister } from "@/src/domain/register/load-register";
import { staffActorOf } from "@/tests/helpers/fixtures";
import { makeSite, type Site } from "@/tests/helpers/kiosk-fixtures";
import { closeTestDb, resetDb, type TestContext, testContext } from "@/tests/helpers/test-db";

let ctx: TestContext;
let site: Site;
const A = "loc-k";
const reception = staffActorOf("desk", "RECEPTION", [A]);

beforeEach(async () => {
  ctx = await testContext();
  await resetDb(ctx.db);
  site = await makeSite(ctx.db, { id: A, capacity: 40 });
});
afterAll(closeTestDb);

async function visit(firstName: string, lastName: string | null, status: "WAITING" | "WITH_HOST" | "CHECKED_OUT") {
  const v = await ctx.db.visitor.create({ data: { firstName, lastName } });
  return ctx.db.visit.create({
    data: {
      locationId: A,
      visitorId: v.id,
      method: "WALK_IN",
      status,
      purpose: "Schuldhulp: betalingsachterstand",
      hostId: status === "WITH_HOST" ? site.hostId : null,
      roomId: status === "WITH_HOST" ? `${A}-consult` : null,
      checkedInAt: ctx.clock.now(),
    },
  });
}

describe("loadRegister", () => {
  it("lists staff and visitors present, with host and room, and never the purpose", async () => {
    await signInStaff(ctx, site.admin, { staffId: site.hostId, locationId: A, method: "DASHBOARD" });
    await visit("Fatima", "El Amrani", "WAITING");
    await visit("Piotr", null, "WITH_HOST");
    await visit("Gone", "Away", "CHECKED_OUT");
    const r = await loadRegister(ctx, reception, A);
    expect(r.location).toMatchObject({ id: A, capacity: 40, closesAt: "22:00" });
    expect(r.staff).toEqual([
      expect.objectContaining({
        staffId: site.hostId,
        name: `Staff ${site.hostId}`,
        role: "STAFF",
        method: "DASHBOARD",
      }),
    ]);
    expect(r.visitors.map((v) => [v.name, v.status, v.hostName, v.roomName])).toEqual([
      ["Fatima E.", "WAITING", null, null],
      ["Piotr", "WITH_HOST", `Staff ${site.hostId}`, "Spreekkamer"],
    ]);
    expect(JSON.stringify(r)).not.toContain("Schuldhulp");
  });

  it("is for those with register.view at their own locations only", async () => {
    const staff = staffActorOf("s", "STAFF", [A]);
    await expect(loadRegister(ctx, staff, A)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(loadRegister(ctx, staffActorOf("desk", "RECEPTION", ["elsewhere"]), A)).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });
});
