// Doors on the database (issue 7): loads a location's doors into the pure interlock
// (interlock.ts), applies events in one transaction, stores the outcome, audits every release,
// refusal, queue, lock and override, schedules the release time-out and held-open jobs, raises
// desk alerts, and publishes `door.state_changed` (the console) and `door.commanded` (the drivers,
// src/server/door-drivers) after commit.
//
// Portier controls entry only. Physical egress must be mechanical (docs/doors.md).
import { type Actor, systemActor } from "@/src/domain/access/actor";
import { canSeeLocation, requirePermission } from "@/src/domain/access/permissions";
import { recordAudit } from "@/src/domain/audit/record-audit";
import type { Db, DomainContext, Tx } from "@/src/domain/db";
import { type DeskAlertView, publishDeskAlert, raiseDeskAlert } from "@/src/domain/desk/desk-alerts";
import { staffByBadge } from "@/src/domain/doors/badge";
import {
  type DoorEvent,
  type DoorState,
  type ReleaseReason,
  type SiteState,
  sluisOccupants,
  step,
  type Transition,
} from "@/src/domain/doors/interlock";
import { AppError } from "@/src/domain/errors";
import type { DomainEvents } from "@/src/domain/events/domain-events";
import { cancelJob, scheduleJob } from "@/src/domain/scheduler/jobs";
import type { Door } from "@/src/generated/prisma/client";

export const DOOR_RELEASE_TIMEOUT_JOB = "door.release_timeout";
export const DOOR_HELD_OPEN_JOB = "door.held_open";
export const releaseTimeoutKey = (doorId: string) => `${DOOR_RELEASE_TIMEOUT_JOB}:${doorId}`;
export const heldOpenKey = (doorId: string) => `${DOOR_HELD_OPEN_JOB}:${doorId}`;

/** A door as the console shows it (no topics: those are configuration). */
export interface DoorView {
  id: string;
  locationId: string;
  name: string;
  kind: Door["kind"];
  fromZone: Door["fromZone"];
  toZone: Door["toZone"];
  interlockGroup: string | null;
  driver: Door["driver"];
  safeState: Door["safeState"];
  released: boolean;
  releasedUntil: string | null;
  releaseReason: string | null;
  open: boolean;
  openedAt: string | null;
  online: boolean;
  queued: { reason: string; afterDoorId: string | null; afterPassed: boolean } | null;
}

/** Everything the doorman console shows of one location. */
export interface DoorSnapshot {
  locationId: string;
  emergencyRelease: boolean;
  emergencyReleaseReason: string | null;
  doors: DoorView[];
  /** Who is in each sluis now (the visit let in through the outer door). */
  sluis: { group: string; visitId: string; visitorName: string }[];
}

export type DoorOutcome =
  | { ok: true; status: "released" | "queued" | "locked" | "unchanged" }
  | { ok: false; code: "DOOR_INTERLOCKED" | "DOOR_STAFF_ONLY" | "DOOR_OFFLINE"; blockingDoorIds: string[] };

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toDoorView(d: Door): DoorView {
  return {
    id: d.id,
    locationId: d.locationId,
    name: d.name,
    kind: d.kind,
    fromZone: d.fromZone,
    toZone: d.toZone,
    interlockGroup: d.interlockGroup,
    driver: d.driver,
    safeState: d.safeState,
    released: d.released,
    releasedUntil: iso(d.releasedUntil),
    releaseReason: d.releaseReason,
    open: d.open,
    openedAt: iso(d.openedAt),
    online: d.controllerOnline,
    queued: d.queuedReason
      ? { reason: d.queuedReason, afterDoorId: d.queuedAfterDoorId, afterPassed: d.queuedAfterPassed }
      : null,
  };
}

