// The door interlock and safety rules as a pure state machine (issue 7, part 3): no I/O, no clock.
// `step(state, event)` returns the next state, the commands for the door controllers, and what was
// released, queued or refused (the database layer in doors.ts stores, audits and publishes them).
//
// The rules, in order of precedence:
// 1. Evacuation (or a fire input) releases every door and overrides the interlock; while it is on
//    nothing locks a door.
// 2. An exit request is never refused: the door is released at once. To keep the sluis closed on
//    one side, every other released door of its interlock group is locked (their release revoked).
//    An override (the doorman, with a reason) works the same way.
// 3. A lost controller leaves its door in the configured safe state (LOCKED: fail-secure,
//    RELEASED: fail-safe). Portier sends it nothing meaningful until it is back; when it comes back
//    it is told to lock (or to release, during an evacuation) so its state is known again.
// 4. Interlock: an entry or staff release of a door in an interlock group (a sluis) is refused with
//    DOOR_INTERLOCKED while any other door of the group is released or open. The request may wait
//    its turn (queued): it is released once the group is closed and locked — and, with
//    `afterDoorId`, only after someone has passed that door (it opened and closed again).
// 5. Nothing a visitor does ("entry") releases a staff-only door.
// 6. A released door that was opened locks again as soon as it closes (one passage per release),
//    or when its release time runs out.
//
// Invariant (proved by tests/unit/doors-interlock-property.test.ts): outside an evacuation, at most
// one door of an interlock group is released at any time — given that at most one door of a group
// is configured to fail safe (validateDoorGroups), which the configuration screen enforces.

export type DoorKind = "ENTRANCE_OUTER" | "ENTRANCE_INNER" | "STAFF_ONLY" | "EXIT";
export type SafeState = "LOCKED" | "RELEASED";
export type ReleaseReason = "entry" | "exit" | "staff" | "override";
/** Why a door is released now: a request, the evacuation, or its controller's safe state. */
export type ReleasedBecause = ReleaseReason | "evacuation" | "safe_state";

export interface QueuedRelease {
  reason: ReleaseReason;
  visitId: string | null;
  /** Wait for a passage through this door (opened, then closed) before releasing. */
  afterDoorId: string | null;
  afterPassed: boolean;
}

export interface DoorState {
  id: string;
  kind: DoorKind;
  group: string | null;
  safeState: SafeState;
  releaseSeconds: number;
  released: boolean;
  releaseReason: ReleasedBecause | null;
  visitId: string | null;
  open: boolean;
  /** The door opened during the current (or just ended) release: a passage is under way. */
  openedDuringRelease: boolean;
  online: boolean;
  queued: QueuedRelease | null;
}

export interface SiteState {
  evacuation: boolean;
  doors: Record<string, DoorState>;
}

export type DoorEvent =
  | {
      type: "release_requested";
      doorId: string;
      reason: ReleaseReason;
      visitId?: string | null;
      /** When refused by the interlock, wait for the group to close instead. */
      queue?: boolean;
      /** Wait for a passage through this door first (the sluis: inner after outer). Implies queue. */
      afterDoorId?: string | null;
    }
  | { type: "lock_requested"; doorId: string }
  | { type: "sensor_changed"; doorId: string; open: boolean }
  | { type: "release_timed_out"; doorId: string }
  | { type: "controller_lost"; doorId: string }
  | { type: "controller_back"; doorId: string }
  | { type: "evacuation_changed"; on: boolean };

/** `seconds` null: released until told otherwise (evacuation). */
export type DoorCommand =
  | { type: "release"; doorId: string; seconds: number | null }
  | { type: "lock"; doorId: string };

export type RefusalCode = "DOOR_INTERLOCKED" | "DOOR_STAFF_ONLY" | "DOOR_OFFLINE" | "DOOR_UNKNOWN";

export interface Refusal {
  doorId: string;
  reason: ReleaseReason;
  code: RefusalCode;
  /** The doors of the group that are released or open (DOOR_INTERLOCKED). */
  blockingDoorIds: string[];
}

export interface Released {
  doorId: string;
  reason: ReleasedBecause;
  visitId: string | null;
  /** Released from the queue (not by the event itself). */
  fromQueue: boolean;
  /** Doors of the group whose release was revoked to keep the interlock (exit, override, safe state). */
  revoked: string[];
}

export interface Queued {
  doorId: string;
  reason: ReleaseReason;
  visitId: string | null;
  blockingDoorIds: string[];
  afterDoorId: string | null;
}

export interface Transition {
  state: SiteState;
  commands: DoorCommand[];
  released: Released[];
  queued: Queued[];
  refusals: Refusal[];
  /** Doors locked (released → not released) by this step, other than by a controller loss. */
  locked: string[];
  /** Queued releases dropped (the passage they waited for did not happen, or the controller went). */
  dropped: { doorId: string; visitId: string | null }[];
}

