// Staff presence (aanwezigheidsregister): signing staff in and out at a location — with their
// badge at a kiosk or the desk scanner, with one tap on the dashboard, or by the end-of-day rule —
// so that in an incident or a fire the register answers "who is in the building?". One open
// presence per staff member: signing in somewhere closes the one elsewhere. Every change is
// audited in its transaction and published as `presence.changed` after the commit.
import type { Actor } from "@/src/domain/access/actor";
import { can, canSeeLocation, requirePermission } from "@/src/domain/access/permissions";
import { recordAudit } from "@/src/domain/audit/record-audit";
import { hmac } from "@/src/domain/crypto";
import type { Db, DomainContext, Tx } from "@/src/domain/db";
import { AppError } from "@/src/domain/errors";
import type { PresenceChange } from "@/src/domain/events/domain-events";
import {
  badgeHashInput,
  closingOn,
  decideBadgeScan,
  END_OF_DAY_JOB,
  endOfDayJobKey,
  type LastChange,
  nextClosing,
  parseBadge,
} from "@/src/domain/presence/rules";
import { scheduleJob } from "@/src/domain/scheduler/jobs";
import type { PresenceMethod, Role } from "@/src/generated/prisma/enums";

type Method = PresenceMethod;

const presenceSelect = {
  id: true,
  locationId: true,
  staffId: true,
  signedInAt: true,
  signedInBy: true,
  signedOutAt: true,
  signedOutBy: true,
  confirmedAt: true,
  staff: { select: { name: true, role: true } },
} as const;

interface PresenceRow {
  id: string;
  locationId: string;
  staffId: string;
  signedInAt: Date;
  signedInBy: Method;
  signedOutAt: Date | null;
  signedOutBy: Method | null;
  confirmedAt: Date | null;
  staff: { name: string; role: Role };
}

function toChange(p: PresenceRow): PresenceChange {
  return {
    presenceId: p.id,
    locationId: p.locationId,
    staffId: p.staffId,
    name: p.staff.name,
    role: p.staff.role,
    present: p.signedOutAt === null,
    signedInAt: p.signedInAt.toISOString(),
    signedInBy: p.signedInBy,
    signedOutAt: p.signedOutAt?.toISOString() ?? null,
    signedOutBy: p.signedOutBy,
    needsConfirmation: p.signedOutBy === "END_OF_DAY" && p.confirmedAt === null,
  };
}

/** The first name to greet a staff member with at the kiosk ("Goedemorgen, Bram"). */
export const firstNameOf = (name: string) => name.trim().split(/\s+/)[0] ?? name;

/** Who may change `staffId`'s presence at `locationId`: oneself (presence.self) or the desk (presence.manage). */
function checkMayChange(actor: Actor, staffId: string, locationId: string) {
  const own = actor.type === "STAFF" && actor.id === staffId;
  requirePermission(actor, own && !can(actor, "presence.manage") ? "presence.self" : "presence.manage");
  if (!canSeeLocation(actor, locationId)) throw new AppError("FORBIDDEN");
}

async function activeStaff(db: Db | Tx, staffId: string) {
  const s = await db.staffMember.findUnique({ where: { id: staffId }, select: { id: true, active: true, name: true } });
  if (!s?.active) throw new AppError("NOT_FOUND", "No such staff member");
  return s;
}

/**
 * Signs `staffId` in at `locationId` inside `tx`: closes an open presence elsewhere (same method)
 * and opens one here, unless one is open here already. Returns the rows that changed.
 */