function toState(d: Door): DoorState {
  return {
    id: d.id,
    kind: d.kind,
    group: d.interlockGroup,
    safeState: d.safeState,
    releaseSeconds: d.releaseSeconds,
    released: d.released,
    releaseReason: (d.releaseReason as DoorState["releaseReason"]) ?? null,
    visitId: d.releaseVisitId,
    open: d.open,
    openedDuringRelease: d.openedDuringRelease,
    online: d.controllerOnline,
    queued: d.queuedReason
      ? {
          reason: d.queuedReason as ReleaseReason,
          visitId: d.queuedVisitId,
          afterDoorId: d.queuedAfterDoorId,
          afterPassed: d.queuedAfterPassed,
        }
      : null,
  };
}

async function loadSite(tx: Tx | Db, locationId: string) {
  const location = await tx.location.findUnique({
    where: { id: locationId },
    select: { id: true, emergencyRelease: true, emergencyReleaseReason: true },
  });
  if (!location) throw new AppError("NOT_FOUND");
  const rows = await tx.door.findMany({
    where: { locationId, active: true },
    orderBy: [{ sortOrder: "asc" }, { name: "asc" }],
  });
  const state: SiteState = {
    evacuation: location.emergencyRelease,
    doors: Object.fromEntries(rows.map((r) => [r.id, toState(r)])),
  };
  return { location, rows, state };
}

interface ApplyOptions {
  /** The doorman's reason for an override (audited). */
  overrideReason?: string;
  /** Where the event came from (console, kiosk check-in, badge, simulator, mqtt, scheduler…). */
  source: string;
  /** Staff member whose badge opened the door (audited as data). */
  badgeStaffId?: string;
  emergencyReason?: string | null;
}

interface Applied {
  transition: Transition;
  snapshot: DoorSnapshot;
}

/**
 * Applies door events to a location in one transaction. Door transactions of one location run one
 * after another (a row lock on the location), so two requests cannot both see the sluis closed.
 */