const clone = (s: SiteState): SiteState => ({
  evacuation: s.evacuation,
  doors: Object.fromEntries(
    Object.entries(s.doors).map(([id, d]) => [id, { ...d, queued: d.queued ? { ...d.queued } : null }]),
  ),
});

/** The other doors of a door's interlock group (none without a group). */
export function groupPartners(state: SiteState, doorId: string): DoorState[] {
  const door = state.doors[doorId];
  if (!door?.group) return [];
  return Object.values(state.doors).filter((d) => d.id !== doorId && d.group === door.group);
}

/** What keeps a door from being released under the interlock: partners released or open. */
export function interlockBlockers(state: SiteState, doorId: string): string[] {
  return groupPartners(state, doorId)
    .filter((d) => d.released || d.open)
    .map((d) => d.id);
}

/** Configuration rule: at most one door of an interlock group may fail safe (release on controller loss). */
export function validateDoorGroups(doors: { id: string; group: string | null; safeState: SafeState }[]): string[] {
  const failSafe = new Map<string, number>();
  for (const d of doors) {
    if (d.group && d.safeState === "RELEASED") failSafe.set(d.group, (failSafe.get(d.group) ?? 0) + 1);
  }
  return [...failSafe.entries()].filter(([, n]) => n > 1).map(([g]) => g);
}

