// The kiosk's check-in flow on a real database: invite QR, client pass, identity document and
// walk-in registration, house rules, events and audit.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { hmac } from "@/src/domain/crypto";
import { checkOutVisit } from "@/src/domain/visits/check-out";
import { signInvite } from "@/src/domain/visits/invite-token";
import { completeCheckIn, identifyAtKiosk, type KioskDevice } from "@/src/domain/visits/kiosk-check-in";
import type { KioskLanguage, KioskOutcome, WalkInFull, WalkInMinimal } from "@/src/domain/visits/kiosk-outcome";
import { documentHashKey } from "@/src/domain/visits/mrz";
import { newPassId } from "@/src/domain/visits/scan-classify";
import {
  acceptRules,
  collectEvents,
  DAY,
  HOUR,
  MINUTE,
  makeInvite,
  makePassVisitor,
  makeSite,
  NL_ID_CARD,
  type Site,
  TR_PASSPORT,
  tamperMrz,
  td1,
} from "@/tests/helpers/kiosk-fixtures";
import { closeTestDb, resetDb, type TestContext, testContext } from "@/tests/helpers/test-db";

let ctx: TestContext;
let events: ReturnType<typeof collectEvents>;

beforeEach(async () => {
  ctx = await testContext();
  await resetDb(ctx.db);
  events = collectEvents(ctx);
});
afterAll(closeTestDb);

const scan = (kiosk: KioskDevice, text: string, language: KioskLanguage = "nl") =>
  identifyAtKiosk(ctx, kiosk, { kind: "scan", text }, language);
const walkIn = (kiosk: KioskDevice, fields: WalkInFull | WalkInMinimal, language: KioskLanguage = "nl") =>
  identifyAtKiosk(ctx, kiosk, { kind: "walk-in", fields }, language);
const decide = (kiosk: KioskDevice, outcome: KioskOutcome, decision: "accept" | "decline" = "accept") => {
  if (outcome.step !== "rules") throw new Error(`expected the rules step, got ${JSON.stringify(outcome)}`);
  return completeCheckIn(ctx, kiosk, outcome.pending, decision);
};
/** Scans, accepts the house rules when asked, and returns the final outcome. */
const checkIn = async (kiosk: KioskDevice, text: string, language: KioskLanguage = "nl") => {
  const first = await scan(kiosk, text, language);
  return first.step === "rules" ? decide(kiosk, first) : first;
};
const onlyVisit = async () => {
  const visits = await ctx.db.visit.findMany();
  expect(visits).toHaveLength(1);
  return visits[0];
};
const SEE_DESK_CODE = { step: "see-desk", reason: "code" } as const;

