// The kiosk's check-in flow: identify (invite, pass, identity document or walk-in form), check
// bans silently, respect capacity, ask for the current house rules once, then create the visit. A
// new visitor (walk-in, first document check) is written only together with the visit.
import { randomUUID } from "node:crypto";
import type { Actor } from "@/src/domain/access/actor";
import { findActiveBan } from "@/src/domain/bans/ban-match";
import { hmac } from "@/src/domain/crypto";
import type { DomainContext } from "@/src/domain/db";
import { AppError } from "@/src/domain/errors";
import { EVACUATION_OUTCOME, evacuationRunning } from "@/src/domain/evacuation/kiosk-guard";
import { currentRules, hasAcceptedCurrent } from "@/src/domain/house-rules/house-rules";
import { localDay } from "@/src/domain/local-day";
import { scanStaffBadge } from "@/src/domain/presence/presence";
import { greetingAt } from "@/src/domain/presence/rules";
import {
  calledTicket,
  capacityState,
  hasRoom,
  issueQueueTicket,
  OPEN_VISIT,
  publishQueue,
  ticketsAhead,
  waitingTicket,
} from "@/src/domain/visits/capacity";
import { createVisit } from "@/src/domain/visits/create-visit";
import { verifyInvite } from "@/src/domain/visits/invite-token";
import type {
  KioskInput,
  KioskLanguage,
  KioskOutcome,
  WalkInFull,
  WalkInMinimal,
} from "@/src/domain/visits/kiosk-outcome";
import { documentHashKey, parseMrz } from "@/src/domain/visits/mrz";
import { nationalityGroupOf } from "@/src/domain/visits/nationality-group";
import { type NewVisitor, openPending, PENDING_TTL_MS, sealPending } from "@/src/domain/visits/pending-check-in";
import { classifyScan } from "@/src/domain/visits/scan-classify";
import type { Location } from "@/src/generated/prisma/client";
import type { VisitMethod } from "@/src/generated/prisma/enums";

/** The location fields the check-in needs. */
type KioskLocation = Pick<
  Location,
  "id" | "kind" | "registrationMode" | "timeZone" | "capacity" | "waitAlertMinutes" | "controlledEntrance"
>;

export interface KioskDevice {
  id: string;
  locationId: string;
  /** The device's location when the caller already read it (the route handlers do), saving a query. */
  location?: KioskLocation;
}

const locationOf = async (ctx: DomainContext, device: KioskDevice): Promise<KioskLocation> =>
  device.location ?? ctx.db.location.findUniqueOrThrow({ where: { id: device.locationId } });

const deviceActor = (d: KioskDevice): Actor => ({
  type: "DEVICE",
  id: d.id,
  kind: "KIOSK",
  locationId: d.locationId,
  roomId: null,
});

interface Identified {
  visitorId: string;
  firstName: string | null;
  method: VisitMethod;
  appointment?: { id: string; hostId: string; roomId: string | null; purpose: string | null; risky: boolean } | null;
  purpose?: string | null;
  ban: Parameters<typeof findActiveBan>[2];
  /** Not in the database yet (walk-in, first document check): no open visit or accepted rules to look for. */
  newVisitor?: NewVisitor;
}

type Identification = { ok: true; who: Identified } | { ok: false; outcome: KioskOutcome };

