// Appointments (afspraken): create, edit, cancel, no-show, and the invite QR that lets the visitor
// check in at the kiosk. Who may touch one: `appointments.manage` (reception, managers, admins) at
// their locations; `appointments.own` (staff) only the appointments they host. The purpose is shown
// only to `visits.purpose` (managers, admins) and the host: reception sees time, visitor, host, room.
//
// The invite (src/domain/visits/invite-token.ts) is signed over the appointment id, a nonce and the
// appointment's local day. The nonce lives on the appointment, so rotating it (re-issue, reschedule)
// or clearing it (cancel, no-show) makes every earlier letter worthless at the kiosk.
import type { Actor } from "@/src/domain/access/actor";
import { can, canSeeLocation } from "@/src/domain/access/permissions";
import { recordAudit } from "@/src/domain/audit/record-audit";
import type { DomainContext, Tx } from "@/src/domain/db";
import { AppError } from "@/src/domain/errors";
import { localDay } from "@/src/domain/local-day";
import { newInviteNonce, signInvite } from "@/src/domain/visits/invite-token";
import type { Appointment, AppointmentStatus } from "@/src/generated/prisma/client";

export type StaffActor = Actor & { type: "STAFF" };

/** The longest appointment Portier accepts (a working day). */
export const MAX_APPOINTMENT_MINUTES = 12 * 60;

export interface NewVisitorInput {
  firstName: string;
  lastName: string;
  /** yyyy-mm-dd; optional — store the minimum. */
  dateOfBirth?: string | null;
}

export interface AppointmentInput {
  locationId: string;
  hostId: string;
  roomId?: string | null;
  startsAt: Date;
  endsAt?: Date | null;
  purpose?: string | null;
  risky: boolean;
  /** An existing visitor, or `newVisitor` to register one with the appointment. */
  visitorId?: string | null;
  newVisitor?: NewVisitorInput | null;
}

/** An appointment as a screen may show it to this actor: `purpose` is null unless they may read it. */
export interface AppointmentView {
  id: string;
  locationId: string;
  locationName: string;
  timeZone: string;
  hostId: string;
  hostName: string;
  roomId: string | null;
  roomName: string | null;
  visitorId: string | null;
  visitorName: string | null;
  startsAt: string;
  endsAt: string | null;
  /** Null when hidden from this actor (see `purposeVisible`) or empty. */
  purpose: string | null;
  purposeVisible: boolean;
  risky: boolean;
  status: AppointmentStatus;
  /** An invite can be printed (scheduled, with a visitor, day not over). */
  invitable: boolean;
  /** Its start has passed and nobody checked in: may be marked as a no-show. */
  noShowable: boolean;
  /** The local day (yyyy-mm-dd) in the location's time zone. */
  day: string;
}

const INCLUDE = {
  location: { select: { name: true, timeZone: true } },
  host: { select: { name: true } },
  room: { select: { name: true } },
  visitor: { select: { firstName: true, lastName: true } },
  visit: { select: { id: true } },
} as const;

type Loaded = Appointment & {
  location: { name: string; timeZone: string };
  host: { name: string };
  room: { name: string } | null;
  visitor: { firstName: string; lastName: string | null } | null;
  visit: { id: string } | null;
};

/** May this staff member see and change this appointment? */
export function mayManage(actor: StaffActor, a: Pick<Appointment, "locationId" | "hostId">): boolean {
  if (!canSeeLocation(actor, a.locationId)) return false;
  if (can(actor, "appointments.manage")) return true;
  return can(actor, "appointments.own") && a.hostId === actor.id;
}

/** The purpose is for managers and the host only. */
export function maySeePurpose(actor: StaffActor, a: Pick<Appointment, "hostId">): boolean {
  return can(actor, "visits.purpose") || a.hostId === actor.id;
}

function requireAnyAppointmentPermission(actor: Actor | null | undefined): StaffActor {
  if (!actor) throw new AppError("UNAUTHORIZED");
  if (actor.type !== "STAFF" || !(can(actor, "appointments.manage") || can(actor, "appointments.own")))
    throw new AppError("FORBIDDEN");
  return actor;
}

export function toView(actor: StaffActor, a: Loaded, now: Date): AppointmentView {
  const purposeVisible = maySeePurpose(actor, a);
  const day = localDay(a.startsAt, a.location.timeZone);
  const scheduled = a.status === "SCHEDULED";
  return {
    id: a.id,
    locationId: a.locationId,
    locationName: a.location.name,
    timeZone: a.location.timeZone,
    hostId: a.hostId,
    hostName: a.host.name,
    roomId: a.roomId,
    roomName: a.room?.name ?? null,
    visitorId: a.visitorId,
    visitorName: a.visitor ? [a.visitor.firstName, a.visitor.lastName].filter(Boolean).join(" ") : null,
    startsAt: a.startsAt.toISOString(),
    endsAt: a.endsAt?.toISOString() ?? null,
    purpose: purposeVisible ? a.purpose : null,
    purposeVisible,
    risky: a.risky,
    status: a.status,
    invitable: scheduled && !!a.visitorId && day >= localDay(now, a.location.timeZone),
    noShowable: scheduled && !a.visit && a.startsAt <= now,
    day,
  };
}

