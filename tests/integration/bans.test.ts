// Bans (lokaalverbod / pandverbod): silent matching at the kiosk, and staff creating, ending and
// listing them.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { findActiveBan } from "@/src/domain/bans/ban-match";
import { createBan, endBan, listBans, MAX_BAN_DAYS, type NewBan } from "@/src/domain/bans/manage-bans";
import { hmac } from "@/src/domain/crypto";
import { acknowledgeDeskAlert, openDeskAlerts } from "@/src/domain/desk/desk-alerts";
import { checkOutVisit } from "@/src/domain/visits/check-out";
import { completeCheckIn, identifyAtKiosk, type KioskDevice } from "@/src/domain/visits/kiosk-check-in";
import type { KioskOutcome, WalkInFull } from "@/src/domain/visits/kiosk-outcome";
import { documentHashKey } from "@/src/domain/visits/mrz";
import {
  collectEvents,
  DAY,
  makeInvite,
  makePassVisitor,
  makeSite,
  NL_ID_CARD,
  type Site,
  TR_PASSPORT,
} from "@/tests/helpers/kiosk-fixtures";
import { closeTestDb, resetDb, type TestContext, testContext } from "@/tests/helpers/test-db";

let ctx: TestContext;
let events: ReturnType<typeof collectEvents>;
let site: Site;

beforeEach(async () => {
  ctx = await testContext();
  await resetDb(ctx.db);
  events = collectEvents(ctx);
  // A sluis: a banned visitor must never get a door release.
  site = await makeSite(ctx.db, { controlledEntrance: true });
});
afterAll(closeTestDb);

const scan = (kiosk: KioskDevice, text: string) => identifyAtKiosk(ctx, kiosk, { kind: "scan", text }, "nl");
const walkIn = (kiosk: KioskDevice, fields: WalkInFull) =>
  identifyAtKiosk(ctx, kiosk, { kind: "walk-in", fields }, "nl");
const accept = (kiosk: KioskDevice, o: KioskOutcome) => {
  if (o.step !== "rules") throw new Error(`expected the rules step, got ${JSON.stringify(o)}`);
  return completeCheckIn(ctx, kiosk, o.pending, "accept");
};

const banInput = (over: Partial<NewBan> = {}): NewBan => ({
  locationId: site.locationId,
  scope: "BUILDING",
  reasonCategory: "THREAT",
  startsAt: new Date(ctx.clock.now().getTime() - DAY),
  endsAt: new Date(ctx.clock.now().getTime() + 30 * DAY),
  reviewAt: new Date(ctx.clock.now().getTime() + 14 * DAY),
  contactName: "Daan Visser (teamleider)",
  contactPhone: "06 1234 5678",
  ...over,
});

/** A ban row written directly: matching by one identifier only, with no visitor behind it. */
const rawBan = (
  data: { passId?: string; documentHash?: string; nameKey?: string; dateOfBirth?: string },
  over: Partial<NewBan> = {},
) => {
  const b = banInput(over);
  return ctx.db.ban.create({
    data: {
      locationId: b.locationId,
      scope: b.scope,
      reasonCategory: b.reasonCategory,
      startsAt: b.startsAt,
      endsAt: b.endsAt,
      reviewAt: b.reviewAt,
      contactName: b.contactName,
      contactPhone: b.contactPhone,
      decidedById: site.admin.id,
      displayName: "Banned Person",
      ...data,
    },
  });
};