export async function identifyAtKiosk(
  ctx: DomainContext,
  device: KioskDevice,
  input: KioskInput,
  language: KioskLanguage,
): Promise<KioskOutcome> {
  const now = ctx.clock.now();
  const location = await locationOf(ctx, device);

  const id =
    input.kind === "scan"
      ? await identifyScan(ctx, device, input.text, location)
      : registerWalkIn(input.fields, location.registrationMode);
  if (!id.ok) return id.outcome;
  // An evacuation: nobody checks in (a staff badge's sign-in/out above still works).
  if (await evacuationRunning(ctx.db, device.locationId)) return EVACUATION_OUTCOME;
  const who = id.who;

  // A second scan of someone already inside answers as the first did (idempotent).
  const open = who.newVisitor
    ? null
    : await ctx.db.visit.findFirst({
        where: { locationId: device.locationId, visitorId: who.visitorId, status: OPEN_VISIT },
      });
  if (open) return openVisitOutcome(open, who.firstName, location.waitAlertMinutes);

  // Bans first: the desk must know, whatever else happens. The visitor is never told.
  const ban = await findActiveBan(ctx.db, device.locationId, { ...who.ban, visitorId: who.visitorId }, now);
  if (ban) {
    await createVisit(ctx, deviceActor(device), {
      location,
      visitorId: who.visitorId,
      newVisitor: who.newVisitor,
      method: who.method,
      appointmentId: who.appointment?.id,
      hostId: who.appointment?.hostId,
      language,
      ban: {
        id: ban.id,
        alert: {
          banId: ban.id,
          displayName: ban.displayName,
          scope: ban.scope,
          reasonCategory: ban.reasonCategory,
          endsAt: ban.endsAt.toISOString(),
          contactName: ban.contactName,
          contactPhone: ban.contactPhone,
        },
      },
    });
    return { step: "please-wait" };
  }

  // Capacity (walk-in locations): a called queue number holds a place; otherwise take a number.
  let queueTicketId: string | null = null;
  if (location.capacity != null) {
    const queueNumber = input.queueNumber;
    const ticket = queueNumber ? await calledTicket(ctx.db, location.id, queueNumber) : null;
    if (ticket) queueTicketId = ticket.id;
    else if (!hasRoom(await capacityState(ctx.db, location.id))) {
      // A number that is still waiting keeps its place: no second number behind everyone else.
      const waiting = queueNumber ? await waitingTicket(ctx.db, location.id, queueNumber) : null;
      if (waiting) return { step: "queued", number: waiting.number, ahead: await ticketsAhead(ctx.db, waiting) };
      const { ticket: t, ahead } = await ctx.db.$transaction((tx) =>
        issueQueueTicket(tx, location.id, location.timeZone, now),
      );
      await publishQueue(ctx, location.id);
      return { step: "queued", number: t.number, ahead };
    }
  }

  const rules = await currentRules(ctx.db, location.id, language);
  const purpose = who.purpose ?? who.appointment?.purpose ?? null;
  const accepted =
    !rules || (!who.newVisitor && (await hasAcceptedCurrent(ctx.db, who.visitorId, location.id, rules.version)));
  if (!accepted) {
    const pending = sealPending(ctx.hmacKey, {
      deviceId: device.id,
      visitorId: who.visitorId,
      newVisitor: who.newVisitor ?? null,
      appointmentId: who.appointment?.id ?? null,
      method: who.method,
      rulesVersion: rules.version,
      language,
      rulesLanguage: rules.language,
      purpose,
      queueTicketId,
      exp: now.getTime() + PENDING_TTL_MS,
    });
    return { step: "rules", pending, firstName: who.firstName, rules };
  }

  const visit = await createVisit(ctx, deviceActor(device), {
    location,
    visitorId: who.visitorId,
    newVisitor: who.newVisitor,
    method: who.method,
    appointmentId: who.appointment?.id,
    hostId: who.appointment?.hostId,
    roomId: who.appointment?.roomId,
    risky: who.appointment?.risky,
    purpose,
    rulesVersion: rules?.version ?? null,
    language,
    queueTicketId,
  });
  return openVisitOutcome(visit, who.firstName, location.waitAlertMinutes);
}

/** What the kiosk says about a visit that is (now) open: the same answer however often it is asked. */
function openVisitOutcome(
  visit: { banAlert: boolean; rulesDeclined: boolean; leaveCode: string | null },
  firstName: string | null,
  waitAlertMinutes: number,
): KioskOutcome {
  if (visit.banAlert) return { step: "please-wait" };
  if (visit.rulesDeclined) return { step: "see-desk", reason: "declined" };
  return { step: "checked-in", firstName, leaveCode: visit.leaveCode ?? "", waitAlertMinutes };
}