describe("invite QR", () => {
  let site: Site;
  beforeEach(async () => {
    site = await makeSite(ctx.db);
  });

  it("greets by first name only, asks for the house rules, and checks in on accept", async () => {
    const { invite, appointment, visitorId } = await makeInvite(ctx, site);
    const first = await scan(site.kiosk, invite);
    expect(first).toMatchObject({
      step: "rules",
      firstName: "Fatima",
      rules: { version: 1, language: "nl", title: "Huisregels v1" },
    });
    expect(JSON.stringify(first)).not.toMatch(/Amrani/);
    // Nothing is written before the visitor accepted.
    expect(await ctx.db.visit.count()).toBe(0);
    expect(events.all).toEqual([]);

    const done = await decide(site.kiosk, first);
    expect(done).toEqual({
      step: "checked-in",
      firstName: "Fatima",
      leaveCode: expect.stringMatching(/^\d{6}$/),
      waitAlertMinutes: 10,
    });
    expect(JSON.stringify(done)).not.toMatch(/Amrani/);

    const visit = await onlyVisit();
    expect(visit).toMatchObject({
      method: "INVITE",
      rulesVersion: 1,
      appointmentId: appointment.id,
      visitorId,
      hostId: site.hostId,
      roomId: `${site.locationId}-consult`,
      purpose: "Intake",
      status: "WAITING",
      language: "nl",
      banAlert: false,
      rulesDeclined: false,
      checkedInAt: ctx.clock.now(),
    });
    expect(done.step === "checked-in" && done.leaveCode).toBe(visit.leaveCode);
    expect(await ctx.db.appointment.findUniqueOrThrow({ where: { id: appointment.id } })).toMatchObject({
      status: "ARRIVED",
      inviteUsedAt: ctx.clock.now(),
    });
    expect(await ctx.db.rulesAcceptance.findMany()).toMatchObject([
      { visitorId, locationId: site.locationId, version: 1, language: "nl" },
    ]);

    // The desk and the host are told; this entrance has no controlled doors.
    expect(events.named("visit.checked_in")).toEqual([
      expect.objectContaining({
        visitId: visit.id,
        locationId: site.locationId,
        hostId: site.hostId,
        visitorName: "Fatima E.",
        method: "INVITE",
        banAlert: false,
      }),
    ]);
    expect(events.named("door.release_requested")).toEqual([]);
    expect(events.named("desk.alert_raised")).toEqual([]);

    const audit = await ctx.db.auditEvent.findMany({ where: { action: "visit.checked_in" } });
    expect(audit).toMatchObject([
      {
        actorType: "DEVICE",
        actorId: site.kiosk.id,
        subjectType: "Visit",
        subjectId: visit.id,
        locationId: site.locationId,
      },
    ]);
    expect(JSON.parse(audit[0].data!)).toMatchObject({ method: "INVITE", rulesVersion: 1, banAlert: false });
  });

  it("asks the door to open at a location with a controlled entrance", async () => {
    const sluis = await makeSite(ctx.db, { id: "loc-sluis", controlledEntrance: true });
    const { invite } = await makeInvite(ctx, sluis);
    await checkIn(sluis.kiosk, invite);
    const visit = await onlyVisit();
    expect(events.named("door.release_requested")).toEqual([
      { locationId: sluis.locationId, visitId: visit.id, reason: "check_in" },
    ]);
    // After the visit has been written: the doors module can look it up.
    const names = events.all.map((e) => e.name);
    expect(names.indexOf("door.release_requested")).toBeGreaterThan(names.indexOf("visit.checked_in"));
  });

  it("answers a second scan (or a second tap on accept) as the first, without a second visit", async () => {
    const { invite } = await makeInvite(ctx, site);
    const first = await scan(site.kiosk, invite);
    const done = await decide(site.kiosk, first);
    events.clear();
    expect(await scan(site.kiosk, invite)).toEqual(done);
    expect(await decide(site.kiosk, first)).toEqual(done);
    expect(await ctx.db.visit.count()).toBe(1);
    expect(events.all).toEqual([]);
  });

  it("asks again for the rules when scanned twice before accepting, and still makes one visit", async () => {
    const { invite } = await makeInvite(ctx, site);
    const a = await scan(site.kiosk, invite);
    const b = await scan(site.kiosk, invite);
    expect(b.step).toBe("rules");
    const done = await decide(site.kiosk, b);
    expect(await decide(site.kiosk, a)).toEqual(done);
    expect(await ctx.db.visit.count()).toBe(1);
  });

  it("is spent once its visit has ended, also for a replayed rules token", async () => {
    const { invite } = await makeInvite(ctx, site);
    const first = await scan(site.kiosk, invite);
    await decide(site.kiosk, first);
    const visit = await onlyVisit();
    await checkOutVisit(ctx, { type: "SYSTEM" }, visit.id);
    ctx.clock.advance(5 * MINUTE);
    expect(await scan(site.kiosk, invite)).toEqual(SEE_DESK_CODE);
    // The kiosk (or someone at it) still holding the signed rules token cannot check in again.
    expect(await completeCheckIn(ctx, site.kiosk, (first as { pending: string }).pending, "accept")).toEqual(
      SEE_DESK_CODE,
    );
    expect(await ctx.db.visit.count()).toBe(1);
  });

  it("is valid only on the appointment's day", async () => {
    const tomorrow = await makeInvite(ctx, site, { startsAt: new Date(ctx.clock.now().getTime() + DAY) });
    expect(await scan(site.kiosk, tomorrow.invite)).toEqual(SEE_DESK_CODE);
    // Signed for today but the appointment is tomorrow (or the other way round).
    const mismatch = await makeInvite(ctx, site, {
      startsAt: new Date(ctx.clock.now().getTime() + DAY),
      controlledDay: "2026-03-10",
    });
    expect(await scan(site.kiosk, mismatch.invite)).toEqual(SEE_DESK_CODE);
    // Yesterday's appointment.
    const yesterday = await makeInvite(ctx, site, { startsAt: new Date(ctx.clock.now().getTime() - DAY) });
    expect(await scan(site.kiosk, yesterday.invite)).toEqual(SEE_DESK_CODE);
    // Today's works until midnight (Amsterdam time), not after.
    const today = await makeInvite(ctx, site, { startsAt: new Date(ctx.clock.now().getTime() + HOUR) });
    ctx.clock.set("2026-03-11T00:00:01+01:00");
    expect(await scan(site.kiosk, today.invite)).toEqual(SEE_DESK_CODE);
    ctx.clock.set("2026-03-10T23:59:00+01:00");
    expect((await scan(site.kiosk, today.invite)).step).toBe("rules");
    expect(await ctx.db.visit.count()).toBe(0);
  });

  it("refuses a forged, re-issued, unknown or cancelled invite with the same answer", async () => {
    const { invite, appointment, nonce, day } = await makeInvite(ctx, site);
    expect(
      await scan(site.kiosk, signInvite("someone-elses-key", { appointmentId: appointment.id, nonce, day })),
    ).toEqual(SEE_DESK_CODE);
    expect(await scan(site.kiosk, `${invite.slice(0, -2)}AA`)).toEqual(SEE_DESK_CODE);
    // Correctly signed but for an appointment that does not exist.
    expect(await scan(site.kiosk, signInvite(ctx.hmacKey, { appointmentId: "nope", nonce, day }))).toEqual(
      SEE_DESK_CODE,
    );
    // A new invite was issued: the old nonce no longer works.
    await ctx.db.appointment.update({ where: { id: appointment.id }, data: { inviteNonce: "NewNonce1234" } });
    expect(await scan(site.kiosk, invite)).toEqual(SEE_DESK_CODE);
    await ctx.db.appointment.update({
      where: { id: appointment.id },
      data: { inviteNonce: nonce, status: "CANCELLED" },
    });
    expect(await scan(site.kiosk, invite)).toEqual(SEE_DESK_CODE);
    await ctx.db.appointment.update({ where: { id: appointment.id }, data: { status: "DONE" } });
    expect(await scan(site.kiosk, invite)).toEqual(SEE_DESK_CODE);
    expect(await ctx.db.visit.count()).toBe(0);
    expect(events.all).toEqual([]);
  });

  it("does not check in when the appointment is cancelled while the rules are read", async () => {
    const { invite, appointment } = await makeInvite(ctx, site);
    const first = await scan(site.kiosk, invite);
    await ctx.db.appointment.update({ where: { id: appointment.id }, data: { status: "CANCELLED" } });
    expect(await decide(site.kiosk, first)).toEqual(SEE_DESK_CODE);
    expect(await ctx.db.visit.count()).toBe(0);
  });

  it("sends a visitor at the wrong location's kiosk to the desk", async () => {
    const other = await makeSite(ctx.db, { id: "loc-other" });
    const { invite } = await makeInvite(ctx, site);
    expect(await scan(other.kiosk, invite)).toEqual({ step: "see-desk", reason: "wrong-location" });
    expect(await ctx.db.visit.count()).toBe(0);
  });

  it("ignores garbage and unknown codes with the same friendly answer", async () => {
    for (const text of ["hello", "PI1.", "PI1.x.y.z.w", "PP1.123", "https://example.com", "\u0000", "x".repeat(600)]) {
      expect(await scan(site.kiosk, text)).toEqual(SEE_DESK_CODE);
    }
    expect(await ctx.db.visitor.count()).toBe(0);
  });

  it("refuses a rules token from another kiosk, a tampered one, or one that expired", async () => {
    const other = await makeSite(ctx.db, { id: "loc-other" });
    const { invite } = await makeInvite(ctx, site);
    const first = await scan(site.kiosk, invite);
    const pending = (first as { pending: string }).pending;
    expect(await completeCheckIn(ctx, other.kiosk, pending, "accept")).toEqual(SEE_DESK_CODE);
    expect(await completeCheckIn(ctx, { id: "dev-unknown", locationId: site.locationId }, pending, "accept")).toEqual(
      SEE_DESK_CODE,
    );
    expect(await completeCheckIn(ctx, site.kiosk, `${pending}x`, "accept")).toEqual(SEE_DESK_CODE);
    ctx.clock.advance(11 * MINUTE);
    expect(await completeCheckIn(ctx, site.kiosk, pending, "accept")).toEqual(SEE_DESK_CODE);
    expect(await ctx.db.visit.count()).toBe(0);
  });

  it("shows the rules in the chosen language, falling back to English, then Dutch", async () => {
    await ctx.db.houseRules.create({
      data: {
        locationId: site.locationId,
        version: 1,
        language: "pl",
        title: "Regulamin",
        body: "Szanuj innych.",
        publishedAt: ctx.clock.now(),
      },
    });
    const { invite } = await makeInvite(ctx, site);
    expect(await scan(site.kiosk, invite, "pl")).toMatchObject({
      step: "rules",
      rules: { language: "pl", title: "Regulamin" },
    });
    expect(await scan(site.kiosk, invite, "ar")).toMatchObject({ step: "rules", rules: { language: "en" } });
    expect(await scan(site.kiosk, invite, "en")).toMatchObject({ step: "rules", rules: { language: "en" } });
    const done = await decide(site.kiosk, await scan(site.kiosk, invite, "tr"));
    expect(done.step).toBe("checked-in");
    expect(await onlyVisit()).toMatchObject({ language: "tr", rulesVersion: 1 });
    // The acceptance records the text that was shown: the English fallback, not Turkish.
    expect(await ctx.db.rulesAcceptance.findFirstOrThrow()).toMatchObject({ version: 1, language: "en" });
  });

  it("checks in at once where no house rules are published", async () => {
    const bare = await makeSite(ctx.db, { id: "loc-bare", rules: false });
    const { invite } = await makeInvite(ctx, bare);
    expect(await scan(bare.kiosk, invite)).toMatchObject({ step: "checked-in", firstName: "Fatima" });
    expect(await onlyVisit()).toMatchObject({ rulesVersion: null, method: "INVITE" });
  });
});

