import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { incidentTeam, respondersFor, setIncidentTeam } from "@/src/domain/alarms/incident-team";
import { makeStaff } from "@/tests/helpers/fixtures";
import { collectEvents, makeSite, type Site } from "@/tests/helpers/kiosk-fixtures";
import { closeTestDb, resetDb, type TestContext, testContext } from "@/tests/helpers/test-db";

let ctx: TestContext;
let site: Site;
// The test clock starts on Tuesday 2026-03-10, 09:00 Amsterdam: its week starts Monday 2026-03-09.
const WEEK = "2026-03-09";
const location = () => ({ id: site.locationId, timeZone: "Europe/Amsterdam" });

beforeEach(async () => {
  ctx = await testContext();
  await resetDb(ctx.db);
  site = await makeSite(ctx.db);
  for (const id of ["ann", "bob", "cem"]) await makeStaff(ctx.db, { id, locationIds: [site.locationId] });
});
afterAll(closeTestDb);

const signIn = (staffId: string) =>
  ctx.db.staffPresence.create({
    data: { staffId, locationId: site.locationId, signedInAt: ctx.clock.now(), signedInBy: "DASHBOARD" },
  });

describe("incident team rota", () => {
  it("sets a week's team exactly, audited, and announces the change", async () => {
    const events = collectEvents(ctx);
    await setIncidentTeam(ctx, site.admin, { locationId: site.locationId, weekStart: WEEK, staffIds: ["ann", "bob"] });
    const team = await setIncidentTeam(ctx, site.admin, {
      locationId: site.locationId,
      weekStart: WEEK,
      staffIds: ["bob", "cem", "cem"],
    });
    expect(team.map((m) => m.staffId)).toEqual(["bob", "cem"]);
    expect(await incidentTeam(ctx.db, site.locationId, "2026-03-16")).toEqual([]);
    expect(await ctx.db.auditEvent.count({ where: { action: "incident_team.set" } })).toBe(2);
    expect(events.named("incident_team.changed")).toHaveLength(2);
  });

  it("refuses a week that does not start on Monday, and staff of another location", async () => {
    await makeStaff(ctx.db, { id: "elsewhere", locationIds: [] });
    await expect(
      setIncidentTeam(ctx, site.admin, { locationId: site.locationId, weekStart: "2026-03-10", staffIds: [] }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(
      setIncidentTeam(ctx, site.admin, { locationId: site.locationId, weekStart: WEEK, staffIds: ["elsewhere"] }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    const stranger = { type: "STAFF" as const, id: "x", role: "MANAGER" as const, locationIds: ["other"] };
    await expect(
      setIncidentTeam(ctx, stranger, { locationId: site.locationId, weekStart: WEEK, staffIds: [] }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("pages the present members of this week's team; without them everyone present; says when nobody is in", async () => {
    const responders = async (at = ctx.clock.now()) => {
      const r = await respondersFor(ctx.db, location(), at);
      // Every responder comes with their name (a page shows the responder's own row).
      expect([...r.names.keys()].sort()).toEqual(expect.arrayContaining(r.staffIds));
      for (const id of r.staffIds) expect(r.names.get(id)).toBeTruthy();
      return { staffIds: r.staffIds, basis: r.basis };
    };
    expect(await responders()).toEqual({ staffIds: [], basis: "none" });
    await setIncidentTeam(ctx, site.admin, { locationId: site.locationId, weekStart: WEEK, staffIds: ["ann", "bob"] });
    await signIn("cem");
    expect(await responders()).toEqual({ staffIds: ["cem"], basis: "present" });
    await signIn("bob");
    expect(await responders()).toEqual({ staffIds: ["bob"], basis: "team" });
    // Next Monday the rota has no team yet: everyone present.
    const nextWeek = new Date(ctx.clock.now().getTime() + 6 * 86_400_000);
    expect(await responders(nextWeek)).toEqual({ staffIds: ["bob", "cem"], basis: "present" });
  });
});
