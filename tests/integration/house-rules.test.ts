// House rules (huisregels): versions, re-acceptance after a change, and declining at the kiosk.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import {
  currentRules,
  currentRulesVersion,
  publishRules,
  rulesForEditing,
  saveRulesDraft,
} from "@/src/domain/house-rules/house-rules";
import {
  DEMO_APPOINTMENTS,
  DEMO_PASS,
  DEMO_RULES_LANGUAGES,
  DEMO_VISITOR,
  seedDemo,
} from "@/src/domain/seed/demo-seed";
import { checkOutVisit } from "@/src/domain/visits/check-out";
import { completeCheckIn, identifyAtKiosk } from "@/src/domain/visits/kiosk-check-in";
import type { KioskOutcome } from "@/src/domain/visits/kiosk-outcome";
import { parsePass } from "@/src/domain/visits/scan-classify";
import { acceptRules, collectEvents, makePassVisitor, makeSite, type Site } from "@/tests/helpers/kiosk-fixtures";
import { closeTestDb, resetDb, type TestContext, testContext } from "@/tests/helpers/test-db";

let ctx: TestContext;
let events: ReturnType<typeof collectEvents>;
let site: Site;

beforeEach(async () => {
  ctx = await testContext();
  await resetDb(ctx.db);
  events = collectEvents(ctx);
  site = await makeSite(ctx.db, { controlledEntrance: true });
});
afterAll(closeTestDb);

const scan = (text: string) => identifyAtKiosk(ctx, site.kiosk, { kind: "scan", text }, "nl");
const pendingOf = (o: KioskOutcome) => {
  if (o.step !== "rules") throw new Error(`expected the rules step, got ${JSON.stringify(o)}`);
  return o.pending;
};
const V2 = [
  { language: "nl", title: "Huisregels 2026", body: "Nieuw: geen honden in het gebouw." },
  { language: "en", title: "House rules 2026", body: "New: no dogs in the building." },
  { language: "ar", title: "قواعد المنزل", body: "جديد: لا كلاب في المبنى." },
];
const checkOutAll = async () => {
  for (const v of await ctx.db.visit.findMany({ where: { status: "WAITING" } }))
    await checkOutVisit(ctx, { type: "SYSTEM" }, v.id);
};

