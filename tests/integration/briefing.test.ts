import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { loadBriefing } from "@/src/domain/briefing/load-briefing";
import { HOUR, makeSite, type Site } from "@/tests/helpers/kiosk-fixtures";
import { closeTestDb, resetDb, type TestContext, testContext } from "@/tests/helpers/test-db";

let ctx: TestContext;
let site: Site;
const location = () => ({ id: site.locationId, timeZone: "Europe/Amsterdam" });

beforeEach(async () => {
  ctx = await testContext();
  await resetDb(ctx.db);
  site = await makeSite(ctx.db);
});
afterAll(closeTestDb);

async function visit(firstName: string, opts: { hostId?: string; at: Date; banAlert?: boolean; risky?: boolean }) {
  const visitor = await ctx.db.visitor.create({ data: { firstName, lastName: "Jansen" } });
  return ctx.db.visit.create({
    data: {
      locationId: site.locationId,
      visitorId: visitor.id,
      method: "WALK_IN",
      hostId: opts.hostId ?? null,
      checkedInAt: opts.at,
      banAlert: opts.banAlert ?? false,
      risky: opts.risky ?? false,
    },
  });
}

describe("shift briefing", () => {
  it("shows who is in, the open visits and the period's desk alerts to the desk", async () => {
    const now = ctx.clock.now();
    await ctx.db.staffPresence.create({
      data: { staffId: site.hostId, locationId: site.locationId, signedInAt: now, signedInBy: "DASHBOARD" },
    });
    await visit("Anna", { at: new Date(now.getTime() - 30 * 60_000), risky: true, hostId: site.hostId });
    await visit("Bram", { at: now, banAlert: true });
    const old = await ctx.db.deskAlert.create({
      data: { locationId: site.locationId, kind: "SEE_DESK", createdAt: new Date(now.getTime() - 20 * HOUR) },
    });
    await ctx.db.deskAlert.create({
      data: {
        locationId: site.locationId,
        kind: "SEE_DESK",
        createdAt: new Date(now.getTime() - 20 * HOUR),
        acknowledgedAt: new Date(now.getTime() - 19 * HOUR),
      },
    });
    await ctx.db.deskAlert.create({ data: { locationId: site.locationId, kind: "BAN_MATCH", createdAt: now } });

    const b = await loadBriefing(ctx, site.admin, location(), 8);
    expect(b.staffPresent).toMatchObject([{ staffId: site.hostId }]);
    expect(b.visits.map((v) => v.visitorName)).toEqual(["Anna J.", "Bram J."]);
    expect(b.visits[0]).toMatchObject({ risky: true, status: "WAITING" });
    expect(b.arrivalsSince).toBe(2);
    // The period's alerts, plus an older one nobody has seen yet; not an older one already seen.
    expect(b.alerts.map((a) => a.kind).sort()).toEqual(["BAN_MATCH", "SEE_DESK"]);
    expect(b.alerts.find((a) => a.kind === "SEE_DESK")?.id).toBe(old.id);
  });

  it("names this week's incident team and who of them is in", async () => {
    await ctx.db.incidentTeamMember.createMany({
      data: [
        { locationId: site.locationId, weekStart: "2026-03-09", staffId: site.hostId },
        { locationId: site.locationId, weekStart: "2026-03-09", staffId: `${site.locationId}-admin` },
        { locationId: site.locationId, weekStart: "2026-03-02", staffId: `${site.locationId}-admin` },
      ],
    });
    await ctx.db.staffPresence.create({
      data: {
        staffId: site.hostId,
        locationId: site.locationId,
        signedInAt: ctx.clock.now(),
        signedInBy: "BADGE_DESK",
      },
    });
    const b = await loadBriefing(ctx, site.admin, location(), 8);
    expect(b.incidentTeam.map((m) => [m.staffId, m.present])).toEqual([
      [`${site.locationId}-admin`, false],
      [site.hostId, true],
    ]);
  });

  it("a staff member sees names only of their own visitors, and no ban alerts", async () => {
    const now = ctx.clock.now();
    await visit("Anna", { at: now, hostId: site.hostId });
    await visit("Bram", { at: now });
    await ctx.db.deskAlert.create({ data: { locationId: site.locationId, kind: "BAN_MATCH", createdAt: now } });
    const host = { type: "STAFF" as const, id: site.hostId, role: "STAFF" as const, locationIds: [site.locationId] };
    const b = await loadBriefing(ctx, host, location(), 8);
    expect(b.visits.map((v) => v.visitorName)).toEqual(["Anna J.", null]);
    expect(b.alerts).toEqual([]);
  });

  it("refuses a location the staff member does not work at", async () => {
    const stranger = { type: "STAFF" as const, id: "x", role: "MANAGER" as const, locationIds: ["elsewhere"] };
    await expect(loadBriefing(ctx, stranger, location(), 8)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
