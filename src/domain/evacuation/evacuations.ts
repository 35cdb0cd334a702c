// Evacuation roll call (issue 6): start (dashboard, fire panel MQTT or webhook), the snapshot of
// everyone present, marshals' marks (last mark wins, every mark kept, idempotent by the client's
// mark id), check-outs counted as left, the end, and the list of past evacuations (drills apart).
// Starting releases every door through the doors module (setEmergencyRelease); ending locks them
// again. Portier never decides whether anyone can get out: egress is mechanical (docs/doors.md).
import { randomBytes } from "node:crypto";
import { type Actor, systemActor } from "@/src/domain/access/actor";
import { can, canSeeLocation, requirePermission } from "@/src/domain/access/permissions";
import { recordAudit } from "@/src/domain/audit/record-audit";
import type { Db, DomainContext, Tx } from "@/src/domain/db";
import { setEmergencyRelease } from "@/src/domain/doors/doors";
import { AppError } from "@/src/domain/errors";
import {
  accountedAt,
  beats,
  clampMarkedAt,
  countStatuses,
  isAccounted,
  MARK_ID,
  MARSHAL_STATUSES,
  type MarkLike,
  type PersonStatus,
  type RollCallCounts,
} from "@/src/domain/evacuation/roll-call-rules";
import { packRollCall } from "@/src/domain/evacuation/roll-call-wire";
import { OPEN_VISIT } from "@/src/domain/visits/capacity";
import { displayName } from "@/src/domain/visits/visit-summary";
import { Prisma } from "@/src/generated/prisma/client";
import type { Role } from "@/src/generated/prisma/enums";

export type EvacuationSource = "DASHBOARD" | "MQTT" | "WEBHOOK";
export const DEFAULT_START_ROLES: Role[] = ["RECEPTION", "MANAGER", "ADMIN"];
/** At most this many marks in one request (a marshal's offline queue is sent in batches). */
export const MARKS_PER_REQUEST = 200;

export interface EvacuationInfo {
  id: string;
  locationId: string;
  locationName: string;
  drill: boolean;
  source: EvacuationSource;
  reason: string | null;
  startedAt: string;
  endedAt: string | null;
  allAccountedAt: string | null;
}

export interface RollCallPerson {
  id: string;
  kind: "STAFF" | "VISITOR";
  name: string;
  roomId: string | null;
  roomName: string | null;
  /** "Needs help to evacuate": only marshals ever see this. */
  needsHelp: boolean;
  status: PersonStatus;
  statusAt: string | null;
  statusMarkId: string | null;
}

export interface RollCallMark {
  id: string;
  personId: string;
  status: PersonStatus;
  markedAt: string;
  byStaffId: string | null;
  byName: string | null;
  source: string;
}

export interface RollCall {
  evacuation: EvacuationInfo;
  /** Needs-help first, then by name. */
  people: RollCallPerson[];
  counts: RollCallCounts;
  renderedAt: string;
}