/** The silent alert: the visitor sees "please wait", the desk gets everything it needs; no door opens. */
async function expectSilentAlert(outcome: KioskOutcome, banId: string) {
  expect(outcome).toEqual({ step: "please-wait" });
  const ban = await ctx.db.ban.findUniqueOrThrow({ where: { id: banId } });
  const visit = await ctx.db.visit.findFirstOrThrow({ where: { banAlert: true } });
  expect(visit).toMatchObject({ banAlert: true, banId, status: "WAITING", rulesVersion: null });
  const alerts = await ctx.db.deskAlert.findMany();
  expect(alerts).toHaveLength(1);
  expect(alerts[0]).toMatchObject({
    kind: "BAN_MATCH",
    locationId: site.locationId,
    visitId: visit.id,
    acknowledgedAt: null,
  });
  const data = JSON.parse(alerts[0].data);
  expect(data).toMatchObject({
    banId,
    reasonCategory: ban.reasonCategory,
    endsAt: ban.endsAt.toISOString(),
    contactName: ban.contactName,
    contactPhone: ban.contactPhone,
    scope: ban.scope,
    displayName: ban.displayName,
  });
  expect(events.named("desk.alert_raised")).toEqual([
    expect.objectContaining({ id: alerts[0].id, kind: "BAN_MATCH", visitId: visit.id, data }),
  ]);
  expect(events.named("visit.checked_in")).toMatchObject([{ visitId: visit.id, banAlert: true }]);
  expect(events.named("door.release_requested")).toEqual([]);
  return visit;
}