export function step(input: SiteState, event: DoorEvent): Transition {
  const state = clone(input);
  const out: Transition = { state, commands: [], released: [], queued: [], refusals: [], locked: [], dropped: [] };

  const lock = (d: DoorState) => {
    if (!d.released) return;
    d.released = false;
    d.releaseReason = null;
    d.visitId = null;
    if (d.online) out.commands.push({ type: "lock", doorId: d.id });
    out.locked.push(d.id);
  };
  /** Locks the released partners (exit, override, a fail-safe controller loss). */
  const revokePartners = (doorId: string): string[] => {
    const revoked: string[] = [];
    for (const p of groupPartners(state, doorId)) {
      if (p.released && p.online) {
        lock(p);
        revoked.push(p.id);
      }
    }
    return revoked;
  };
  const release = (
    d: DoorState,
    reason: ReleaseReason,
    visitId: string | null,
    fromQueue: boolean,
    revoked: string[] = [],
  ) => {
    d.released = true;
    d.releaseReason = reason;
    d.visitId = visitId;
    if (!d.open) d.openedDuringRelease = false;
    out.commands.push({ type: "release", doorId: d.id, seconds: d.releaseSeconds });
    out.released.push({ doorId: d.id, reason, visitId, fromQueue, revoked });
  };
  /** The queued releases whose turn has come, until nothing changes. */
  const runQueue = () => {
    if (state.evacuation) return;
    for (let changed = true; changed; ) {
      changed = false;
      for (const d of Object.values(state.doors)) {
        const q = d.queued;
        if (!q || !d.online) continue;
        if (q.afterDoorId && !state.doors[q.afterDoorId]) {
          d.queued = null;
          out.dropped.push({ doorId: d.id, visitId: q.visitId });
          continue;
        }
        if (q.afterDoorId && !q.afterPassed) continue;
        if (interlockBlockers(state, d.id).length > 0) continue;
        d.queued = null;
        release(d, q.reason, q.visitId, true);
        changed = true;
      }
    }
  };
  /** A passage through `doorId` completed: queued releases waiting for it may go. */
  const passed = (doorId: string) => {
    for (const d of Object.values(state.doors)) {
      if (d.queued?.afterDoorId === doorId) d.queued.afterPassed = true;
    }
  };

  const door = "doorId" in event ? state.doors[event.doorId] : undefined;

  switch (event.type) {
    case "release_requested": {
      const reason = event.reason;
      const visitId = event.visitId ?? null;
      if (!door) {
        out.refusals.push({ doorId: event.doorId, reason, code: "DOOR_UNKNOWN", blockingDoorIds: [] });
        break;
      }
      if (state.evacuation) {
        // Every door is released already; nothing to refuse.
        out.released.push({ doorId: door.id, reason: "evacuation", visitId, fromQueue: false, revoked: [] });
        break;
      }
      if (reason === "exit" || reason === "override") {
        if (!door.online) {
          // Never refused: the command is sent in case the controller still hears it; the door
          // itself stays in its safe state as far as Portier knows.
          out.commands.push({ type: "release", doorId: door.id, seconds: door.releaseSeconds });
          break;
        }
        const revoked = revokePartners(door.id);
        release(door, reason, visitId, false, revoked);
        break;
      }
      if (reason === "entry" && door.kind === "STAFF_ONLY") {
        out.refusals.push({ doorId: door.id, reason, code: "DOOR_STAFF_ONLY", blockingDoorIds: [] });
        break;
      }
      if (!door.online) {
        out.refusals.push({ doorId: door.id, reason, code: "DOOR_OFFLINE", blockingDoorIds: [] });
        break;
      }
      // A passage to wait for is through another door (the sluis: inner after outer). "After itself"
      // would lock the door when someone has passed and release it again in the same step: it is
      // read as a plain request.
      const after =
        event.afterDoorId && event.afterDoorId !== door.id && state.doors[event.afterDoorId] ? event.afterDoorId : null;
      const blockers = interlockBlockers(state, door.id);
      if (after || blockers.length > 0) {
        if (after || event.queue) {
          door.queued = { reason, visitId, afterDoorId: after, afterPassed: false };
          out.queued.push({ doorId: door.id, reason, visitId, blockingDoorIds: blockers, afterDoorId: after });
        } else {
          out.refusals.push({ doorId: door.id, reason, code: "DOOR_INTERLOCKED", blockingDoorIds: blockers });
        }
        break;
      }
      release(door, reason, visitId, false);
      break;
    }
    case "lock_requested": {
      if (!door || state.evacuation || !door.online) break;
      lock(door);
      runQueue();
      break;
    }
    case "sensor_changed": {
      if (!door || door.open === event.open) break;
      door.open = event.open;
      if (event.open) {
        if (door.released) door.openedDuringRelease = true;
        break;
      }
      if (door.openedDuringRelease) {
        door.openedDuringRelease = false;
        passed(door.id);
        if (!state.evacuation && door.online && door.released) lock(door);
      }
      runQueue();
      break;
    }
    case "release_timed_out": {
      if (!door || state.evacuation || !door.online || !door.released) break;
      const opened = door.openedDuringRelease;
      lock(door);
      if (!opened) {
        // Nobody came through: releases waiting for that passage are dropped.
        for (const d of Object.values(state.doors)) {
          if (d.queued?.afterDoorId === door.id && !d.queued.afterPassed) {
            out.dropped.push({ doorId: d.id, visitId: d.queued.visitId });
            d.queued = null;
          }
        }
      }
      runQueue();
      break;
    }
    case "controller_lost": {
      if (!door || !door.online) break;
      door.online = false;
      door.openedDuringRelease = false;
      if (door.queued) {
        out.dropped.push({ doorId: door.id, visitId: door.queued.visitId });
        door.queued = null;
      }
      const failSafe = door.safeState === "RELEASED";
      const wasReleased = door.released;
      door.released = failSafe;
      door.releaseReason = failSafe ? "safe_state" : null;
      door.visitId = null;
      if (failSafe && !state.evacuation) {
        const revoked = revokePartners(door.id);
        if (!wasReleased)
          out.released.push({ doorId: door.id, reason: "safe_state", visitId: null, fromQueue: false, revoked });
      }
      runQueue();
      break;
    }
    case "controller_back": {
      if (!door || door.online) break;
      door.online = true;
      if (state.evacuation) {
        door.released = true;
        door.releaseReason = "evacuation";
        out.commands.push({ type: "release", doorId: door.id, seconds: null });
      } else {
        // Its state is unknown after the outage: lock it, so what Portier believes is true again.
        door.released = false;
        door.releaseReason = null;
        door.visitId = null;
        out.commands.push({ type: "lock", doorId: door.id });
        runQueue();
      }
      break;
    }
    case "evacuation_changed": {
      if (event.on === state.evacuation) break;
      state.evacuation = event.on;
      for (const d of Object.values(state.doors)) {
        if (event.on) {
          if (d.queued) out.dropped.push({ doorId: d.id, visitId: d.queued.visitId });
          d.queued = null;
          // Every door is told to release, also one whose controller is gone (it may still hear).
          out.commands.push({ type: "release", doorId: d.id, seconds: null });
          if (!d.online) continue;
          if (!d.released)
            out.released.push({ doorId: d.id, reason: "evacuation", visitId: null, fromQueue: false, revoked: [] });
          d.released = true;
          d.releaseReason = "evacuation";
          d.visitId = null;
        } else {
          if (!d.online) continue;
          d.openedDuringRelease = false;
          lock(d);
        }
      }
      break;
    }
  }
  return out;
}

/** Runs several events one after another, collecting everything they produced. */
export function stepAll(state: SiteState, events: DoorEvent[]): Transition {
  const total: Transition = { state, commands: [], released: [], queued: [], refusals: [], locked: [], dropped: [] };
  for (const e of events) {
    const t = step(total.state, e);
    total.state = t.state;
    total.commands.push(...t.commands);
    total.released.push(...t.released);
    total.queued.push(...t.queued);
    total.refusals.push(...t.refusals);
    total.locked.push(...t.locked);
    total.dropped.push(...t.dropped);
  }
  return total;
}

/** Who is in a sluis right now: the visit let through the outer door and waiting for the inner one. */
export function sluisOccupants(state: SiteState): { group: string; visitId: string }[] {
  const out: { group: string; visitId: string }[] = [];
  for (const d of Object.values(state.doors)) {
    if (!d.group || d.kind !== "ENTRANCE_INNER") continue;
    if (d.queued?.visitId && d.queued.afterPassed) out.push({ group: d.group, visitId: d.queued.visitId });
    else if (d.released && d.visitId && !d.openedDuringRelease) out.push({ group: d.group, visitId: d.visitId });
  }
  return out;
}