describe("double scans and double taps at the same moment", () => {
  it("a keyboard-wedge scanner reading one pass three times at once makes one visit", async () => {
    const site = await makeSite(ctx.db, { controlledEntrance: true });
    const { visitor, passText } = await makePassVisitor(ctx.db);
    await acceptRules(ctx.db, visitor.id, site.locationId);
    const outcomes = await Promise.all([1, 2, 3].map(() => scan(site.kiosk, passText)));
    const visit = await onlyVisit();
    for (const o of outcomes)
      expect(o).toEqual({ step: "checked-in", firstName: "Sanne", leaveCode: visit.leaveCode, waitAlertMinutes: 10 });
    expect(events.named("visit.checked_in")).toHaveLength(1);
    expect(events.named("door.release_requested")).toHaveLength(1);
    expect(await ctx.db.auditEvent.count({ where: { action: "visit.checked_in" } })).toBe(1);
  });

  it("two taps on accept at once make one visit, for a pass and for an invite", async () => {
    const site = await makeSite(ctx.db);
    const { passText } = await makePassVisitor(ctx.db);
    const asked = await scan(site.kiosk, passText);
    const both = await Promise.all([decide(site.kiosk, asked), decide(site.kiosk, asked)]);
    expect(both[0]).toMatchObject({ step: "checked-in" });
    expect(both[1]).toEqual(both[0]);
    expect(await ctx.db.visit.count()).toBe(1);

    const { invite } = await makeInvite(ctx, site);
    const askedInvite = await scan(site.kiosk, invite);
    const twice = await Promise.all([decide(site.kiosk, askedInvite), decide(site.kiosk, askedInvite)]);
    expect(twice[0]).toMatchObject({ step: "checked-in", firstName: "Fatima" });
    expect(twice[1]).toEqual(twice[0]);
    expect(await ctx.db.visit.count()).toBe(2);
    expect(events.named("visit.checked_in")).toHaveLength(2);
  });

  it("a new walk-in's accept sent twice, at once and again later, makes one visitor and one visit", async () => {
    const site = await makeSite(ctx.db);
    const asked = await walkIn(site.kiosk, { mode: "FULL", firstName: "Dubbel", lastName: "Tik", purpose: "Wijkteam" });
    const both = await Promise.all([decide(site.kiosk, asked), decide(site.kiosk, asked)]);
    expect(both[0]).toMatchObject({ step: "checked-in", firstName: "Dubbel" });
    expect(both[1]).toEqual(both[0]);
    expect(await decide(site.kiosk, asked)).toEqual(both[0]);
    expect(await ctx.db.visitor.count()).toBe(1);
    expect(await ctx.db.visit.count()).toBe(1);
    expect(events.named("visit.checked_in")).toHaveLength(1);
  });

  it("accept and decline tapped at once: one visit, both answers describe it", async () => {
    const site = await makeSite(ctx.db);
    const { passText } = await makePassVisitor(ctx.db);
    const asked = await scan(site.kiosk, passText);
    const [a, b] = await Promise.all([decide(site.kiosk, asked, "decline"), decide(site.kiosk, asked, "accept")]);
    expect(a).toEqual(b);
    expect(await ctx.db.visit.count()).toBe(1);
  });
});