describe("ban matching at the kiosk", () => {
  it("matches by client pass: please wait, a silent desk alert, no door release, no rules step", async () => {
    const { visitor, passText } = await makePassVisitor(ctx.db, { firstName: "Kees", lastName: "Smit" });
    const ban = await createBan(ctx, site.admin, banInput({ visitorId: visitor.id }));
    expect(ban).toMatchObject({
      passId: visitor.passId,
      visitorId: visitor.id,
      displayName: "Kees Smit",
      decidedById: site.admin.id,
    });
    await expectSilentAlert(await scan(site.kiosk, passText), ban.id);
    // A second scan is answered the same, without a second alert.
    expect(await scan(site.kiosk, passText)).toEqual({ step: "please-wait" });
    expect(await ctx.db.deskAlert.count()).toBe(1);
    expect(await ctx.db.visit.count()).toBe(1);
    // Nothing the visitor is shown says why.
    expect(JSON.stringify(await scan(site.kiosk, passText))).not.toMatch(/THREAT|ban|Daan/i);
  });

  it("raises one alert when a banned pass is read several times at once", async () => {
    const { passId } = await makePassVisitor(ctx.db);
    const ban = await rawBan({ passId });
    const outcomes = await Promise.all([1, 2, 3].map(() => scan(site.kiosk, passId)));
    for (const o of outcomes) expect(o).toEqual({ step: "please-wait" });
    await expectSilentAlert(outcomes[0], ban.id);
  });

  it("matches a ban on a pass id alone", async () => {
    const { passId } = await makePassVisitor(ctx.db);
    const ban = await rawBan({ passId });
    await expectSilentAlert(await scan(site.kiosk, passId), ban.id);
  });

  it("matches by the document's keyed hash", async () => {
    const ban = await rawBan({ documentHash: hmac(ctx.hmacKey, documentHashKey("SPECI2026", "NLD")) });
    await expectSilentAlert(await scan(site.kiosk, NL_ID_CARD.join("\n")), ban.id);
  });

  it("matches a known visitor's document hash, also when they come by invite", async () => {
    // First visit by document, then banned by the desk, then an invite.
    const first = await scan(site.kiosk, NL_ID_CARD.join("\n"));
    await accept(site.kiosk, first);
    const visitor = await ctx.db.visitor.findFirstOrThrow();
    await checkOutVisit(ctx, { type: "SYSTEM" }, (await ctx.db.visit.findFirstOrThrow()).id);
    const ban = await createBan(ctx, site.admin, banInput({ visitorId: visitor.id }));
    expect(ban.documentHash).toBe(visitor.documentHash);
    const { invite } = await makeInvite(ctx, site, { visitorId: visitor.id });
    events.clear();
    await expectSilentAlert(await scan(site.kiosk, invite), ban.id);
  });

  it("matches by name and date of birth, typed at a walk-in with other case and spacing", async () => {
    const ban = await createBan(
      ctx,
      site.admin,
      banInput({ firstName: "Piet", lastName: "de Bakker", dateOfBirth: "1980-05-01" }),
    );
    expect(ban).toMatchObject({
      nameKey: "piet de bakker",
      dateOfBirth: "1980-05-01",
      displayName: "Piet de Bakker",
      visitorId: null,
    });
    const outcome = await walkIn(site.kiosk, {
      mode: "FULL",
      firstName: "PIET",
      lastName: " De  Bakker",
      dateOfBirth: "1980-05-01",
      purpose: "x",
    });
    await expectSilentAlert(outcome, ban.id);
  });

  it("matches by name and date of birth read from a passport (transliterated name)", async () => {
    const ban = await createBan(
      ctx,
      site.admin,
      banInput({ firstName: "Mehmet", lastName: "Yılmaz", dateOfBirth: "1985-07-04" }),
    );
    await expectSilentAlert(await scan(site.kiosk, TR_PASSPORT.join("\n")), ban.id);
  });

  it("matches a banned walk-in visitor who registers again (a new visitor row) by name and date of birth", async () => {
    const fields: WalkInFull = {
      mode: "FULL",
      firstName: "Piet",
      lastName: "Bakker",
      dateOfBirth: "1980-05-01",
      purpose: "x",
    };
    await accept(site.kiosk, await walkIn(site.kiosk, fields));
    const first = await ctx.db.visit.findFirstOrThrow();
    await checkOutVisit(ctx, { type: "SYSTEM" }, first.id);
    const ban = await createBan(ctx, site.admin, banInput({ visitorId: first.visitorId }));
    events.clear();
    await expectSilentAlert(await walkIn(site.kiosk, fields), ban.id);
    expect(await ctx.db.visitor.count()).toBe(2);
  });

  it("does not match on name without the same date of birth", async () => {
    await createBan(ctx, site.admin, banInput({ firstName: "Piet", lastName: "Bakker", dateOfBirth: "1980-05-01" }));
    expect((await walkIn(site.kiosk, { mode: "FULL", firstName: "Piet", lastName: "Bakker", purpose: "x" })).step).toBe(
      "rules",
    );
    expect(
      (
        await walkIn(site.kiosk, {
          mode: "FULL",
          firstName: "Piet",
          lastName: "Bakker",
          dateOfBirth: "1980-05-02",
          purpose: "x",
        })
      ).step,
    ).toBe("rules");
    expect(await ctx.db.deskAlert.count()).toBe(0);
  });

  it("never matches two different names written in Arabic script", async () => {
    await createBan(ctx, site.admin, banInput({ firstName: "محمد", lastName: "علي", dateOfBirth: "1990-01-01" }));
    const other = await walkIn(site.kiosk, {
      mode: "FULL",
      firstName: "أحمد",
      lastName: "حسن",
      dateOfBirth: "1990-01-01",
      purpose: "x",
    });
    expect(other.step).toBe("rules");
    const same = await walkIn(site.kiosk, {
      mode: "FULL",
      firstName: "محمد",
      lastName: "علي",
      dateOfBirth: "1990-01-01",
      purpose: "x",
    });
    expect(same).toEqual({ step: "please-wait" });
  });

  it("does not match an expired, ended, future or other location's ban", async () => {
    const { visitor, passText } = await makePassVisitor(ctx.db);
    const now = ctx.clock.now().getTime();
    // Expired exactly now.
    await createBan(
      ctx,
      site.admin,
      banInput({
        visitorId: visitor.id,
        startsAt: new Date(now - 30 * DAY),
        endsAt: new Date(now),
        reviewAt: new Date(now - DAY),
      }),
    );
    // Ended by staff.
    const ended = await createBan(ctx, site.admin, banInput({ visitorId: visitor.id }));
    await endBan(ctx, site.admin, ended.id, "Gesprek gehad, afspraken gemaakt");
    // Starts tomorrow.
    await createBan(
      ctx,
      site.admin,
      banInput({ visitorId: visitor.id, startsAt: new Date(now + DAY), reviewAt: new Date(now + 2 * DAY) }),
    );
    // At another location.
    const other = await makeSite(ctx.db, { id: "loc-other" });
    await createBan(ctx, other.admin, banInput({ locationId: other.locationId, visitorId: visitor.id }));

    expect((await scan(site.kiosk, passText)).step).toBe("rules");
    expect(await ctx.db.deskAlert.count()).toBe(0);
    expect(await findActiveBan(ctx.db, site.locationId, { visitorId: visitor.id }, ctx.clock.now())).toBeNull();
    // The future ban matches once it has started.
    ctx.clock.advance(DAY);
    expect(await findActiveBan(ctx.db, site.locationId, { passId: visitor.passId }, ctx.clock.now())).not.toBeNull();
  });

  it("matches nothing for an identity without identifiers", async () => {
    await rawBan({ nameKey: "", dateOfBirth: "1990-01-01" });
    expect(await findActiveBan(ctx.db, site.locationId, {}, ctx.clock.now())).toBeNull();
    expect(
      await findActiveBan(
        ctx.db,
        site.locationId,
        { firstName: "-", lastName: "-", dateOfBirth: "1990-01-01" },
        ctx.clock.now(),
      ),
    ).toBeNull();
  });
});