describe("house rules versions", () => {
  it("asks a returning visitor to accept a new version once, then not again", async () => {
    const { visitor, passText } = await makePassVisitor(ctx.db);
    await acceptRules(ctx.db, visitor.id, site.locationId, 1);
    expect((await scan(passText)).step).toBe("checked-in");
    await checkOutAll();

    // A saved draft is not shown at the kiosk yet.
    await saveRulesDraft(ctx, site.admin, site.locationId, V2);
    expect((await scan(passText)).step).toBe("checked-in");
    await checkOutAll();

    expect(await publishRules(ctx, site.admin, site.locationId)).toBe(2);
    expect(events.named("house_rules.published")).toEqual([{ locationId: site.locationId, version: 2 }]);
    const asked = await scan(passText);
    expect(asked).toMatchObject({ step: "rules", rules: { version: 2, language: "nl", title: "Huisregels 2026" } });
    expect((await completeCheckIn(ctx, site.kiosk, pendingOf(asked), "accept")).step).toBe("checked-in");
    expect(await ctx.db.visit.findFirstOrThrow({ where: { status: "WAITING" } })).toMatchObject({ rulesVersion: 2 });
    expect((await ctx.db.rulesAcceptance.findMany({ orderBy: { version: "asc" } })).map((r) => r.version)).toEqual([
      1, 2,
    ]);
    await checkOutAll();

    expect((await scan(passText)).step).toBe("checked-in");
    expect(await ctx.db.visit.findFirstOrThrow({ where: { status: "WAITING" } })).toMatchObject({ rulesVersion: 2 });
  });

  it("shows a new version in the visitor's language, with the old one's languages no longer used", async () => {
    await saveRulesDraft(ctx, site.admin, site.locationId, V2);
    await publishRules(ctx, site.admin, site.locationId);
    expect(await currentRules(ctx.db, site.locationId, "ar")).toMatchObject({
      version: 2,
      language: "ar",
      title: "قواعد المنزل",
    });
    expect(await currentRules(ctx.db, site.locationId, "tr")).toMatchObject({ version: 2, language: "en" });
  });

  it("edits a draft until it is published, with audit events", async () => {
    expect(await rulesForEditing(ctx.db, site.locationId)).toMatchObject({ currentVersion: 1, draft: [] });
    await saveRulesDraft(ctx, site.admin, site.locationId, [
      { language: "nl", title: "Concept", body: "Eerste versie" },
    ]);
    await saveRulesDraft(ctx, site.admin, site.locationId, V2);
    const editing = await rulesForEditing(ctx.db, site.locationId);
    expect(editing.currentVersion).toBe(1);
    expect(editing.published.map((r) => r.language)).toEqual(["en", "nl"]);
    expect(editing.draft.map((r) => `${r.version}/${r.language}/${r.title}`)).toEqual([
      "2/ar/قواعد المنزل",
      "2/en/House rules 2026",
      "2/nl/Huisregels 2026",
    ]);
    expect(editing.draft.every((r) => r.createdById === site.admin.id && r.publishedAt === null)).toBe(true);
    expect(await currentRulesVersion(ctx.db, site.locationId)).toBe(1);
    await publishRules(ctx, site.admin, site.locationId);
    expect(await currentRulesVersion(ctx.db, site.locationId)).toBe(2);
    expect(await rulesForEditing(ctx.db, site.locationId)).toMatchObject({ currentVersion: 2, draft: [] });
    const actions = (await ctx.db.auditEvent.findMany({ orderBy: { id: "asc" } })).map((a) => a.action);
    expect(actions).toEqual(["house_rules.draft_saved", "house_rules.draft_saved", "house_rules.published"]);
  });

  it("refuses a draft without a Dutch text, an empty text, or two texts in one language", async () => {
    await expect(saveRulesDraft(ctx, site.admin, site.locationId, [])).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(
      saveRulesDraft(ctx, site.admin, site.locationId, [{ language: "en", title: "House rules", body: "Be kind." }]),
    ).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { nl: ["required"] } });
    await expect(
      saveRulesDraft(ctx, site.admin, site.locationId, [{ language: "nl", title: "  ", body: "Wees aardig." }]),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(
      saveRulesDraft(ctx, site.admin, site.locationId, [
        { language: "nl", title: "A", body: "a" },
        { language: "nl", title: "B", body: "b" },
      ]),
    ).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { texts: ["duplicate_language"] } });
    expect(await ctx.db.houseRules.count({ where: { publishedAt: null } })).toBe(0);
  });

  it("has nothing to publish without a draft", async () => {
    await expect(publishRules(ctx, site.admin, site.locationId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await currentRulesVersion(ctx.db, site.locationId)).toBe(1);
  });

  it("publishes a first version at a location that had none", async () => {
    const bare = await makeSite(ctx.db, { id: "loc-bare", rules: false });
    expect(await currentRules(ctx.db, bare.locationId, "nl")).toBeNull();
    await saveRulesDraft(ctx, bare.admin, bare.locationId, V2);
    expect(await publishRules(ctx, bare.admin, bare.locationId)).toBe(1);
    expect(await currentRules(ctx.db, bare.locationId, "nl")).toMatchObject({ version: 1, title: "Huisregels 2026" });
  });
});