/** The visitor's answer to the house rules. Declining sends them to the desk, which is told. */
export async function completeCheckIn(
  ctx: DomainContext,
  device: KioskDevice,
  pendingToken: string,
  decision: "accept" | "decline",
): Promise<KioskOutcome> {
  const now = ctx.clock.now();
  const p = openPending(ctx.hmacKey, pendingToken, now);
  if (!p || p.deviceId !== device.id) return { step: "see-desk", reason: "code" };
  if (await evacuationRunning(ctx.db, device.locationId)) return EVACUATION_OUTCOME;
  const location = await locationOf(ctx, device);
  const appointment = p.appointmentId
    ? await ctx.db.appointment.findUnique({
        where: { id: p.appointmentId },
        include: { visit: { select: { status: true } } },
      })
    : null;
  // The invite may have been used (a replayed token after check-out) or cancelled in the meantime.
  // Its visit still being open is a double tap on accept: createVisit answers with that visit.
  const inviteSpent = appointment?.visit && !(OPEN_VISIT.in as string[]).includes(appointment.visit.status);
  if (p.appointmentId && (!appointment || inviteSpent || !INVITE_OPEN.includes(appointment.status))) {
    return { step: "see-desk", reason: "code" };
  }
  // A called queue number that expired while the rules were read no longer holds a place.
  const queueTicketId =
    p.queueTicketId &&
    (await ctx.db.queueTicket.findFirst({ where: { id: p.queueTicketId, status: "CALLED" }, select: { id: true } }))
      ? p.queueTicketId
      : null;
  const base = {
    location,
    visitorId: p.visitorId,
    newVisitor: p.newVisitor,
    method: p.method,
    appointmentId: appointment?.id,
    hostId: appointment?.hostId,
    roomId: appointment?.roomId,
    risky: appointment?.risky,
    purpose: p.purpose,
    language: p.language,
  };
  if (
    decision === "accept" &&
    location.capacity != null &&
    !queueTicketId &&
    (p.newVisitor || !(await isInside(ctx, location.id, p.visitorId))) &&
    !hasRoom(await capacityState(ctx.db, location.id))
  ) {
    const { ticket, ahead } = await ctx.db.$transaction((tx) =>
      issueQueueTicket(tx, location.id, location.timeZone, now),
    );
    await publishQueue(ctx, location.id);
    return { step: "queued", number: ticket.number, ahead };
  }
  try {
    // Double tap on accept (or accept after decline): the first one counted, and is answered again.
    const visit = await createVisit(
      ctx,
      deviceActor(device),
      decision === "decline"
        ? { ...base, rulesDeclined: true, rulesVersion: null }
        : {
            ...base,
            rulesVersion: p.rulesVersion,
            acceptedRules: { version: p.rulesVersion, language: p.rulesLanguage ?? p.language },
            queueTicketId,
          },
    );
    return openVisitOutcome(visit, visit.visitor?.firstName ?? null, location.waitAlertMinutes);
  } catch (err) {
    // The visitor's record is gone (erased between the two steps): nothing to check in.
    if (err instanceof AppError && err.code === "NOT_FOUND") return { step: "see-desk", reason: "code" };
    throw err;
  }
}

/** Whether the visitor already has an open visit here (a double tap must not take a queue number). */
async function isInside(ctx: DomainContext, locationId: string, visitorId: string) {
  return !!(await ctx.db.visit.findFirst({
    where: { locationId, visitorId, status: OPEN_VISIT },
    select: { id: true },
  }));
}

/** An invite is only good for an appointment that is still expected (or arrived without a visit). */
const INVITE_OPEN: string[] = ["SCHEDULED", "ARRIVED"];