export async function applyDoorEvents(
  ctx: DomainContext,
  actor: Actor,
  locationId: string,
  events: DoorEvent[],
  opts: ApplyOptions,
): Promise<Applied> {
  const now = ctx.clock.now();
  const alerts: DeskAlertView[] = [];
  const result = await ctx.db.$transaction(async (tx) => {
    // Serialises door changes per location (PostgreSQL: row lock; SQLite: one writer anyway).
    await tx.$executeRaw`UPDATE "Location" SET "emergencyRelease" = "emergencyRelease" WHERE "id" = ${locationId}`;
    const { rows, state } = await loadSite(tx, locationId);
    const byId = new Map(rows.map((r) => [r.id, r]));
    let s = state;
    const total: Transition = { state, commands: [], released: [], queued: [], refusals: [], locked: [], dropped: [] };
    const lostNow: string[] = [];
    for (const e of events) {
      const t = step(s, e);
      if (e.type === "controller_lost" && s.doors[e.doorId]?.online) lostNow.push(e.doorId);
      s = t.state;
      total.commands.push(...t.commands);
      total.released.push(...t.released);
      total.queued.push(...t.queued);
      total.refusals.push(...t.refusals);
      total.locked.push(...t.locked);
      total.dropped.push(...t.dropped);
    }
    total.state = s;

    if (s.evacuation !== state.evacuation) {
      await tx.location.update({
        where: { id: locationId },
        data: {
          emergencyRelease: s.evacuation,
          emergencyReleaseReason: s.evacuation ? (opts.emergencyReason ?? null) : null,
          emergencyReleaseAt: now,
        },
      });
      await recordAudit(tx, actor, {
        action: s.evacuation ? "door.emergency_release_started" : "door.emergency_release_ended",
        subjectType: "Location",
        subjectId: locationId,
        locationId,
        data: { source: opts.source, reason: opts.emergencyReason ?? null },
        at: now,
      });
    }

    const releaseSecondsOf = new Map<string, number | null>();
    for (const c of total.commands) if (c.type === "release") releaseSecondsOf.set(c.doorId, c.seconds);

    for (const [id, after] of Object.entries(s.doors)) {
      const before = state.doors[id];
      const row = byId.get(id);
      if (!row) continue;
      const changed = JSON.stringify(before) !== JSON.stringify(after) || releaseSecondsOf.has(id);
      if (!changed) continue;
      const seconds = releaseSecondsOf.get(id);
      const releasedUntil =
        after.released && after.online && seconds != null
          ? new Date(now.getTime() + seconds * 1000)
          : after.released
            ? seconds === undefined
              ? row.releasedUntil
              : null
            : null;
      const openedAt = after.open ? (before.open ? row.openedAt : now) : null;
      await tx.door.update({
        where: { id },
        data: {
          released: after.released,
          releasedUntil,
          releaseReason: after.releaseReason,
          releaseVisitId: after.visitId,
          open: after.open,
          openedDuringRelease: after.openedDuringRelease,
          openedAt,
          controllerOnline: after.online,
          queuedReason: after.queued?.reason ?? null,
          queuedVisitId: after.queued?.visitId ?? null,
          queuedAfterDoorId: after.queued?.afterDoorId ?? null,
          queuedAfterPassed: after.queued?.afterPassed ?? false,
          stateChangedAt: now,
        },
      });
      // The release time-out: a persistent job, so a restart cannot leave a door released.
      if (releasedUntil && after.released) {
        await scheduleJob(tx, {
          kind: DOOR_RELEASE_TIMEOUT_JOB,
          key: releaseTimeoutKey(id),
          dueAt: releasedUntil,
          payload: { doorId: id, until: releasedUntil.toISOString() },
        });
      } else if (!after.released && before.released) {
        await cancelJob(tx, releaseTimeoutKey(id));
      }
      // Held open: a desk alert if the door is still open after heldOpenAlertSeconds.
      if (after.open && !before.open && openedAt) {
        await scheduleJob(tx, {
          kind: DOOR_HELD_OPEN_JOB,
          key: heldOpenKey(id),
          dueAt: new Date(openedAt.getTime() + row.heldOpenAlertSeconds * 1000),
          payload: { doorId: id, openedAt: openedAt.toISOString() },
        });
      } else if (!after.open && before.open) {
        await cancelJob(tx, heldOpenKey(id));
      }
    }

    const audit = (action: string, doorId: string, data: Record<string, unknown>) =>
      recordAudit(tx, actor, {
        action,
        subjectType: "Door",
        subjectId: doorId,
        locationId,
        data: { source: opts.source, door: byId.get(doorId)?.name ?? null, ...data },
        at: now,
      });
    for (const r of total.released) {
      const override = r.reason === "override";
      await audit(override ? "door.overridden" : "door.released", r.doorId, {
        reason: r.reason,
        visitId: r.visitId,
        fromQueue: r.fromQueue,
        revoked: r.revoked,
        ...(override ? { overrideReason: opts.overrideReason ?? null } : {}),
        ...(opts.badgeStaffId ? { staffId: opts.badgeStaffId } : {}),
      });
    }
    for (const q of total.queued) {
      await audit("door.release_queued", q.doorId, {
        reason: q.reason,
        visitId: q.visitId,
        blockingDoorIds: q.blockingDoorIds,
        afterDoorId: q.afterDoorId,
      });
    }
    for (const r of total.refusals) {
      if (r.code === "DOOR_UNKNOWN") continue;
      await audit("door.release_refused", r.doorId, {
        reason: r.reason,
        code: r.code,
        blockingDoorIds: r.blockingDoorIds,
        ...(opts.badgeStaffId ? { staffId: opts.badgeStaffId } : {}),
      });
    }
    for (const id of total.locked) await audit("door.locked", id, {});
    for (const d of total.dropped) await audit("door.release_dropped", d.doorId, { visitId: d.visitId });
    for (const id of lostNow) {
      const row = byId.get(id);
      if (!row) continue;
      await audit("door.controller_lost", id, { safeState: row.safeState });
      alerts.push(
        await raiseDeskAlert(tx, {
          locationId,
          kind: "DOOR_CONTROLLER_OFFLINE",
          data: { doorId: id, doorName: row.name, safeState: row.safeState },
          at: now,
        }),
      );
    }
    for (const e of events) {
      if (e.type === "controller_back" && !state.doors[e.doorId]?.online && s.doors[e.doorId]?.online) {
        await audit("door.controller_back", e.doorId, {});
      }
    }
    return total;
  });
  for (const a of alerts) publishDeskAlert(ctx, a);
  for (const c of result.commands) {
    ctx.events.publish("door.commanded", {
      locationId,
      doorId: c.doorId,
      command: c.type,
      seconds: c.type === "release" ? c.seconds : null,
    });
  }
  const snapshot = await doorSnapshot(ctx.db, locationId);
  ctx.events.publish("door.state_changed", snapshot);
  return { transition: result, snapshot };
}