async function signInTx(
  tx: Tx,
  actor: Actor,
  input: { staffId: string; locationId: string; method: Method; now: Date },
): Promise<PresenceRow[]> {
  const { staffId, locationId, method, now } = input;
  const open = await tx.staffPresence.findMany({ where: { staffId, signedOutAt: null }, select: presenceSelect });
  const changed: PresenceRow[] = [];
  let here: PresenceRow | undefined;
  for (const p of open) {
    if (p.locationId === locationId && !here) {
      here = p;
      continue;
    }
    // Another location (or a stray second open row): one person is in one building at a time.
    changed.push(await closeTx(tx, actor, p, method, now));
  }
  if (here) return changed;
  const created = await tx.staffPresence.create({
    data: { staffId, locationId, signedInAt: now, signedInBy: method },
    select: presenceSelect,
  });
  await recordAudit(tx, actor, {
    action: "presence.signed_in",
    subjectType: "StaffPresence",
    subjectId: created.id,
    locationId,
    data: { staffId, method },
    at: now,
  });
  // A presence now exists here: make sure the end-of-day rule will close it.
  const location = await tx.location.findUniqueOrThrow({
    where: { id: locationId },
    select: { id: true, closesAt: true, timeZone: true },
  });
  await ensureEndOfDayJob(tx, location, now);
  changed.push(created);
  return changed;
}

async function closeTx(tx: Tx, actor: Actor, p: PresenceRow, method: Method, at: Date): Promise<PresenceRow> {
  const closed = await tx.staffPresence.update({
    where: { id: p.id },
    data: { signedOutAt: at, signedOutBy: method },
    select: presenceSelect,
  });
  await recordAudit(tx, actor, {
    action: method === "END_OF_DAY" ? "presence.end_of_day" : "presence.signed_out",
    subjectType: "StaffPresence",
    subjectId: p.id,
    locationId: p.locationId,
    data: { staffId: p.staffId, method },
    at,
  });
  return closed;
}

function publish(ctx: DomainContext, rows: PresenceRow[]) {
  for (const r of rows) ctx.events.publish("presence.changed", toChange(r));
}

export interface PresenceInput {
  staffId: string;
  locationId: string;
  method: Exclude<Method, "END_OF_DAY">;
}

/** Signs a staff member in at a location (one tap, or the desk for a colleague). Idempotent. */
export async function signInStaff(ctx: DomainContext, actor: Actor, input: PresenceInput): Promise<PresenceChange> {
  checkMayChange(actor, input.staffId, input.locationId);
  const now = ctx.clock.now();
  const rows = await ctx.db.$transaction(async (tx) => {
    await activeStaff(tx, input.staffId);
    return signInTx(tx, actor, { ...input, now });
  });
  publish(ctx, rows);
  return (await currentAt(ctx.db, input.staffId, input.locationId)) as PresenceChange;
}

/** Signs a staff member out at a location. Idempotent: someone not signed in there stays so. */
export async function signOutStaff(
  ctx: DomainContext,
  actor: Actor,
  input: PresenceInput,
): Promise<{ signedOut: boolean }> {
  checkMayChange(actor, input.staffId, input.locationId);
  const now = ctx.clock.now();
  const rows = await ctx.db.$transaction(async (tx) => {
    const open = await tx.staffPresence.findMany({
      where: { staffId: input.staffId, locationId: input.locationId, signedOutAt: null },
      select: presenceSelect,
    });
    const out: PresenceRow[] = [];
    for (const p of open) out.push(await closeTx(tx, actor, p, input.method, now));
    return out;
  });
  publish(ctx, rows);
  return { signedOut: rows.length > 0 };
}

/** The staff member's open presence at a location, as the register shows it, or null. */
async function currentAt(db: Db, staffId: string, locationId: string): Promise<PresenceChange | null> {
  const p = await db.staffPresence.findFirst({
    where: { staffId, locationId, signedOutAt: null },
    select: presenceSelect,
  });
  return p ? toChange(p) : null;
}

/** Where a staff member is signed in now (the dashboard's "Ik ben binnen / Ik ga weg"). */
export async function openPresenceOf(db: Db, staffId: string): Promise<{ locationId: string; since: Date } | null> {
  const p = await db.staffPresence.findFirst({
    where: { staffId, signedOutAt: null },
    orderBy: { signedInAt: "desc" },
    select: { locationId: true, signedInAt: true },
  });
  return p ? { locationId: p.locationId, since: p.signedInAt } : null;
}