/** One appointment the actor may see, or NOT_FOUND (never "forbidden": that would confirm it exists). */
export async function getAppointment(ctx: DomainContext, actorIn: Actor | null, id: string): Promise<AppointmentView> {
  const actor = requireAnyAppointmentPermission(actorIn);
  const a = await ctx.db.appointment.findUnique({ where: { id }, include: INCLUDE });
  if (!a || !mayManage(actor, a)) throw new AppError("NOT_FOUND");
  return toView(actor, a, ctx.clock.now());
}

/**
 * Appointments at one location from `fromDay` (local, inclusive) for `days` days, ordered by start.
 * Staff without `appointments.manage` get only those they host.
 */
export async function listAppointments(
  ctx: DomainContext,
  actorIn: Actor | null,
  opts: { locationId: string; from: Date; to: Date; includeClosed?: boolean },
): Promise<AppointmentView[]> {
  const actor = requireAnyAppointmentPermission(actorIn);
  if (!canSeeLocation(actor, opts.locationId)) throw new AppError("NOT_FOUND");
  const rows = await ctx.db.appointment.findMany({
    where: {
      locationId: opts.locationId,
      startsAt: { gte: opts.from, lt: opts.to },
      ...(can(actor, "appointments.manage") ? {} : { hostId: actor.id }),
      ...(opts.includeClosed ? {} : { status: { in: ["SCHEDULED", "ARRIVED"] } }),
    },
    include: INCLUDE,
    orderBy: { startsAt: "asc" },
    take: 500,
  });
  const now = ctx.clock.now();
  return rows.map((a) => toView(actor, a, now));
}