/** Whole years between a yyyy-mm-dd birth date and a yyyy-mm-dd day. */
function ageOn(birthDate: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

async function identifyScan(
  ctx: DomainContext,
  device: KioskDevice,
  text: string,
  location: { registrationMode: "FULL" | "MINIMAL"; timeZone: string },
): Promise<Identification> {
  const now = ctx.clock.now();
  const mode = location.registrationMode;
  const scan = classifyScan(text);
  if (scan.kind === "invite") {
    const claims = verifyInvite(ctx.hmacKey, scan.token);
    if (!claims) return { ok: false, outcome: { step: "see-desk", reason: "code" } };
    const a = await ctx.db.appointment.findUnique({
      where: { id: claims.appointmentId },
      include: { location: true, visitor: true },
    });
    const valid =
      a &&
      a.inviteNonce === claims.nonce &&
      a.visitor &&
      INVITE_OPEN.includes(a.status) &&
      localDay(a.startsAt, a.location.timeZone) === claims.day &&
      localDay(now, a.location.timeZone) === claims.day;
    if (!valid || !a.visitor) return { ok: false, outcome: { step: "see-desk", reason: "code" } };
    if (a.locationId !== device.locationId)
      return { ok: false, outcome: { step: "see-desk", reason: "wrong-location" } };
    // Single use: once its visit has ended, the invite is spent.
    const used = await ctx.db.visit.findFirst({ where: { appointmentId: a.id, status: { notIn: OPEN_VISIT.in } } });
    if (used) return { ok: false, outcome: { step: "see-desk", reason: "code" } };
    return {
      ok: true,
      who: {
        visitorId: a.visitor.id,
        firstName: a.visitor.firstName,
        method: "INVITE",
        appointment: { id: a.id, hostId: a.hostId, roomId: a.roomId, purpose: a.purpose, risky: a.risky },
        ban: { passId: a.visitor.passId, documentHash: a.visitor.documentHash },
      },
    };
  }
  if (scan.kind === "pass") {
    const v = await ctx.db.visitor.findUnique({ where: { passId: scan.passId } });
    if (!v) return { ok: false, outcome: { step: "see-desk", reason: "code" } };
    return {
      ok: true,
      who: {
        visitorId: v.id,
        firstName: v.firstName,
        method: "PASS",
        ban: { passId: v.passId, documentHash: v.documentHash },
      },
    };
  }
  if (scan.kind === "mrz") {
    const today = localDay(now, location.timeZone);
    const doc = parseMrz(scan.lines.join("\n"), today);
    if (!doc.ok) return { ok: false, outcome: { step: "document-refused", reason: doc.reason } };
    const documentHash = hmac(ctx.hmacKey, documentHashKey(doc.documentNumber, doc.issuingState));
    const documentType = doc.documentType;
    // The MRZ gives every given name in capitals: greet (and match bans) by the first one, written normally.
    const firstName = capitalise(doc.firstName.split(" ")[0] ?? doc.firstName);
    const lastName = capitalise(doc.lastName);
    const ban = { documentHash, firstName, lastName, dateOfBirth: doc.birthDate };
    const existing = await ctx.db.visitor.findUnique({ where: { documentHash } });
    if (existing) {
      await ctx.db.visitor.update({ where: { id: existing.id }, data: { documentType, documentVerifiedAt: now } });
      const who = { visitorId: existing.id, firstName: existing.firstName, method: "DOCUMENT" as const };
      return { ok: true, who: { ...who, ban: { ...ban, passId: existing.passId } } };
    }
    const newVisitor: NewVisitor = {
      firstName,
      lastName: mode === "FULL" ? lastName : null,
      // Minimal registration: first name, age and nationality group only.
      age: mode === "MINIMAL" && doc.birthDate ? ageOn(doc.birthDate, today) : null,
      nationalityGroup: mode === "MINIMAL" ? nationalityGroupOf(doc.issuingState) : null,
      documentType,
      documentHash,
    };
    return { ok: true, who: { visitorId: randomUUID(), newVisitor, firstName, method: "DOCUMENT", ban } };
  }
  if (scan.kind === "badge") {
    // A staff badge: sign its holder in or out here. An unknown badge gets the same kind answer
    // as any unknown code.
    const r = await scanStaffBadge(ctx, deviceActor(device), {
      locationId: device.locationId,
      code: scan.code,
      method: "BADGE_KIOSK",
    });
    if (!r) return { ok: false, outcome: { step: "see-desk", reason: "code" } };
    return {
      ok: false,
      outcome: {
        step: "staff-presence",
        status: r.status,
        firstName: r.firstName,
        greeting: greetingAt(now, location.timeZone),
      },
    };
  }
  return { ok: false, outcome: { step: "see-desk", reason: "code" } };
}

function registerWalkIn(fields: WalkInFull | WalkInMinimal, mode: "FULL" | "MINIMAL"): Identification {
  // The location decides what is asked; a form of the other mode is not accepted.
  if (fields.mode !== mode) return { ok: false, outcome: { step: "walk-in-form", mode } };
  const firstName = fields.firstName.trim();
  const newVisitor: NewVisitor =
    fields.mode === "FULL"
      ? { firstName, lastName: fields.lastName.trim(), dateOfBirth: fields.dateOfBirth || null }
      : { firstName, age: fields.age, nationalityGroup: fields.nationalityGroup };
  return {
    ok: true,
    who: {
      visitorId: randomUUID(),
      newVisitor,
      firstName,
      method: "WALK_IN",
      purpose: fields.mode === "FULL" ? fields.purpose.trim() : null,
      ban:
        fields.mode === "FULL"
          ? { firstName: fields.firstName, lastName: fields.lastName, dateOfBirth: fields.dateOfBirth || null }
          : {},
    },
  };
}

/** "DE BRUIJN" → "De Bruijn", "ANNA" → "Anna". */
export function capitalise(name: string): string {
  return name.toLowerCase().replace(/(^|[\s-])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase());
}