describe("the desk's ban alert", () => {
  it("stays open until a colleague of the location acknowledges it, once", async () => {
    const { passId } = await makePassVisitor(ctx.db);
    await rawBan({ passId });
    await scan(site.kiosk, passId);
    const [alert] = await openDeskAlerts(ctx.db, [site.locationId]);
    expect(alert).toMatchObject({ kind: "BAN_MATCH", locationId: site.locationId, data: { reasonCategory: "THREAT" } });
    expect(await openDeskAlerts(ctx.db, ["loc-other"])).toEqual([]);

    const outsider = { type: "STAFF" as const, id: "x", role: "RECEPTION" as const, locationIds: ["loc-other"] };
    await expect(acknowledgeDeskAlert(ctx, outsider, alert.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const reception = {
      type: "STAFF" as const,
      id: site.hostId,
      role: "RECEPTION" as const,
      locationIds: [site.locationId],
    };
    await acknowledgeDeskAlert(ctx, reception, alert.id);
    expect(await openDeskAlerts(ctx.db, [site.locationId])).toEqual([]);
    expect(await ctx.db.deskAlert.findUniqueOrThrow({ where: { id: alert.id } })).toMatchObject({
      acknowledgedAt: ctx.clock.now(),
      acknowledgedById: site.hostId,
    });
    expect(events.named("desk.alert_acknowledged")).toEqual([{ alertId: alert.id, locationId: site.locationId }]);
    ctx.clock.advance(60_000);
    await acknowledgeDeskAlert(ctx, site.admin, alert.id);
    expect((await ctx.db.deskAlert.findUniqueOrThrow({ where: { id: alert.id } })).acknowledgedById).toBe(site.hostId);
    expect(await ctx.db.auditEvent.count({ where: { action: "desk_alert.acknowledged" } })).toBe(1);
    await expect(acknowledgeDeskAlert(ctx, site.admin, "nope")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("managing bans", () => {
  const validation = (fieldErrors: Record<string, string[]>) => ({
    code: "VALIDATION",
    fieldErrors: expect.objectContaining(fieldErrors),
  });

  it("requires an end after the start, at most MAX_BAN_DAYS, and a review date within the ban", async () => {
    const now = ctx.clock.now().getTime();
    const who = { firstName: "Piet", lastName: "Bakker", dateOfBirth: "1980-05-01" };
    await expect(
      createBan(ctx, site.admin, banInput({ ...who, endsAt: new Date(now - 2 * DAY) })),
    ).rejects.toMatchObject(validation({ endsAt: ["before_start"] }));
    await expect(
      createBan(
        ctx,
        site.admin,
        banInput({ ...who, startsAt: new Date(now), endsAt: new Date(now + (MAX_BAN_DAYS + 1) * DAY) }),
      ),
    ).rejects.toMatchObject(validation({ endsAt: ["too_long"] }));
    // Exactly the maximum is allowed.
    await expect(
      createBan(
        ctx,
        site.admin,
        banInput({ ...who, startsAt: new Date(now), endsAt: new Date(now + MAX_BAN_DAYS * DAY) }),
      ),
    ).resolves.toBeTruthy();
    await expect(
      createBan(ctx, site.admin, banInput({ ...who, reviewAt: new Date(now + 60 * DAY) })),
    ).rejects.toMatchObject(validation({ reviewAt: ["outside_ban"] }));
    await expect(
      createBan(ctx, site.admin, banInput({ ...who, reviewAt: new Date(now - 2 * DAY) })),
    ).rejects.toMatchObject(validation({ reviewAt: ["outside_ban"] }));
    await expect(
      createBan(ctx, site.admin, banInput({ ...who, endsAt: new Date("not a date") })),
    ).rejects.toMatchObject(validation({ endsAt: ["invalid"] }));
  });

  it("requires someone to match: a known visitor, or first and last name with a date of birth", async () => {
    await expect(createBan(ctx, site.admin, banInput())).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(createBan(ctx, site.admin, banInput({ firstName: "Piet", lastName: "Bakker" }))).rejects.toMatchObject(
      {
        code: "VALIDATION",
      },
    );
    await expect(
      createBan(ctx, site.admin, banInput({ firstName: "Piet", dateOfBirth: "1980-05-01" })),
    ).rejects.toMatchObject({
      code: "VALIDATION",
    });
    await expect(
      createBan(ctx, site.admin, banInput({ firstName: "-", lastName: "'", dateOfBirth: "1980-05-01" })),
    ).rejects.toMatchObject({
      code: "VALIDATION",
    });
    await expect(
      createBan(ctx, site.admin, banInput({ firstName: "Piet", lastName: "Bakker", dateOfBirth: "01-05-1980" })),
    ).rejects.toMatchObject(validation({ dateOfBirth: ["invalid"] }));
    await expect(createBan(ctx, site.admin, banInput({ visitorId: "no-such-visitor" }))).rejects.toMatchObject(
      validation({ visitorId: ["unknown"] }),
    );
    expect(await ctx.db.ban.count()).toBe(0);
  });

  it("requires whom the desk should call", async () => {
    await expect(
      createBan(
        ctx,
        site.admin,
        banInput({ firstName: "Piet", lastName: "Bakker", dateOfBirth: "1980-05-01", contactName: "  " }),
      ),
    ).rejects.toMatchObject(validation({ contactName: ["required"] }));
  });

  it("refuses staff of another location", async () => {
    const other = { type: "STAFF" as const, id: "someone", role: "MANAGER" as const, locationIds: ["loc-other"] };
    await expect(
      createBan(ctx, other, banInput({ firstName: "Piet", lastName: "Bakker", dateOfBirth: "1980-05-01" })),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const ban = await createBan(
      ctx,
      site.admin,
      banInput({ firstName: "Piet", lastName: "Bakker", dateOfBirth: "1980-05-01" }),
    );
    await expect(endBan(ctx, other, ban.id, "x")).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("records who decided and audits creation without personal data", async () => {
    const ban = await createBan(
      ctx,
      site.admin,
      banInput({ firstName: "Piet", lastName: "Bakker", dateOfBirth: "1980-05-01", notes: "  Dreigde met geweld  " }),
    );
    expect(ban).toMatchObject({
      decidedById: site.admin.id,
      notes: "Dreigde met geweld",
      contactPhone: "06 1234 5678",
    });
    const audit = await ctx.db.auditEvent.findFirstOrThrow({ where: { action: "ban.created" } });
    expect(audit).toMatchObject({ actorType: "STAFF", actorId: site.admin.id, subjectType: "Ban", subjectId: ban.id });
    expect(audit.data).not.toMatch(/Piet|Bakker|1980/);
  });

  it("ends a ban once, with an audit event", async () => {
    const ban = await createBan(
      ctx,
      site.admin,
      banInput({ firstName: "Piet", lastName: "Bakker", dateOfBirth: "1980-05-01" }),
    );
    await endBan(ctx, site.admin, ban.id, "Opgeheven na gesprek");
    const ended = await ctx.db.ban.findUniqueOrThrow({ where: { id: ban.id } });
    expect(ended).toMatchObject({ endedAt: ctx.clock.now(), endedById: site.admin.id });
    ctx.clock.advance(60_000);
    await endBan(ctx, site.admin, ban.id, "again");
    expect((await ctx.db.ban.findUniqueOrThrow({ where: { id: ban.id } })).endedAt).toEqual(ended.endedAt);
    const audits = await ctx.db.auditEvent.findMany({ where: { action: "ban.ended" } });
    expect(audits).toHaveLength(1);
    expect(JSON.parse(audits[0].data!)).toEqual({ reason: "Opgeheven na gesprek" });
    await expect(endBan(ctx, site.admin, "no-such-ban", "x")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("lists active, expiring-soon and expired bans, only for the staff member's locations", async () => {
    const now = ctx.clock.now().getTime();
    const who = { firstName: "Piet", lastName: "Bakker", dateOfBirth: "1980-05-01" };
    const long = await createBan(
      ctx,
      site.admin,
      banInput({ ...who, endsAt: new Date(now + 90 * DAY), reviewAt: new Date(now + 30 * DAY) }),
    );
    const soon = await createBan(
      ctx,
      site.admin,
      banInput({ ...who, endsAt: new Date(now + 5 * DAY), reviewAt: new Date(now - DAY / 2) }),
    );
    const expired = await createBan(
      ctx,
      site.admin,
      banInput({
        ...who,
        startsAt: new Date(now - 20 * DAY),
        endsAt: new Date(now - DAY),
        reviewAt: new Date(now - 10 * DAY),
      }),
    );
    const ended = await createBan(ctx, site.admin, banInput(who));
    await endBan(ctx, site.admin, ended.id, "x");
    const other = await makeSite(ctx.db, { id: "loc-other" });
    const elsewhere = await createBan(ctx, other.admin, banInput({ ...who, locationId: other.locationId }));

    const ids = async (filter: "active" | "expiring" | "expired" | "all", actor = site.admin) =>
      (await listBans(ctx, actor, filter)).map((b) => b.id).sort();
    const manager = { type: "STAFF" as const, id: "mgr", role: "MANAGER" as const, locationIds: [site.locationId] };
    expect(await ids("active", manager)).toEqual([long.id, soon.id].sort());
    expect(await ids("expiring", manager)).toEqual([soon.id]);
    expect(await ids("expired", manager)).toEqual([expired.id, ended.id].sort());
    expect(await ids("all", manager)).toEqual([long.id, soon.id, expired.id, ended.id].sort());
    // An admin sees every location.
    const admin = { ...site.admin, locationIds: [] };
    expect(await ids("active", admin)).toEqual([long.id, soon.id, elsewhere.id].sort());

    const rows = await listBans(ctx, manager, "all");
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(soon.id)).toMatchObject({
      active: true,
      ended: false,
      reviewDue: true,
      reasonCategory: "THREAT",
      contactName: "Daan Visser (teamleider)",
    });
    expect(byId.get(long.id)).toMatchObject({ active: true, reviewDue: false });
    expect(byId.get(ended.id)).toMatchObject({ active: false, ended: true, reviewDue: false });
    expect(byId.get(expired.id)).toMatchObject({ active: false, ended: false });
    // Soonest end first.
    expect(rows.map((r) => r.endsAt)).toEqual([...rows.map((r) => r.endsAt)].sort());
    expect(await ctx.db.auditEvent.count({ where: { action: "ban.list_viewed" } })).toBeGreaterThan(0);
  });
});