describe("declining the house rules", () => {
  it("sends the visitor to the desk kindly, alerts the desk, and opens no door", async () => {
    const { passText } = await makePassVisitor(ctx.db, { firstName: "Jan", lastName: "Mol" });
    const asked = await scan(passText);
    expect(await completeCheckIn(ctx, site.kiosk, pendingOf(asked), "decline")).toEqual({
      step: "see-desk",
      reason: "declined",
    });

    const visit = await ctx.db.visit.findFirstOrThrow();
    expect(visit).toMatchObject({
      rulesDeclined: true,
      rulesVersion: null,
      banAlert: false,
      status: "WAITING",
      method: "PASS",
    });
    const alert = await ctx.db.deskAlert.findFirstOrThrow();
    expect(alert).toMatchObject({ kind: "RULES_DECLINED", visitId: visit.id, locationId: site.locationId });
    expect(events.named("desk.alert_raised")).toMatchObject([
      { id: alert.id, kind: "RULES_DECLINED", visitId: visit.id },
    ]);
    expect(events.named("visit.checked_in")).toMatchObject([
      { visitId: visit.id, rulesDeclined: true, visitorName: "Jan M." },
    ]);
    expect(events.named("door.release_requested")).toEqual([]);
    expect(await ctx.db.rulesAcceptance.count()).toBe(0);
    expect(
      JSON.parse((await ctx.db.auditEvent.findFirstOrThrow({ where: { action: "visit.checked_in" } })).data!),
    ).toMatchObject({
      rulesDeclined: true,
    });

    // Scanning again, or tapping accept on the old screen, changes nothing.
    expect(await scan(passText)).toEqual({ step: "see-desk", reason: "declined" });
    expect(await completeCheckIn(ctx, site.kiosk, pendingOf(asked), "accept")).toEqual({
      step: "see-desk",
      reason: "declined",
    });
    expect(await ctx.db.visit.count()).toBe(1);
    expect(await ctx.db.deskAlert.count()).toBe(1);

    // Once the desk has dealt with it (checked out), the visitor is asked again next time.
    await checkOutVisit(ctx, site.admin, visit.id);
    expect((await scan(passText)).step).toBe("rules");
  });
});

describe("demo seed: kiosk data", () => {
  it("has the house rules in five languages, a sluis at Centrum, and a visitor with a client pass", async () => {
    await seedDemo(ctx.db, ctx.hmacKey, ctx.clock.now());
    for (const locationId of ["loc-centrum", "loc-haven"]) {
      const rules = await ctx.db.houseRules.findMany({ where: { locationId, version: 1 } });
      expect(rules.map((r) => r.language).sort()).toEqual([...DEMO_RULES_LANGUAGES].sort());
      for (const r of rules) {
        expect(r.publishedAt, r.language).not.toBeNull();
        // The same five numbered rules and the closing paragraph as the Dutch original.
        for (const n of [1, 2, 3, 4, 5])
          expect(r.body, `${r.language} rule ${n}`).toMatch(new RegExp(`^${n}\\. `, "m"));
        expect(r.body.split("\n")).toHaveLength(9);
      }
    }
    expect(await ctx.db.location.findUniqueOrThrow({ where: { id: "loc-centrum" } })).toMatchObject({
      controlledEntrance: true,
    });
    expect(await ctx.db.location.findUniqueOrThrow({ where: { id: "loc-haven" } })).toMatchObject({
      controlledEntrance: false,
    });
    expect(parsePass(DEMO_PASS)).toBe(DEMO_PASS);
    expect(await ctx.db.visitor.findUniqueOrThrow({ where: { passId: DEMO_PASS } })).toMatchObject({
      id: DEMO_VISITOR.id,
      firstName: "Sam",
    });

    // Run again: nothing new.
    expect((await seedDemo(ctx.db, ctx.hmacKey, ctx.clock.now())).created).toBe(0);
    // The pass holder and the three appointments' visitors.
    expect(await ctx.db.visitor.count()).toBe(1 + DEMO_APPOINTMENTS.length);
    expect(await ctx.db.appointment.count()).toBe(DEMO_APPOINTMENTS.length);
  });

  it("lets the demo pass check in at Centrum's kiosk in Arabic, opening the sluis", async () => {
    await seedDemo(ctx.db, ctx.hmacKey, ctx.clock.now());
    const kiosk = { id: "dev-centrum-kiosk", locationId: "loc-centrum" };
    const asked = await identifyAtKiosk(ctx, kiosk, { kind: "scan", text: DEMO_PASS.toLowerCase() }, "ar");
    expect(asked).toMatchObject({
      step: "rules",
      firstName: "Sam",
      rules: { language: "ar", title: "النظام الداخلي" },
    });
    expect(await completeCheckIn(ctx, kiosk, pendingOf(asked), "accept")).toMatchObject({ step: "checked-in" });
    expect(events.named("door.release_requested")).toMatchObject([{ locationId: "loc-centrum", reason: "check_in" }]);
  });
});