/** What every marshal's device receives for a batch of marks. */
export interface RollCallMarked {
  evacuationId: string;
  locationId: string;
  marks: RollCallMark[];
  /** The people whose status changed (last mark wins). */
  people: RollCallPerson[];
  counts: RollCallCounts;
  allAccountedAt: string | null;
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

type EvacuationRow = {
  id: string;
  locationId: string;
  drill: boolean;
  source: string;
  reason: string | null;
  startedAt: Date;
  endedAt: Date | null;
  allAccountedAt: Date | null;
  location: { name: string };
};

function infoOf(e: EvacuationRow): EvacuationInfo {
  return {
    id: e.id,
    locationId: e.locationId,
    locationName: e.location.name,
    drill: e.drill,
    source: e.source as EvacuationSource,
    reason: e.reason,
    startedAt: e.startedAt.toISOString(),
    endedAt: iso(e.endedAt),
    allAccountedAt: iso(e.allAccountedAt),
  };
}

type PersonRow = {
  id: string;
  kind: string;
  name: string;
  roomId: string | null;
  roomName: string | null;
  needsHelp: boolean;
  status: string;
  statusAt: Date | null;
  statusMarkId: string | null;
};

const personSelect = {
  id: true,
  kind: true,
  name: true,
  roomId: true,
  roomName: true,
  needsHelp: true,
  status: true,
  statusAt: true,
  statusMarkId: true,
} as const;

function personOf(p: PersonRow): RollCallPerson {
  return {
    id: p.id,
    kind: p.kind as RollCallPerson["kind"],
    name: p.name,
    roomId: p.roomId,
    roomName: p.roomName,
    needsHelp: p.needsHelp,
    status: p.status as PersonStatus,
    statusAt: iso(p.statusAt),
    statusMarkId: p.statusMarkId,
  };
}

const collator = new Intl.Collator("nl", { sensitivity: "base" });
/** Needs-help first, then by name. */
export function sortPeople<P extends { needsHelp: boolean; name: string }>(people: P[]): P[] {
  return people.sort((a, b) => Number(b.needsHelp) - Number(a.needsHelp) || collator.compare(a.name, b.name));
}

const evacuationSelect = {
  id: true,
  locationId: true,
  drill: true,
  source: true,
  reason: true,
  startedAt: true,
  endedAt: true,
  allAccountedAt: true,
  location: { select: { name: true } },
} as const;

/** The running evacuation of a location, if any. */
export async function activeEvacuation(db: Db | Tx, locationId: string) {
  return db.evacuation.findFirst({
    where: { locationId, endedAt: null },
    orderBy: { startedAt: "desc" },
    select: { id: true, drill: true, startedAt: true },
  });
}

/** The roles that may start (and end) an evacuation at a location. */
export async function startRolesOf(db: Db | Tx, locationId: string): Promise<Role[]> {
  const s = await db.evacuationSettings.findUnique({ where: { locationId }, select: { startRoles: true } });
  if (!s) return DEFAULT_START_ROLES;
  return s.startRoles.split(",").filter(Boolean) as Role[];
}

async function requireStarter(ctx: DomainContext, actor: Actor, locationId: string) {
  requirePermission(actor, "evacuation.start");
  if (!canSeeLocation(actor, locationId)) throw new AppError("FORBIDDEN");
  if (actor.type === "STAFF" && !(await startRolesOf(ctx.db, locationId)).includes(actor.role))
    throw new AppError("FORBIDDEN");
}

/** A person's id in a roll call: 12 characters (72 random bits), short on the wire to 20 phones. */
const shortId = () => randomBytes(9).toString("base64url");

interface NewPerson {
  id: string;
  evacuationId: string;
  kind: "STAFF" | "VISITOR";
  staffId: string | null;
  visitId: string | null;
  name: string;
  roomId: string | null;
  roomName: string | null;
  needsHelp: boolean;
}

/**
 * The snapshot's rows in multi-row INSERTs of 500 (Prisma's createMany took over a second for
 * 2,000 rows here; this takes ~50 ms). 500 rows × 9 values stays below both SQLite's and
 * PostgreSQL's limit on bound parameters.
 */
async function insertPeople(tx: Tx, people: NewPerson[]) {
  for (let i = 0; i < people.length; i += 500) {
    const rows = people
      .slice(i, i + 500)
      .map(
        (p) =>
          Prisma.sql`(${p.id}, ${p.evacuationId}, ${p.kind}, ${p.staffId}, ${p.visitId}, ${p.name}, ${p.roomId}, ${p.roomName}, ${p.needsHelp})`,
      );
    await tx.$executeRaw`INSERT INTO "EvacuationPerson" ("id", "evacuationId", "kind", "staffId", "visitId", "name", "roomId", "roomName", "needsHelp") VALUES ${Prisma.join(rows)}`;
  }
}

export interface StartInput {
  locationId: string;
  drill: boolean;
  reason?: string | null;
  source: EvacuationSource;
}

/**
 * Starts an evacuation: the snapshot of everyone present (staff signed in, visitors with an open
 * visit, their last known room, the needs-help flag) in one transaction with its audit event; then
 * every door is released and every marshal gets the roll call. A location that is already being
 * evacuated answers with that evacuation (`alreadyRunning`): a second press never starts a second.
 */
export async function startEvacuation(
  ctx: DomainContext,
  actor: Actor,
  input: StartInput,
): Promise<{ rollCall: RollCall; alreadyRunning: boolean }> {
  await requireStarter(ctx, actor, input.locationId);
  const reason = input.reason?.trim().slice(0, 500) || null;
  const now = ctx.clock.now();
  const started = await ctx.db.$transaction(async (tx) => {
    const location = await tx.location.findUnique({
      where: { id: input.locationId },
      select: { id: true, name: true },
    });
    if (!location) throw new AppError("NOT_FOUND");
    const running = await activeEvacuation(tx, input.locationId);
    if (running) return { id: running.id, alreadyRunning: true as const };
    const [presence, visits, rooms] = await Promise.all([
      tx.staffPresence.findMany({
        where: { locationId: input.locationId, signedOutAt: null },
        select: { staffId: true, staff: { select: { name: true, needsEvacuationHelp: true } } },
      }),
      tx.visit.findMany({
        where: { locationId: input.locationId, status: OPEN_VISIT },
        select: {
          id: true,
          status: true,
          hostId: true,
          roomId: true,
          visitor: { select: { firstName: true, lastName: true, needsEvacuationHelp: true } },
        },
      }),
      tx.room.findMany({ where: { locationId: input.locationId }, select: { id: true, name: true } }),
    ]);
    const roomName = new Map(rooms.map((r) => [r.id, r.name]));
    // A staff member's last known room: the room of the visitor they are with now.
    const staffRoom = new Map<string, string>();
    for (const v of visits) if (v.status === "WITH_HOST" && v.hostId && v.roomId) staffRoom.set(v.hostId, v.roomId);
    const evacuation = await tx.evacuation.create({
      data: {
        locationId: input.locationId,
        drill: input.drill,
        source: input.source,
        reason,
        startedAt: now,
        startedById: actor.type === "STAFF" ? actor.id : null,
      },
      select: { id: true },
    });
    const seen = new Set<string>();
    const people = [
      ...presence
        .filter((p) => !seen.has(p.staffId) && seen.add(p.staffId))
        .map((p) => {
          const roomId = staffRoom.get(p.staffId) ?? null;
          return {
            id: shortId(),
            evacuationId: evacuation.id,
            kind: "STAFF" as const,
            staffId: p.staffId,
            visitId: null,
            name: p.staff.name,
            roomId,
            roomName: roomId ? (roomName.get(roomId) ?? null) : null,
            needsHelp: p.staff.needsEvacuationHelp,
          };
        }),
      ...visits.map((v) => ({
        id: shortId(),
        evacuationId: evacuation.id,
        kind: "VISITOR" as const,
        staffId: null,
        visitId: v.id,
        name: displayName(v.visitor),
        roomId: v.roomId,
        roomName: v.roomId ? (roomName.get(v.roomId) ?? null) : null,
        needsHelp: v.visitor?.needsEvacuationHelp ?? false,
      })),
    ];
    await insertPeople(tx, people);
    if (!people.length) await tx.evacuation.update({ where: { id: evacuation.id }, data: { allAccountedAt: now } });
    await recordAudit(tx, actor, {
      action: "evacuation.started",
      subjectType: "Evacuation",
      subjectId: evacuation.id,
      locationId: input.locationId,
      data: {
        drill: input.drill,
        source: input.source,
        reason,
        staff: presence.length,
        visitors: visits.length,
      },
      at: now,
    });
    // The roll call as written (no re-read: with 2,000 people that would double the time to the marshals).
    const list = sortPeople(
      people.map((p) => ({
        id: p.id,
        kind: p.kind,
        name: p.name,
        roomId: p.roomId,
        roomName: p.roomName,
        needsHelp: p.needsHelp,
        status: "MISSING" as const,
        statusAt: null,
        statusMarkId: null,
      })),
    );
    const rollCall: RollCall = {
      evacuation: {
        id: evacuation.id,
        locationId: input.locationId,
        locationName: location.name,
        drill: input.drill,
        source: input.source,
        reason,
        startedAt: now.toISOString(),
        endedAt: null,
        allAccountedAt: people.length ? null : now.toISOString(),
      },
      people: list,
      counts: countStatuses(list.map((p) => p.status)),
      renderedAt: now.toISOString(),
    };
    return { id: evacuation.id, alreadyRunning: false as const, rollCall };
  });
  const rollCall = started.alreadyRunning ? await readRollCall(ctx, started.id) : started.rollCall;
  if (!started.alreadyRunning) {
    ctx.events.publish("evacuation.started", packRollCall(rollCall));
    ctx.events.publish("evacuation.status_changed", statusOf(rollCall.evacuation));
    await doors(ctx, input.locationId, true, `${input.drill ? "Drill" : "Evacuation"}${reason ? `: ${reason}` : ""}`);
  }
  return { rollCall, alreadyRunning: started.alreadyRunning };
}

function statusOf(e: EvacuationInfo) {
  return { evacuationId: e.id, locationId: e.locationId, active: !e.endedAt, drill: e.drill };
}

/** Doors follow the evacuation. A door problem is logged, never a reason for the roll call to fail. */
async function doors(ctx: DomainContext, locationId: string, on: boolean, reason: string) {
  try {
    await setEmergencyRelease(ctx, systemActor, locationId, on, reason);
  } catch (err) {
    console.error(`[evacuation] doors of ${locationId} could not be ${on ? "released" : "restored"}:`, err);
  }
}

/** The roll call as it stands (no permission check: callers check). */
export async function readRollCall(ctx: DomainContext, evacuationId: string): Promise<RollCall> {
  const [evacuation, people] = await Promise.all([
    ctx.db.evacuation.findUnique({ where: { id: evacuationId }, select: evacuationSelect }),
    ctx.db.evacuationPerson.findMany({ where: { evacuationId }, select: personSelect }),
  ]);
  if (!evacuation) throw new AppError("NOT_FOUND");
  const list = sortPeople(people.map(personOf));
  return {
    evacuation: infoOf(evacuation),
    people: list,
    counts: countStatuses(list.map((p) => p.status)),
    renderedAt: ctx.clock.now().toISOString(),
  };
}

async function evacuationFor(ctx: DomainContext, actor: Actor, evacuationId: string) {
  const e = await ctx.db.evacuation.findUnique({ where: { id: evacuationId }, select: evacuationSelect });
  if (!e || !canSeeLocation(actor, e.locationId)) throw new AppError("NOT_FOUND");
  return e;
}

/** A marshal's view: the roll call of one evacuation. */
export async function loadRollCall(ctx: DomainContext, actor: Actor, evacuationId: string): Promise<RollCall> {
  requirePermission(actor, "evacuation.marshal");
  await evacuationFor(ctx, actor, evacuationId);
  return readRollCall(ctx, evacuationId);
}

/** Every mark of an evacuation, oldest first, with the marshal's name. */
export async function loadMarks(ctx: DomainContext, actor: Actor, evacuationId: string): Promise<RollCallMark[]> {
  if (!can(actor, "evacuation.marshal") && !can(actor, "evacuation.reports")) throw new AppError("FORBIDDEN");
  await evacuationFor(ctx, actor, evacuationId);
  return readMarks(ctx.db, evacuationId);
}

export async function readMarks(db: Db, evacuationId: string): Promise<RollCallMark[]> {
  const marks = await db.evacuationMark.findMany({
    where: { evacuationId },
    orderBy: [{ markedAt: "asc" }, { id: "asc" }],
  });
  const staffIds = [...new Set(marks.map((m) => m.byStaffId).filter((s): s is string => !!s))];
  const names = new Map(
    (staffIds.length
      ? await db.staffMember.findMany({ where: { id: { in: staffIds } }, select: { id: true, name: true } })
      : []
    ).map((s) => [s.id, s.name]),
  );
  return marks.map((m) => ({
    id: m.id,
    personId: m.personId,
    status: m.status as PersonStatus,
    markedAt: m.markedAt.toISOString(),
    byStaffId: m.byStaffId,
    byName: m.byStaffId ? (names.get(m.byStaffId) ?? null) : null,
    source: m.source,
  }));
}

export interface MarkInput {
  /** Generated by the marshal's device: sending the same mark twice changes nothing. */
  id: string;
  personId: string;
  status: (typeof MARSHAL_STATUSES)[number];
  /** The device's time of the tap (ISO): an offline mark keeps its place in the order. */
  markedAt: string;
}

/** Marshals' marks: stored, applied (last mark wins), sent to every marshal. */
export async function recordMarks(
  ctx: DomainContext,
  actor: Actor,
  evacuationId: string,
  marks: MarkInput[],
): Promise<{ accepted: string[]; duplicates: string[]; rollCall: RollCallMarked }> {
  requirePermission(actor, "evacuation.marshal");
  const errors: Record<string, string[]> = {};
  if (marks.length === 0 || marks.length > MARKS_PER_REQUEST) errors.marks = ["count"];
  marks.forEach((m, i) => {
    if (!MARK_ID.test(m.id)) errors[`marks.${i}.id`] = ["invalid"];
    if (!(MARSHAL_STATUSES as readonly string[]).includes(m.status)) errors[`marks.${i}.status`] = ["invalid"];
    if (Number.isNaN(Date.parse(m.markedAt))) errors[`marks.${i}.markedAt`] = ["invalid"];
  });
  if (Object.keys(errors).length) throw new AppError("VALIDATION", "Invalid marks", errors);
  await evacuationFor(ctx, actor, evacuationId);
  return applyMarks(ctx, actor, evacuationId, marks, "MARSHAL");
}

async function applyMarks(
  ctx: DomainContext,
  actor: Actor,
  evacuationId: string,
  marks: { id: string; personId: string; status: PersonStatus; markedAt: string }[],
  source: "MARSHAL" | "KIOSK" | "DESK",
) {
  const now = ctx.clock.now();
  const byStaffId = actor.type === "STAFF" ? actor.id : null;
  const result = await ctx.db.$transaction(async (tx) => {
    const personIds = [...new Set(marks.map((m) => m.personId))];
    const [evacuation, people, existingMarks, marker] = await Promise.all([
      tx.evacuation.findUnique({
        where: { id: evacuationId },
        select: { id: true, locationId: true, startedAt: true, allAccountedAt: true },
      }),
      tx.evacuationPerson.findMany({ where: { evacuationId, id: { in: personIds } }, select: personSelect }),
      tx.evacuationMark.findMany({ where: { id: { in: marks.map((m) => m.id) } }, select: { id: true } }),
      byStaffId ? tx.staffMember.findUnique({ where: { id: byStaffId }, select: { name: true } }) : null,
    ]);
    if (!evacuation) throw new AppError("NOT_FOUND");
    const known = new Map(people.map((p) => [p.id, p]));
    if (personIds.some((id) => !known.has(id)))
      throw new AppError("VALIDATION", "Unknown person", { personId: ["unknown"] });
    const existing = new Set(existingMarks.map((m) => m.id));
    const fresh: (MarkLike & { receivedAt: Date })[] = [];
    const duplicates: string[] = [];
    const seen = new Set<string>();
    for (const m of marks) {
      if (existing.has(m.id) || seen.has(m.id)) {
        duplicates.push(m.id);
        continue;
      }
      seen.add(m.id);
      const at = clampMarkedAt(Date.parse(m.markedAt), evacuation.startedAt.getTime(), now.getTime());
      fresh.push({ id: m.id, personId: m.personId, status: m.status, markedAt: at, receivedAt: now });
    }
    if (fresh.length) {
      await tx.evacuationMark.createMany({
        data: fresh.map((m) => ({
          id: m.id,
          evacuationId,
          personId: m.personId,
          status: m.status,
          markedAt: new Date(m.markedAt),
          receivedAt: now,
          byStaffId,
          source,
        })),
      });
    }
    // Last mark wins: a person's status changes only for a mark later than the one that decided it.
    const changed = new Map<string, PersonRow>();
    for (const m of fresh) {
      const p = (changed.get(m.personId) ?? known.get(m.personId)) as PersonRow;
      const current = p.statusMarkId && p.statusAt ? { id: p.statusMarkId, markedAt: p.statusAt.getTime() } : null;
      if (beats(m, current))
        changed.set(m.personId, { ...p, status: m.status, statusAt: new Date(m.markedAt), statusMarkId: m.id });
    }
    for (const [id, p] of changed)
      await tx.evacuationPerson.update({
        where: { id },
        data: { status: p.status, statusAt: p.statusAt, statusMarkId: p.statusMarkId },
      });
    // Counts by status in SQL (not 2,000 rows to the process on every tap).
    const groups = await tx.evacuationPerson.groupBy({
      by: ["status"],
      where: { evacuationId },
      _count: { _all: true },
      _max: { statusAt: true },
    });
    const counts = countStatuses(groups.flatMap((g) => Array(g._count._all).fill(g.status as PersonStatus)));
    // Everyone accounted for: when the last of them was (the latest deciding mark), else not yet.
    let allAccounted: Date | null = null;
    if (counts.missing === 0) {
      const latest = Math.max(evacuation.startedAt.getTime(), ...groups.map((g) => g._max.statusAt?.getTime() ?? 0));
      allAccounted = new Date(latest);
    }
    if ((allAccounted?.getTime() ?? null) !== (evacuation.allAccountedAt?.getTime() ?? null))
      await tx.evacuation.update({ where: { id: evacuationId }, data: { allAccountedAt: allAccounted } });
    if (fresh.length) {
      await recordAudit(tx, actor, {
        action: "evacuation.marked",
        subjectType: "Evacuation",
        subjectId: evacuationId,
        locationId: evacuation.locationId,
        data: { source, marks: fresh.map((m) => ({ id: m.id, personId: m.personId, status: m.status })) },
        at: now,
      });
    }
    return {
      locationId: evacuation.locationId,
      fresh,
      byName: marker?.name ?? null,
      duplicates,
      counts,
      allAccountedAt: allAccounted,
      people: [...changed.values()].map(personOf),
    };
  });
  const rollCall: RollCallMarked = {
    evacuationId,
    locationId: result.locationId,
    marks: result.fresh.map((m) => ({
      id: m.id,
      personId: m.personId,
      status: m.status,
      markedAt: new Date(m.markedAt).toISOString(),
      byStaffId,
      byName: result.byName,
      source,
    })),
    people: result.people,
    counts: result.counts,
    allAccountedAt: iso(result.allAccountedAt),
  };
  if (result.fresh.length) ctx.events.publish("evacuation.marked", rollCall);
  return { accepted: result.fresh.map((m) => m.id), duplicates: result.duplicates, rollCall };
}

/**
 * A visitor checked out, or a staff member signed out, while their location is being evacuated:
 * they count as left. Idempotent (the mark id is derived from the visit or presence).
 */
export async function markLeft(
  ctx: DomainContext,
  who: { locationId: string; visitId?: string; staffId?: string; markId: string; at: string },
  source: "KIOSK" | "DESK",
): Promise<boolean> {
  const running = await activeEvacuation(ctx.db, who.locationId);
  if (!running) return false;
  const person = await ctx.db.evacuationPerson.findFirst({
    where: { evacuationId: running.id, ...(who.visitId ? { visitId: who.visitId } : { staffId: who.staffId }) },
    select: { id: true },
  });
  if (!person) return false;
  const r = await applyMarks(
    ctx,
    systemActor,
    running.id,
    [{ id: who.markId, personId: person.id, status: "LEFT", markedAt: who.at }],
    source,
  );
  return r.accepted.length > 0;
}

/** Check-outs and sign-outs during an evacuation count as left (subscribes to the event bus). */
export function attachEvacuationCheckOuts(ctx: DomainContext, onError: (err: unknown) => void = console.error) {
  const offVisit = ctx.events.on("visit.checked_out", (v) =>
    markLeft(
      ctx,
      {
        locationId: v.locationId,
        visitId: v.visitId,
        markId: `left-v-${v.visitId}`,
        at: ctx.clock.now().toISOString(),
      },
      "KIOSK",
    ).then(() => undefined, onError),
  );
  const offPresence = ctx.events.on("presence.changed", (p) => {
    if (p.present) return;
    return markLeft(
      ctx,
      {
        locationId: p.locationId,
        staffId: p.staffId,
        markId: `left-p-${p.presenceId}`,
        at: p.signedOutAt ?? ctx.clock.now().toISOString(),
      },
      "DESK",
    ).then(() => undefined, onError);
  });
  return () => {
    offVisit();
    offPresence();
  };
}

/** Ends an evacuation: the doors go back to normal, the summary is final. */
export async function endEvacuation(ctx: DomainContext, actor: Actor, evacuationId: string): Promise<EvacuationInfo> {
  requirePermission(actor, "evacuation.start");
  const e = await evacuationFor(ctx, actor, evacuationId);
  await requireStarter(ctx, actor, e.locationId);
  if (e.endedAt) return infoOf(e);
  const now = ctx.clock.now();
  const ended = await ctx.db.$transaction(async (tx) => {
    const updated = await tx.evacuation.update({
      where: { id: evacuationId },
      data: { endedAt: now, endedById: actor.type === "STAFF" ? actor.id : null },
      select: evacuationSelect,
    });
    const people = await tx.evacuationPerson.findMany({ where: { evacuationId }, select: { status: true } });
    const counts = countStatuses(people.map((p) => p.status as PersonStatus));
    await recordAudit(tx, actor, {
      action: "evacuation.ended",
      subjectType: "Evacuation",
      subjectId: evacuationId,
      locationId: e.locationId,
      data: { drill: e.drill, total: counts.total, accounted: counts.accounted, missing: counts.missing },
      at: now,
    });
    return updated;
  });
  const info = infoOf(ended);
  ctx.events.publish("evacuation.ended", info);
  ctx.events.publish("evacuation.status_changed", statusOf(info));
  await doors(ctx, e.locationId, false, "Evacuation ended");
  return info;
}

export interface EvacuationListItem extends EvacuationInfo {
  total: number;
  accounted: number;
}

/** Past and running evacuations of a location, newest first (drill or real on each). */
export async function listEvacuations(
  ctx: DomainContext,
  actor: Actor,
  locationId: string,
  opts: { take?: number } = {},
): Promise<EvacuationListItem[]> {
  if (!can(actor, "evacuation.marshal") && !can(actor, "evacuation.reports")) throw new AppError("FORBIDDEN");
  if (!canSeeLocation(actor, locationId)) throw new AppError("FORBIDDEN");
  const rows = await ctx.db.evacuation.findMany({
    where: { locationId },
    orderBy: { startedAt: "desc" },
    take: opts.take ?? 50,
    select: evacuationSelect,
  });
  const counts = rows.length
    ? await ctx.db.evacuationPerson.groupBy({
        by: ["evacuationId", "status"],
        where: { evacuationId: { in: rows.map((r) => r.id) } },
        _count: { _all: true },
      })
    : [];
  return rows.map((r) => {
    const mine = counts.filter((c) => c.evacuationId === r.id);
    return {
      ...infoOf(r),
      total: mine.reduce((n, c) => n + c._count._all, 0),
      accounted: mine.filter((c) => isAccounted(c.status as PersonStatus)).reduce((n, c) => n + c._count._all, 0),
    };
  });
}

/** Replays the stored marks (the summary's time to everyone accounted for). */
export function accountedAtFromMarks(personIds: string[], marks: RollCallMark[], startedAt: string): number | null {
  return accountedAt(
    personIds,
    marks.map((m) => ({ id: m.id, personId: m.personId, status: m.status, markedAt: Date.parse(m.markedAt) })),
    Date.parse(startedAt),
  );
}

/** The evacuations running at the locations a staff member sees (the staff pages' banner). */
export async function runningEvacuations(
  ctx: DomainContext,
  actor: Actor,
): Promise<{ evacuationId: string; locationId: string; drill: boolean }[]> {
  if (!can(actor, "evacuation.marshal") || actor.type !== "STAFF") return [];
  const rows = await ctx.db.evacuation.findMany({
    where: { endedAt: null, ...(actor.role === "ADMIN" ? {} : { locationId: { in: actor.locationIds } }) },
    select: { id: true, locationId: true, drill: true },
  });
  return rows.map((r) => ({ evacuationId: r.id, locationId: r.locationId, drill: r.drill }));
}
