// The one place a visit comes into being (kiosk check-in, with or without a ban alert or
// declined house rules). Writes the visit, its audit event and any desk alert in one
// transaction; publishes the events after commit.
import { randomInt } from "node:crypto";
import type { Actor } from "@/src/domain/access/actor";
import { recordAudit } from "@/src/domain/audit/record-audit";
import type { DomainContext, Tx } from "@/src/domain/db";
import {
  type DeskAlertKind,
  type DeskAlertView,
  publishDeskAlert,
  raiseDeskAlert,
} from "@/src/domain/desk/desk-alerts";
import { AppError } from "@/src/domain/errors";
import { recordAcceptance } from "@/src/domain/house-rules/house-rules";
import { OPEN_VISIT, publishQueue } from "@/src/domain/visits/capacity";
import type { NewVisitor } from "@/src/domain/visits/pending-check-in";
import { visitSummary } from "@/src/domain/visits/visit-summary";
import { locationHasWaitAlerts, scheduleWaitAlert, wantsWaitAlerts } from "@/src/domain/visits/wait-alerts";
import type { Visit, Visitor } from "@/src/generated/prisma/client";
import type { LocationKind, VisitMethod } from "@/src/generated/prisma/enums";

export interface NewVisit {
  /** Where, and whether its entrance is access-controlled (a check-in then asks for the door). */
  location: { id: string; controlledEntrance: boolean; kind?: LocationKind; waitAlertMinutes?: number };
  visitorId: string;
  /** Not yet in the database: created under `visitorId` in the visit's transaction. */
  newVisitor?: NewVisitor | null;
  method: VisitMethod;
  appointmentId?: string | null;
  hostId?: string | null;
  roomId?: string | null;
  purpose?: string | null;
  /** A risky conversation (risicogesprek), from the appointment. */
  risky?: boolean;
  rulesVersion?: number | null;
  /** The visitor accepted this version of the house rules just now: recorded with the visit. */
  acceptedRules?: { version: number; language: string } | null;
  language?: string | null;
  rulesDeclined?: boolean;
  ban?: { id: string; alert: Record<string, unknown> } | null;
  queueTicketId?: string | null;
}

/**
 * A 6-digit code, unique among the open visits of the location, for checking out without a pass.
 * Six digits keep a mistyped or guessed code from checking out someone else.
 */
async function newLeaveCode(tx: Tx, locationId: string): Promise<string> {
  for (let i = 0; i < 20; i++) {
    const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
    const taken = await tx.visit.findFirst({
      where: { locationId, leaveCode: code, status: OPEN_VISIT },
      select: { id: true },
    });
    if (!taken) return code;
  }
  return String(randomInt(1_000_000, 10_000_000));
}

const isUniqueViolation = (err: unknown) => (err as { code?: unknown } | null)?.code === "P2002";

/**
 * Creates the visit. When one is already open for this visitor at this location (two scans or two
 * taps), that visit is returned with `existing: true` and nothing is written or published: a double
 * scan is idempotent. A visitor who no longer exists (erased meanwhile) gives NOT_FOUND.
 */
export async function createVisit(
  ctx: DomainContext,
  actor: Actor,
  input: NewVisit,
): Promise<Visit & { existing: boolean; visitor: VisitorName | null }> {
  const now = ctx.clock.now();
  let result: Awaited<ReturnType<typeof writeVisit>> | { existing: Visit; visitor: VisitorName };
  try {
    result = await ctx.db.$transaction(async (tx) => {
      const { visitor, created } = await findOrCreateVisitor(tx, input, now);
      if (!visitor) throw new AppError("NOT_FOUND", "Visitor not found");
      // A visitor created just now has no open visit and no earlier acceptance.
      const already = created
        ? null
        : await tx.visit.findFirst({
            where: { locationId: input.location.id, visitorId: input.visitorId, status: OPEN_VISIT },
          });
      return already ? { existing: already, visitor } : writeVisit(tx, actor, input, visitor, created, now);
    });
  } catch (err) {
    // Another check-in for the same appointment won the race (a visit's appointment is unique), or
    // the same new visitor's check-in arrived twice (their id is the primary key): the first one's
    // visit is the answer.
    const other = !isUniqueViolation(err)
      ? null
      : input.appointmentId
        ? await ctx.db.visit.findUnique({
            where: { appointmentId: input.appointmentId },
            include: { visitor: { select: NAME } },
          })
        : input.newVisitor
          ? await ctx.db.visit.findFirst({
              where: { locationId: input.location.id, visitorId: input.visitorId, status: OPEN_VISIT },
              include: { visitor: { select: NAME } },
            })
          : null;
    if (!other) throw err;
    return { ...other, existing: true };
  }
  if ("existing" in result) return { ...result.existing, visitor: result.visitor, existing: true };
  const { visit, visitor, alert } = result;
  ctx.events.publish("visit.checked_in", visitSummary(visit, visitor));
  if (alert) publishDeskAlert(ctx, alert);
  if (input.queueTicketId) await publishQueue(ctx, visit.locationId);
  // Nothing a banned visitor or one who declined the rules does releases a door.
  if (input.location.controlledEntrance && !input.ban && !input.rulesDeclined) {
    ctx.events.publish("door.release_requested", {
      locationId: visit.locationId,
      visitId: visit.id,
      reason: "check_in",
    });
  }
  return { ...visit, visitor, existing: false };
}