/** The console's view of a location's doors, with who is in each sluis. */
export async function doorSnapshot(db: Db, locationId: string): Promise<DoorSnapshot> {
  const { location, rows, state } = await loadSite(db, locationId);
  const occupants = sluisOccupants(state);
  const visits = occupants.length
    ? await db.visit.findMany({
        where: { id: { in: occupants.map((o) => o.visitId) } },
        select: { id: true, visitor: { select: { firstName: true, lastName: true } } },
      })
    : [];
  const nameOf = new Map(
    visits.map((v) => [v.id, [v.visitor?.firstName, v.visitor?.lastName].filter(Boolean).join(" ")]),
  );
  return {
    locationId,
    emergencyRelease: location.emergencyRelease,
    emergencyReleaseReason: location.emergencyReleaseReason,
    doors: rows.map(toDoorView),
    sluis: occupants.map((o) => ({ ...o, visitorName: nameOf.get(o.visitId) ?? "?" })),
  };
}

async function doorOf(ctx: DomainContext, doorId: string) {
  const door = await ctx.db.door.findUnique({ where: { id: doorId } });
  if (!door || !door.active) throw new AppError("NOT_FOUND");
  return door;
}

function outcomeOf(t: Transition, doorId: string): DoorOutcome {
  const refusal = t.refusals.find((r) => r.doorId === doorId);
  if (refusal && refusal.code !== "DOOR_UNKNOWN")
    return { ok: false, code: refusal.code, blockingDoorIds: refusal.blockingDoorIds };
  if (t.queued.some((q) => q.doorId === doorId)) return { ok: true, status: "queued" };
  if (
    t.released.some((r) => r.doorId === doorId) ||
    t.commands.some((c) => c.doorId === doorId && c.type === "release")
  )
    return { ok: true, status: "released" };
  if (t.locked.includes(doorId)) return { ok: true, status: "locked" };
  return { ok: true, status: "unchanged" };
}

/** The doorman releases a door from the console (interlock enforced; `queue`: wait for the sluis). */
export async function releaseDoor(
  ctx: DomainContext,
  actor: Actor,
  doorId: string,
  opts: { queue?: boolean } = {},
): Promise<DoorOutcome> {
  requirePermission(actor, "doors.operate");
  const door = await doorOf(ctx, doorId);
  if (!canSeeLocation(actor, door.locationId)) throw new AppError("FORBIDDEN");
  const { transition } = await applyDoorEvents(
    ctx,
    actor,
    door.locationId,
    [{ type: "release_requested", doorId, reason: "staff", queue: opts.queue }],
    { source: "console" },
  );
  return outcomeOf(transition, doorId);
}

/** The doorman overrides the interlock (or the staff-only rule) for one door, with a reason. */
export async function overrideDoor(
  ctx: DomainContext,
  actor: Actor,
  doorId: string,
  reason: string,
): Promise<DoorOutcome> {
  requirePermission(actor, "doors.operate");
  const text = reason.trim();
  if (text.length < 3 || text.length > 500)
    throw new AppError("VALIDATION", "override reason", { reason: ["required"] });
  const door = await doorOf(ctx, doorId);
  if (!canSeeLocation(actor, door.locationId)) throw new AppError("FORBIDDEN");
  const { transition } = await applyDoorEvents(
    ctx,
    actor,
    door.locationId,
    [{ type: "release_requested", doorId, reason: "override" }],
    { source: "console", overrideReason: text },
  );
  return outcomeOf(transition, doorId);
}