describe("client pass", () => {
  let site: Site;
  beforeEach(async () => {
    site = await makeSite(ctx.db, { waitAlertMinutes: 15 });
  });

  it("sends an unknown pass to the desk", async () => {
    await makePassVisitor(ctx.db);
    expect(await scan(site.kiosk, newPassId())).toEqual(SEE_DESK_CODE);
    expect(await ctx.db.visit.count()).toBe(0);
  });

  it("checks in a known visitor who accepted the current rules without asking again", async () => {
    const { visitor, passText } = await makePassVisitor(ctx.db);
    await acceptRules(ctx.db, visitor.id, site.locationId, 1);
    expect(await scan(site.kiosk, passText)).toEqual({
      step: "checked-in",
      firstName: "Sanne",
      leaveCode: expect.stringMatching(/^\d{6}$/),
      waitAlertMinutes: 15,
    });
    expect(await onlyVisit()).toMatchObject({
      method: "PASS",
      rulesVersion: 1,
      visitorId: visitor.id,
      appointmentId: null,
      hostId: null,
    });
  });

  it("reads a pass typed by hand: lower case, spaces and dashes do not matter", async () => {
    const { visitor, passId } = await makePassVisitor(ctx.db);
    await acceptRules(ctx.db, visitor.id, site.locationId, 1);
    const typed = `${passId.slice(0, 8).toLowerCase()}-${passId.slice(8, 12)} ${passId.slice(12)}`;
    expect((await scan(site.kiosk, typed)).step).toBe("checked-in");
  });

  it("asks a visitor who never accepted the rules, once", async () => {
    const { passText } = await makePassVisitor(ctx.db);
    expect((await checkIn(site.kiosk, passText)).step).toBe("checked-in");
    await checkOutVisit(ctx, { type: "SYSTEM" }, (await onlyVisit()).id);
    expect((await scan(site.kiosk, passText)).step).toBe("checked-in");
  });
});