type VisitorName = Pick<Visitor, "firstName" | "lastName">;

const NAME = { firstName: true, lastName: true } as const;

/** The visitor, created now if new (a second tap finds the one the first tap created). */
async function findOrCreateVisitor(tx: Tx, input: NewVisit, now: Date) {
  // A new visitor's id was drawn at random when the kiosk identified them: nothing to look up. (The
  // same check-in sent twice meets the first one's row: see createVisit's catch.)
  if (!input.newVisitor) {
    // Lock the visitor's row first: two scans or taps at once then run one after the other, and the
    // second finds the first one's visit. (SQLite runs one write transaction at a time anyway; on
    // PostgreSQL, READ COMMITTED would let both find no open visit and both write one.)
    await tx.$executeRaw`UPDATE "Visitor" SET "id" = "id" WHERE "id" = ${input.visitorId}`;
    return { visitor: await tx.visitor.findUnique({ where: { id: input.visitorId }, select: NAME }), created: false };
  }
  const v = input.newVisitor;
  const visitor = await tx.visitor.create({
    data: { ...v, id: input.visitorId, documentVerifiedAt: v.documentType ? now : null },
    select: NAME,
  });
  return { visitor, created: true };
}

/**
 * The visit, its house-rules acceptance, appointment and queue ticket, any desk alert and the audit
 * event, in one transaction.
 */
async function writeVisit(tx: Tx, actor: Actor, input: NewVisit, visitor: VisitorName, newVisitor: boolean, now: Date) {
  const locationId = input.location.id;
  if (input.acceptedRules) {
    const acceptance = { visitorId: input.visitorId, locationId, ...input.acceptedRules, acceptedAt: now };
    if (newVisitor) await tx.rulesAcceptance.create({ data: acceptance, select: { visitorId: true } });
    else await recordAcceptance(tx, acceptance);
  }
  const visit = await tx.visit.create({
    data: {
      locationId,
      visitorId: input.visitorId,
      method: input.method,
      appointmentId: input.appointmentId ?? null,
      hostId: input.hostId ?? null,
      roomId: input.roomId ?? null,
      purpose: input.purpose ?? null,
      risky: input.risky ?? false,
      rulesVersion: input.rulesVersion ?? null,
      rulesDeclined: input.rulesDeclined ?? false,
      banAlert: !!input.ban,
      banId: input.ban?.id ?? null,
      language: input.language ?? null,
      leaveCode: await newLeaveCode(tx, locationId),
      checkedInAt: now,
    },
  });
  if (input.appointmentId) {
    await tx.appointment.update({
      where: { id: input.appointmentId },
      data: { status: "ARRIVED", inviteUsedAt: now },
    });
  }
  if (input.queueTicketId) {
    await tx.queueTicket.update({ where: { id: input.queueTicketId }, data: { status: "ADMITTED", closedAt: now } });
    await tx.scheduledJob.deleteMany({ where: { key: `queue-called:${input.queueTicketId}`, status: "PENDING" } });
  }
  // The first wait-time alert, in this transaction so it survives a restart (wait-alerts.ts). The
  // kiosk passes the location row it already read; otherwise one extra read.
  if (wantsWaitAlerts({ banAlert: !!input.ban, rulesDeclined: input.rulesDeclined })) {
    const { kind, waitAlertMinutes } =
      input.location.kind && input.location.waitAlertMinutes != null
        ? { kind: input.location.kind, waitAlertMinutes: input.location.waitAlertMinutes }
        : await tx.location.findUniqueOrThrow({
            where: { id: locationId },
            select: { kind: true, waitAlertMinutes: true },
          });
    if (locationHasWaitAlerts(kind)) await scheduleWaitAlert(tx, visit, waitAlertMinutes);
  }
  const kind: DeskAlertKind | null = input.ban ? "BAN_MATCH" : input.rulesDeclined ? "RULES_DECLINED" : null;
  const alert: DeskAlertView | null = kind
    ? await raiseDeskAlert(tx, {
        locationId,
        kind,
        visitId: visit.id,
        data: input.ban?.alert ?? {},
        at: now,
      })
    : null;
  await recordAudit(tx, actor, {
    action: "visit.checked_in",
    subjectType: "Visit",
    subjectId: visit.id,
    locationId,
    data: {
      method: input.method,
      rulesVersion: input.rulesVersion ?? null,
      banAlert: !!input.ban,
      rulesDeclined: !!input.rulesDeclined,
    },
    at: now,
  });
  return { visit, visitor, alert };
}