/** The doorman locks a released door again (nothing happens during an evacuation). */
export async function lockDoor(ctx: DomainContext, actor: Actor, doorId: string): Promise<DoorOutcome> {
  requirePermission(actor, "doors.operate");
  const door = await doorOf(ctx, doorId);
  if (!canSeeLocation(actor, door.locationId)) throw new AppError("FORBIDDEN");
  const { transition } = await applyDoorEvents(ctx, actor, door.locationId, [{ type: "lock_requested", doorId }], {
    source: "console",
  });
  return outcomeOf(transition, doorId);
}

/**
 * Evacuation / fire: releases every door of the location and overrides the interlock (on), or
 * locks them again (off). The evacuation module (issue 6) and the fire input call this.
 */
export async function setEmergencyRelease(
  ctx: DomainContext,
  actor: Actor,
  locationId: string,
  on: boolean,
  reason: string,
): Promise<DoorSnapshot> {
  requirePermission(actor, "doors.emergency");
  const exists = await ctx.db.location.findUnique({ where: { id: locationId }, select: { id: true } });
  if (!exists) throw new AppError("NOT_FOUND");
  if (!canSeeLocation(actor, locationId)) throw new AppError("FORBIDDEN");
  const { snapshot } = await applyDoorEvents(ctx, actor, locationId, [{ type: "evacuation_changed", on }], {
    source: actor.type === "SYSTEM" ? "system" : "console",
    emergencyReason: reason.trim().slice(0, 500) || null,
  });
  return snapshot;
}

/**
 * A successful kiosk check-in at a controlled entrance (`door.release_requested`): the outer door
 * of the location's sluis is released, and the inner door queued until someone has passed the
 * outer one. Only entrance doors: nothing a visitor does releases a staff-only door.
 */
export async function releaseForCheckIn(
  ctx: DomainContext,
  payload: DomainEvents["door.release_requested"],
): Promise<DoorOutcome | null> {
  const doors = await ctx.db.door.findMany({
    where: { locationId: payload.locationId, active: true, kind: { in: ["ENTRANCE_OUTER", "ENTRANCE_INNER"] } },
    orderBy: [{ sortOrder: "asc" }, { name: "asc" }],
  });
  const outer = doors.find((d) => d.kind === "ENTRANCE_OUTER");
  if (!outer) return null;
  const inner = doors.find(
    (d) => d.kind === "ENTRANCE_INNER" && d.interlockGroup && d.interlockGroup === outer.interlockGroup,
  );
  const events: DoorEvent[] = [
    { type: "release_requested", doorId: outer.id, reason: "entry", visitId: payload.visitId },
  ];
  if (inner) {
    events.push({
      type: "release_requested",
      doorId: inner.id,
      reason: "entry",
      visitId: payload.visitId,
      afterDoorId: outer.id,
    });
  }
  const { transition } = await applyDoorEvents(ctx, systemActor, payload.locationId, events, { source: "check_in" });
  return outcomeOf(transition, outer.id);
}

/** Subscribes the check-in flow to `door.release_requested` (server.ts, and tests). */
export function attachDoorCheckIn(ctx: DomainContext, onError: (err: unknown) => void = console.error): () => void {
  return ctx.events.on("door.release_requested", (p) => {
    releaseForCheckIn(ctx, p).catch(onError);
  });
}

/**
 * A staff badge read at a staff-only door's reader (keyboard wedge): an active staff member of this
 * location (or an admin) releases the door, for staff only. Any other code is refused and audited.
 */