async function lastChangeOf(tx: Tx, staffId: string): Promise<LastChange | null> {
  const open = await tx.staffPresence.findFirst({
    where: { staffId, signedOutAt: null },
    orderBy: { signedInAt: "desc" },
    select: { locationId: true, signedInAt: true, signedInBy: true },
  });
  if (open) return { signedIn: true, at: open.signedInAt, method: open.signedInBy, locationId: open.locationId };
  const closed = await tx.staffPresence.findFirst({
    where: { staffId, signedOutAt: { not: null } },
    orderBy: { signedOutAt: "desc" },
    select: { locationId: true, signedOutAt: true, signedOutBy: true },
  });
  if (!closed?.signedOutAt || !closed.signedOutBy) return null;
  return { signedIn: false, at: closed.signedOutAt, method: closed.signedOutBy, locationId: closed.locationId };
}

export interface BadgeScanResult {
  status: "signed-in" | "signed-out";
  staffId: string;
  name: string;
  firstName: string;
  /** A repeated scan within the double-scan window: nothing changed, the earlier answer stands. */
  repeated: boolean;
}

/**
 * A staff badge scanned at a kiosk (BADGE_KIOSK) or the desk scanner (BADGE_DESK) toggles its
 * holder's presence at that location; see decideBadgeScan for the double-scan rule. Null for a
 * badge nobody (active) holds: the caller answers as for any unknown code.
 */
export async function scanStaffBadge(
  ctx: DomainContext,
  actor: Actor,
  input: { locationId: string; code: string; method: "BADGE_KIOSK" | "BADGE_DESK" },
): Promise<BadgeScanResult | null> {
  // At a kiosk the badge holder acts for themselves; the desk scanner signs anyone in or out.
  requirePermission(actor, input.method === "BADGE_KIOSK" ? "presence.self" : "presence.manage");
  if (!canSeeLocation(actor, input.locationId)) throw new AppError("FORBIDDEN");
  const raw = input.code.trim();
  if (!raw || raw.length > 200) return null;
  const canonical = parseBadge(raw);
  // Badges are linked as typed (setBadge); a scanner with Caps Lock on still finds a Portier badge.
  const hashes = [...new Set([raw, canonical].filter((c): c is string => !!c))].map((c) =>
    hmac(ctx.hmacKey, badgeHashInput(c)),
  );
  const staff = await ctx.db.staffMember.findFirst({
    where: { badgeHash: { in: hashes }, active: true },
    select: { id: true, name: true },
  });
  if (!staff) return null;
  const now = ctx.clock.now();
  const { status, rows, repeated } = await ctx.db.$transaction(
    async (
      tx,
    ): Promise<{
      status: BadgeScanResult["status"];
      rows: PresenceRow[];
      repeated: boolean;
    }> => {
      const decision = decideBadgeScan(await lastChangeOf(tx, staff.id), input.locationId, now);
      if (decision === "repeat") {
        const last = await lastChangeOf(tx, staff.id);
        return { status: last?.signedIn ? "signed-in" : "signed-out", rows: [], repeated: true };
      }
      if (decision === "sign-in") {
        const changed = await signInTx(tx, actor, {
          staffId: staff.id,
          locationId: input.locationId,
          method: input.method,
          now,
        });
        return { status: "signed-in", rows: changed, repeated: false };
      }
      const open = await tx.staffPresence.findMany({
        where: { staffId: staff.id, locationId: input.locationId, signedOutAt: null },
        select: presenceSelect,
      });
      const changed: PresenceRow[] = [];
      for (const p of open) changed.push(await closeTx(tx, actor, p, input.method, now));
      return { status: "signed-out", rows: changed, repeated: false };
    },
  );
  publish(ctx, rows);
  return { status, staffId: staff.id, name: staff.name, firstName: firstNameOf(staff.name), repeated };
}