/** Hosts that can be chosen at a location: active staff there (a STAFF member may only pick themselves). */
export async function hostOptions(ctx: DomainContext, actorIn: Actor | null, locationId: string) {
  const actor = requireAnyAppointmentPermission(actorIn);
  if (!canSeeLocation(actor, locationId)) throw new AppError("NOT_FOUND");
  return ctx.db.staffMember.findMany({
    where: {
      active: true,
      ...(can(actor, "appointments.manage") ? {} : { id: actor.id }),
      OR: [{ locations: { some: { locationId } } }, { role: "ADMIN" }],
    },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
}

async function checkInput(tx: Tx, actor: StaffActor, input: AppointmentInput, now: Date) {
  const errors: Record<string, string[]> = {};
  if (!canSeeLocation(actor, input.locationId)) throw new AppError("FORBIDDEN");
  const location = await tx.location.findUnique({ where: { id: input.locationId } });
  if (!location) throw new AppError("VALIDATION", "Unknown location", { locationId: ["invalid_value"] });
  if (!can(actor, "appointments.manage") && input.hostId !== actor.id) errors.hostId = ["own_only"];
  const host = await tx.staffMember.findFirst({
    where: {
      id: input.hostId,
      active: true,
      OR: [{ locations: { some: { locationId: input.locationId } } }, { role: "ADMIN" }],
    },
  });
  if (!host) errors.hostId ??= ["invalid_value"];
  if (input.roomId) {
    const room = await tx.room.findFirst({ where: { id: input.roomId, locationId: input.locationId } });
    if (!room) errors.roomId = ["invalid_value"];
  }
  if (Number.isNaN(input.startsAt.getTime())) errors.startsAt = ["invalid"];
  else if (localDay(input.startsAt, location.timeZone) < localDay(now, location.timeZone)) errors.startsAt = ["past"];
  if (input.endsAt) {
    const minutes = (input.endsAt.getTime() - input.startsAt.getTime()) / 60_000;
    if (!(minutes > 0)) errors.endsAt = ["before_start"];
    else if (minutes > MAX_APPOINTMENT_MINUTES) errors.endsAt = ["too_long"];
  }
  if (input.visitorId) {
    const v = await tx.visitor.findUnique({ where: { id: input.visitorId }, select: { id: true } });
    if (!v) errors.visitorId = ["invalid_value"];
  } else if (input.newVisitor) {
    if (!input.newVisitor.firstName.trim()) errors.firstName = ["required"];
    if (!input.newVisitor.lastName.trim()) errors.lastName = ["required"];
    const dob = input.newVisitor.dateOfBirth;
    if (dob && (!/^\d{4}-\d{2}-\d{2}$/.test(dob) || dob > localDay(now, location.timeZone)))
      errors.dateOfBirth = ["invalid"];
  } else {
    errors.firstName = ["required"];
    errors.lastName = ["required"];
  }
  if (Object.keys(errors).length) throw new AppError("VALIDATION", "Invalid appointment", errors);
  return location;
}

async function visitorFor(tx: Tx, input: AppointmentInput): Promise<string> {
  if (input.visitorId) return input.visitorId;
  const v = input.newVisitor!;
  const created = await tx.visitor.create({
    data: { firstName: v.firstName.trim(), lastName: v.lastName.trim(), dateOfBirth: v.dateOfBirth || null },
  });
  return created.id;
}

function publishChanged(ctx: DomainContext, a: Pick<Appointment, "id" | "locationId" | "hostId" | "status">) {
  ctx.events.publish("appointment.changed", {
    appointmentId: a.id,
    locationId: a.locationId,
    hostId: a.hostId,
    status: a.status,
  });
}

export async function createAppointment(ctx: DomainContext, actorIn: Actor | null, input: AppointmentInput) {
  const actor = requireAnyAppointmentPermission(actorIn);
  const now = ctx.clock.now();
  const a = await ctx.db.$transaction(async (tx) => {
    await checkInput(tx, actor, input, now);
    const visitorId = await visitorFor(tx, input);
    const created = await tx.appointment.create({
      data: {
        locationId: input.locationId,
        hostId: input.hostId,
        roomId: input.roomId || null,
        visitorId,
        startsAt: input.startsAt,
        endsAt: input.endsAt ?? null,
        purpose: input.purpose?.trim() || null,
        risky: input.risky,
        inviteNonce: newInviteNonce(),
      },
    });
    await recordAudit(tx, actor, {
      action: "appointment.created",
      subjectType: "Appointment",
      subjectId: created.id,
      locationId: created.locationId,
      // Never the purpose or the visitor's name: the audit trail is read by more people.
      data: {
        hostId: created.hostId,
        startsAt: created.startsAt,
        risky: created.risky,
        newVisitor: !input.visitorId,
      },
      at: now,
    });
    return created;
  });
  publishChanged(ctx, a);
  return a;
}

async function loadForChange(tx: Tx, actor: StaffActor, id: string) {
  const a = await tx.appointment.findUnique({ where: { id }, include: { location: true, visit: true } });
  if (!a || !mayManage(actor, a)) throw new AppError("NOT_FOUND");
  return a;
}

/**
 * Edits a scheduled appointment. A new start time rotates the invite nonce (a reschedule must not
 * leave the old letter valid, and an invite is for one day); the caller prints a new letter.
 */
export async function updateAppointment(
  ctx: DomainContext,
  actorIn: Actor | null,
  id: string,
  input: AppointmentInput,
) {
  const actor = requireAnyAppointmentPermission(actorIn);
  const now = ctx.clock.now();
  const { updated, rescheduled } = await ctx.db.$transaction(async (tx) => {
    const a = await loadForChange(tx, actor, id);
    if (a.status !== "SCHEDULED") throw new AppError("CONFLICT", "Only a scheduled appointment can be edited");
    if (input.locationId !== a.locationId)
      throw new AppError("VALIDATION", "The location cannot change", { locationId: ["fixed"] });
    // Keep the visitor unless another one is chosen explicitly.
    const withVisitor = input.visitorId || input.newVisitor ? input : { ...input, visitorId: a.visitorId };
    await checkInput(tx, actor, withVisitor, now);
    const visitorId = await visitorFor(tx, withVisitor);
    const rescheduled = a.startsAt.getTime() !== input.startsAt.getTime() || visitorId !== a.visitorId;
    const u = await tx.appointment.update({
      where: { id },
      data: {
        hostId: input.hostId,
        roomId: input.roomId || null,
        visitorId,
        startsAt: input.startsAt,
        endsAt: input.endsAt ?? null,
        // Someone who may not read the purpose (reception) cannot see it in the form either: keep it.
        purpose: maySeePurpose(actor, a) ? input.purpose?.trim() || null : a.purpose,
        risky: input.risky,
        ...(rescheduled ? { inviteNonce: newInviteNonce() } : {}),
      },
    });
    await recordAudit(tx, actor, {
      action: "appointment.updated",
      subjectType: "Appointment",
      subjectId: id,
      locationId: a.locationId,
      data: {
        hostId: u.hostId,
        startsAt: u.startsAt,
        previousStartsAt: a.startsAt,
        risky: u.risky,
        inviteRotated: rescheduled,
      },
      at: now,
    });
    return { updated: u, rescheduled };
  });
  publishChanged(ctx, updated);
  return { appointment: updated, inviteRotated: rescheduled };
}

/** Cancels a scheduled appointment; its invite stops working at once (the nonce is cleared). */
export async function cancelAppointment(ctx: DomainContext, actorIn: Actor | null, id: string, reason?: string | null) {
  const actor = requireAnyAppointmentPermission(actorIn);
  const now = ctx.clock.now();
  const u = await ctx.db.$transaction(async (tx) => {
    const a = await loadForChange(tx, actor, id);
    if (a.status !== "SCHEDULED") throw new AppError("CONFLICT", "Only a scheduled appointment can be cancelled");
    const u = await tx.appointment.update({ where: { id }, data: { status: "CANCELLED", inviteNonce: null } });
    await recordAudit(tx, actor, {
      action: "appointment.cancelled",
      subjectType: "Appointment",
      subjectId: id,
      locationId: a.locationId,
      data: { reason: reason?.trim() || null, startsAt: a.startsAt },
      at: now,
    });
    return u;
  });
  publishChanged(ctx, u);
  return u;
}

/** The visitor never came: only after the start time, and only while nobody checked in for it. */
export async function markNoShow(ctx: DomainContext, actorIn: Actor | null, id: string) {
  const actor = requireAnyAppointmentPermission(actorIn);
  const now = ctx.clock.now();
  const u = await ctx.db.$transaction(async (tx) => {
    const a = await loadForChange(tx, actor, id);
    if (a.status !== "SCHEDULED" || a.visit) throw new AppError("CONFLICT", "Not an expected appointment");
    if (a.startsAt > now) throw new AppError("CONFLICT", "The appointment has not started yet");
    const u = await tx.appointment.update({ where: { id }, data: { status: "NO_SHOW", inviteNonce: null } });
    await recordAudit(tx, actor, {
      action: "appointment.no_show",
      subjectType: "Appointment",
      subjectId: id,
      locationId: a.locationId,
      data: { startsAt: a.startsAt },
      at: now,
    });
    return u;
  });
  publishChanged(ctx, u);
  return u;
}

export interface IssuedInvite {
  /** The QR text, e.g. `PI1.<id>.<nonce>.<yyyymmdd>.<sig>`. */
  token: string;
  day: string;
  rotated: boolean;
}

/**
 * The invite of an appointment, signed for its local day. With `rotate` (a re-issue: "the letter
 * was lost") a new nonce replaces the old one, so every earlier letter stops working; otherwise the
 * current nonce is signed again (the same text: the letter and the image show the same code).
 * Every issue is audited (`via`: letter, image, reissue).
 */
export async function issueInvite(
  ctx: DomainContext,
  actor: Actor | null,
  appointmentId: string,
  opts: { rotate?: boolean; via: "letter" | "image" | "reissue" | "system" },
): Promise<IssuedInvite> {
  if (!actor) throw new AppError("UNAUTHORIZED");
  const staff = actor.type === "STAFF" ? requireAnyAppointmentPermission(actor) : null;
  if (actor.type === "DEVICE") throw new AppError("FORBIDDEN");
  const now = ctx.clock.now();
  return ctx.db.$transaction(async (tx) => {
    const a = await tx.appointment.findUnique({ where: { id: appointmentId }, include: { location: true } });
    if (!a || (staff && !mayManage(staff, a))) throw new AppError("NOT_FOUND");
    const day = localDay(a.startsAt, a.location.timeZone);
    if (a.status !== "SCHEDULED" || !a.visitorId || day < localDay(now, a.location.timeZone))
      throw new AppError("CONFLICT", "This appointment has no valid invite");
    let nonce = a.inviteNonce;
    const rotated = !!opts.rotate || !nonce;
    if (rotated) {
      nonce = newInviteNonce();
      await tx.appointment.update({ where: { id: a.id }, data: { inviteNonce: nonce } });
    }
    await recordAudit(tx, actor, {
      action: "appointment.invite_issued",
      subjectType: "Appointment",
      subjectId: a.id,
      locationId: a.locationId,
      data: { via: opts.via, rotated, day },
      at: now,
    });
    return { token: signInvite(ctx.hmacKey, { appointmentId: a.id, nonce: nonce!, day }), day, rotated };
  });
}

/** What the invite letter prints (for an appointment the actor may see). */
export async function letterDetails(ctx: DomainContext, actorIn: Actor | null, id: string) {
  const actor = requireAnyAppointmentPermission(actorIn);
  const a = await ctx.db.appointment.findUnique({
    where: { id },
    include: { location: true, host: { select: { name: true } }, room: { select: { name: true } }, visitor: true },
  });
  if (!a || !mayManage(actor, a)) throw new AppError("NOT_FOUND");
  return {
    locationName: a.location.name,
    deskPhone: a.location.deskPhone,
    timeZone: a.location.timeZone,
    startsAt: a.startsAt,
    endsAt: a.endsAt,
    hostName: a.host.name,
    roomName: a.room?.name ?? null,
    visitorFirstName: a.visitor?.firstName ?? null,
  };
}