export async function badgeAtDoor(
  ctx: DomainContext,
  actor: Actor,
  doorId: string,
  code: string,
): Promise<DoorOutcome | { ok: false; code: "BADGE_UNKNOWN" }> {
  requirePermission(actor, "doors.operate");
  const door = await doorOf(ctx, doorId);
  if (!canSeeLocation(actor, door.locationId)) throw new AppError("FORBIDDEN");
  if (door.kind !== "STAFF_ONLY") throw new AppError("VALIDATION", "badge readers are on staff-only doors");
  const staff = await staffByBadge(ctx, code);
  const allowed = !!staff && (staff.role === "ADMIN" || staff.locationIds.includes(door.locationId));
  if (!staff || !allowed) {
    await ctx.db.$transaction((tx) =>
      recordAudit(tx, actor, {
        action: "door.badge_refused",
        subjectType: "Door",
        subjectId: doorId,
        locationId: door.locationId,
        data: { door: door.name, known: !!staff },
        at: ctx.clock.now(),
      }),
    );
    return { ok: false, code: "BADGE_UNKNOWN" };
  }
  const { transition } = await applyDoorEvents(
    ctx,
    actor,
    door.locationId,
    [{ type: "release_requested", doorId, reason: "staff" }],
    { source: "badge", badgeStaffId: staff.id },
  );
  return outcomeOf(transition, doorId);
}

/** The job: the release time ran out (only if this is still the release it was scheduled for). */
export async function releaseTimedOut(ctx: DomainContext, doorId: string, until: string): Promise<void> {
  const door = await ctx.db.door.findUnique({ where: { id: doorId } });
  if (!door || !door.released || door.releasedUntil?.toISOString() !== until) return;
  await applyDoorEvents(ctx, systemActor, door.locationId, [{ type: "release_timed_out", doorId }], {
    source: "scheduler",
  });
}

/** The job: a door still open since `openedAt` after its held-open threshold raises a desk alert. */
export async function heldOpenCheck(ctx: DomainContext, doorId: string, openedAt: string): Promise<boolean> {
  const now = ctx.clock.now();
  const alert = await ctx.db.$transaction(async (tx) => {
    const door = await tx.door.findUnique({ where: { id: doorId } });
    if (!door || !door.open || door.openedAt?.toISOString() !== openedAt) return null;
    const location = await tx.location.findUnique({
      where: { id: door.locationId },
      select: { emergencyRelease: true },
    });
    if (location?.emergencyRelease) return null; // during an evacuation doors stand open on purpose
    await recordAudit(tx, systemActor, {
      action: "door.held_open",
      subjectType: "Door",
      subjectId: doorId,
      locationId: door.locationId,
      data: { door: door.name, openedAt },
      at: now,
    });
    return raiseDeskAlert(tx, {
      locationId: door.locationId,
      kind: "DOOR_HELD_OPEN",
      data: { doorId, doorName: door.name, openedAt, seconds: door.heldOpenAlertSeconds },
      at: now,
    });
  });
  if (alert) publishDeskAlert(ctx, alert);
  return !!alert;
}

/** A door controller (a driver) reports its sensor. */
export async function reportDoorSensor(ctx: DomainContext, doorId: string, open: boolean, source: string) {
  const door = await ctx.db.door.findUnique({ where: { id: doorId }, select: { locationId: true, open: true } });
  if (!door || door.open === open) return;
  await applyDoorEvents(ctx, systemActor, door.locationId, [{ type: "sensor_changed", doorId, open }], { source });
}

/** A door controller (a driver) went away or came back. */
export async function reportDoorController(ctx: DomainContext, doorId: string, online: boolean, source: string) {
  const door = await ctx.db.door.findUnique({
    where: { id: doorId },
    select: { locationId: true, controllerOnline: true },
  });
  if (!door || door.controllerOnline === online) return;
  await applyDoorEvents(
    ctx,
    systemActor,
    door.locationId,
    [{ type: online ? "controller_back" : "controller_lost", doorId }],
    { source },
  );
}

/** The doorman console: a location's doors (permission doors.operate). */
export async function loadDoorConsole(ctx: DomainContext, actor: Actor, locationId: string): Promise<DoorSnapshot> {
  requirePermission(actor, "doors.operate");
  if (!canSeeLocation(actor, locationId)) throw new AppError("FORBIDDEN");
  return doorSnapshot(ctx.db, locationId);
}