describe("identity document", () => {
  let site: Site;
  beforeEach(async () => {
    site = await makeSite(ctx.db);
  });

  it("checks in with a Dutch ID card and keeps only type, time and a keyed hash of the number", async () => {
    const first = await scan(site.kiosk, NL_ID_CARD.join("\r\n"));
    expect(first).toMatchObject({ step: "rules", firstName: "Willeke" });
    expect((await decide(site.kiosk, first)).step).toBe("checked-in");
    const visitor = await ctx.db.visitor.findFirstOrThrow();
    expect(visitor).toMatchObject({
      firstName: "Willeke",
      lastName: "De Bruijn",
      documentType: "ID_CARD",
      documentVerifiedAt: ctx.clock.now(),
      documentHash: hmac(ctx.hmacKey, documentHashKey("SPECI2026", "NLD")),
      passId: null,
      dateOfBirth: null,
    });
    expect(await onlyVisit()).toMatchObject({ method: "DOCUMENT", visitorId: visitor.id, rulesVersion: 1 });
  });

  it("recognises the same document on a later visit (one visitor, verification time renewed)", async () => {
    await checkIn(site.kiosk, NL_ID_CARD.join("\n"));
    await checkOutVisit(ctx, { type: "SYSTEM" }, (await onlyVisit()).id);
    ctx.clock.advance(DAY);
    // Read as one concatenated line this time, with no new rules to accept.
    expect(await scan(site.kiosk, NL_ID_CARD.join(""))).toMatchObject({ step: "checked-in" });
    const visitors = await ctx.db.visitor.findMany();
    expect(visitors).toHaveLength(1);
    expect(visitors[0].documentVerifiedAt).toEqual(ctx.clock.now());
    expect(await ctx.db.visit.count()).toBe(2);
  });

  it("checks in with a passport (TD3)", async () => {
    expect((await checkIn(site.kiosk, TR_PASSPORT.join("\n"))).step).toBe("checked-in");
    expect(await ctx.db.visitor.findFirstOrThrow()).toMatchObject({
      firstName: "Mehmet",
      lastName: "Yilmaz",
      documentType: "PASSPORT",
      documentHash: hmac(ctx.hmacKey, documentHashKey("U12345678", "TUR")),
    });
  });

  it("keeps only first name, age and nationality group at a minimal-registration location", async () => {
    const minimal = await makeSite(ctx.db, { id: "loc-min", registrationMode: "MINIMAL", capacity: 60 });
    expect((await checkIn(minimal.kiosk, TR_PASSPORT.join("\n"))).step).toBe("checked-in");
    expect(await ctx.db.visitor.findFirstOrThrow()).toMatchObject({
      firstName: "Mehmet",
      lastName: null,
      dateOfBirth: null,
      age: 40, // born 1985-07-04, today 2026-03-10
      nationalityGroup: "NON_EU",
      documentType: "PASSPORT",
    });
  });

  it("refuses an expired document kindly, saying why, and stores nothing", async () => {
    const expired = td1({ state: "NLD", number: "SPECI2019", birth: "900215", expiry: "260309", names: "JANSEN<<EVA" });
    expect(await scan(site.kiosk, expired.join("\n"))).toEqual({ step: "document-refused", reason: "expired" });
    // Valid through its last day.
    const lastDay = td1({ state: "NLD", number: "SPECI2019", birth: "900215", expiry: "260310", names: "JANSEN<<EVA" });
    expect((await scan(site.kiosk, lastDay.join("\n"))).step).toBe("rules");
    // Nothing is stored before the visitor has answered the house rules.
    expect(await ctx.db.visitor.count()).toBe(0);
    expect(await ctx.db.visit.count()).toBe(0);
  });

  it("refuses a document with a wrong check digit", async () => {
    const wrongCd = tamperMrz(NL_ID_CARD, 1, 29, String((Number(NL_ID_CARD[1][29]) + 1) % 10));
    expect(await scan(site.kiosk, wrongCd.join("\n"))).toEqual({ step: "document-refused", reason: "check_digits" });
    const misread = tamperMrz(TR_PASSPORT, 1, 9, String((Number(TR_PASSPORT[1][9]) + 3) % 10));
    expect(await scan(site.kiosk, misread.join("\n"))).toEqual({ step: "document-refused", reason: "check_digits" });
    expect(await ctx.db.visitor.count()).toBe(0);
  });
});