/** The desk confirms end-of-day sign-outs ("yes, they really left"): they leave the list. */
export async function confirmEndOfDay(
  ctx: DomainContext,
  actor: Actor,
  input: { locationId: string; presenceIds: string[] },
): Promise<{ confirmed: number }> {
  requirePermission(actor, "presence.manage");
  if (!canSeeLocation(actor, input.locationId)) throw new AppError("FORBIDDEN");
  const now = ctx.clock.now();
  const confirmedById = actor.type === "STAFF" || actor.type === "DEVICE" ? actor.id : null;
  const rows = await ctx.db.$transaction(async (tx) => {
    const pending = await tx.staffPresence.findMany({
      where: {
        id: { in: input.presenceIds },
        locationId: input.locationId,
        signedOutBy: "END_OF_DAY",
        confirmedAt: null,
      },
      select: { id: true },
    });
    const out: PresenceRow[] = [];
    for (const p of pending) {
      out.push(
        await tx.staffPresence.update({
          where: { id: p.id },
          data: { confirmedAt: now, confirmedById },
          select: presenceSelect,
        }),
      );
      await recordAudit(tx, actor, {
        action: "presence.end_of_day_confirmed",
        subjectType: "StaffPresence",
        subjectId: p.id,
        locationId: input.locationId,
        at: now,
      });
    }
    return out;
  });
  publish(ctx, rows);
  return { confirmed: rows.length };
}

// ---- The end-of-day rule -----------------------------------------------------------------------

interface ClosingLocation {
  id: string;
  closesAt: string;
  timeZone: string;
}

/**
 * Makes sure the location's next end-of-day job is scheduled (idempotent: a pending job at the
 * right time is left alone, a running or finished one is never reset).
 */
export async function ensureEndOfDayJob(db: Db | Tx, location: ClosingLocation, now: Date): Promise<void> {
  const next = nextClosing(now, location.closesAt, location.timeZone);
  const key = endOfDayJobKey(location.id, next.day);
  const existing = await db.scheduledJob.findUnique({ where: { key }, select: { status: true, dueAt: true } });
  if (existing && (existing.status !== "PENDING" || existing.dueAt.getTime() === next.at.getTime())) return;
  await scheduleJob(db, {
    kind: END_OF_DAY_JOB,
    key,
    dueAt: next.at,
    payload: { locationId: location.id, day: next.day },
  });
}

/** At start-up (and after seeding): every location gets its next end-of-day job. */
export async function ensureEndOfDayJobs(ctx: DomainContext): Promise<void> {
  const now = ctx.clock.now();
  const locations = await ctx.db.location.findMany({ select: { id: true, closesAt: true, timeZone: true } });
  for (const l of locations) await ensureEndOfDayJob(ctx.db, l, now);
}

/**
 * The end-of-day job of one location and local day: everyone who signed in there before closing
 * and is still signed in is signed out as of the closing time (END_OF_DAY) and listed for the
 * desk to confirm. Whoever signed in after closing (a late shift) stays. Then the next day's job
 * is scheduled, so the rule keeps running without anyone signing in.
 */
export async function runEndOfDay(
  ctx: DomainContext,
  input: { locationId: string; day: string },
): Promise<{ signedOut: number }> {
  const location = await ctx.db.location.findUnique({
    where: { id: input.locationId },
    select: { id: true, closesAt: true, timeZone: true },
  });
  if (!location) return { signedOut: 0 };
  const closing = closingOn(input.day, location.closesAt, location.timeZone);
  const now = ctx.clock.now();
  const system: Actor = { type: "SYSTEM", id: END_OF_DAY_JOB };
  const rows = await ctx.db.$transaction(async (tx) => {
    const open = await tx.staffPresence.findMany({
      where: { locationId: location.id, signedOutAt: null, signedInAt: { lt: closing } },
      select: presenceSelect,
    });
    const out: PresenceRow[] = [];
    for (const p of open) out.push(await closeTx(tx, system, p, "END_OF_DAY", closing));
    // The next closing after this one (and after now, should the job have run late).
    const after = new Date(Math.max(now.getTime(), closing.getTime()) + 1);
    await ensureEndOfDayJob(tx, location, after);
    return out;
  });
  publish(ctx, rows);
  return { signedOut: rows.length };
}