describe("walk-in registration", () => {
  it("registers a full walk-in: name, date of birth, whom to see", async () => {
    const site = await makeSite(ctx.db);
    const first = await walkIn(site.kiosk, {
      mode: "FULL",
      firstName: " Piet ",
      lastName: " Bakker ",
      dateOfBirth: "1980-05-01",
      purpose: " Afspraak met Carlijn ",
    });
    expect(first).toMatchObject({ step: "rules", firstName: "Piet" });
    expect((await decide(site.kiosk, first)).step).toBe("checked-in");
    expect(await ctx.db.visitor.findFirstOrThrow()).toMatchObject({
      firstName: "Piet",
      lastName: "Bakker",
      dateOfBirth: "1980-05-01",
    });
    expect(await onlyVisit()).toMatchObject({ method: "WALK_IN", purpose: "Afspraak met Carlijn", rulesVersion: 1 });
    expect(events.named("visit.checked_in")).toMatchObject([
      { visitorName: "Piet B.", method: "WALK_IN", hostId: null },
    ]);
  });

  it("stores nothing for a walk-in who walks away at the house rules", async () => {
    const site = await makeSite(ctx.db);
    const asked = await walkIn(site.kiosk, { mode: "FULL", firstName: "Piet", lastName: "Bakker", purpose: "x" });
    expect(asked.step).toBe("rules");
    expect(await ctx.db.visitor.count()).toBe(0);
    expect(await ctx.db.visit.count()).toBe(0);
    expect(await ctx.db.auditEvent.count()).toBe(0);
  });

  it("two taps on accept for a walk-in make one visitor and one visit", async () => {
    const site = await makeSite(ctx.db);
    const asked = await walkIn(site.kiosk, { mode: "FULL", firstName: "Piet", lastName: "Bakker", purpose: "x" });
    const [a, b] = await Promise.all([decide(site.kiosk, asked), decide(site.kiosk, asked)]);
    expect(a).toMatchObject({ step: "checked-in", firstName: "Piet" });
    expect(b).toEqual(a);
    // A third tap, later, with the same token: still the same answer.
    expect(await decide(site.kiosk, asked)).toEqual(a);
    expect(await ctx.db.visitor.count()).toBe(1);
    expect(await ctx.db.visit.count()).toBe(1);
    expect(events.named("visit.checked_in")).toHaveLength(1);
  });

  it("a walk-in who declines the rules is registered with the declined visit, for the desk", async () => {
    const site = await makeSite(ctx.db);
    const asked = await walkIn(site.kiosk, { mode: "FULL", firstName: "Piet", lastName: "Bakker", purpose: "x" });
    expect(await decide(site.kiosk, asked, "decline")).toEqual({ step: "see-desk", reason: "declined" });
    expect(await ctx.db.visitor.findFirstOrThrow()).toMatchObject({ firstName: "Piet", lastName: "Bakker" });
    expect(await onlyVisit()).toMatchObject({ rulesDeclined: true, method: "WALK_IN" });
    expect(await ctx.db.rulesAcceptance.count()).toBe(0);
  });

  it("stores only first name, age and nationality group for a minimal walk-in", async () => {
    const site = await makeSite(ctx.db, { registrationMode: "MINIMAL", capacity: 60 });
    const first = await walkIn(
      site.kiosk,
      { mode: "MINIMAL", firstName: "Ahmad", age: 34, nationalityGroup: "NON_EU" },
      "ar",
    );
    expect((await decide(site.kiosk, first)).step).toBe("checked-in");
    const visitor = await ctx.db.visitor.findFirstOrThrow();
    expect(visitor).toMatchObject({ firstName: "Ahmad", age: 34, nationalityGroup: "NON_EU" });
    for (const column of [
      "lastName",
      "dateOfBirth",
      "passId",
      "documentType",
      "documentVerifiedAt",
      "documentHash",
    ] as const) {
      expect(visitor[column], column).toBeNull();
    }
    expect(await onlyVisit()).toMatchObject({ method: "WALK_IN", purpose: null, language: "ar" });
  });

  it("answers a form of the wrong mode with the form for this location's mode, storing nothing", async () => {
    const minimal = await makeSite(ctx.db, { id: "loc-min", registrationMode: "MINIMAL" });
    const full = await makeSite(ctx.db, { id: "loc-full", registrationMode: "FULL" });
    expect(await walkIn(minimal.kiosk, { mode: "FULL", firstName: "Piet", lastName: "Bakker", purpose: "x" })).toEqual({
      step: "walk-in-form",
      mode: "MINIMAL",
    });
    expect(await walkIn(full.kiosk, { mode: "MINIMAL", firstName: "Ahmad", age: 34, nationalityGroup: "EU" })).toEqual({
      step: "walk-in-form",
      mode: "FULL",
    });
    expect(await ctx.db.visitor.count()).toBe(0);
  });
});
