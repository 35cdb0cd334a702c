// The alarm channel (noodknop): raise, cancel window, open (page the responders), receipts,
// answers, escalation, all clear. Life-safety code: one transaction per change, an audit event
// (subjectType "Alarm") for each, and the domain events published after the commit. The realtime
// side (delivery with acknowledgement and re-send) is src/realtime/alarm-delivery.ts; reading
// alarms (pager, desk, tablet, briefing, timeline) is alarm-queries.ts; the weekly test is
// test-alarm.ts. See docs/alarms.md.
import { type Actor, systemActor } from "@/src/domain/access/actor";
import { can, canSeeLocation, requirePermission } from "@/src/domain/access/permissions";
import {
  confirmAtFor,
  escalationSteps,
  hasCancelWindow,
  joinLevel,
  shouldEscalate,
  TEST_ALARM_MAX_MS,
} from "@/src/domain/alarms/alarm-policy";
import { type AlarmResponse, type AlarmView, loadAlarmView, openedAlarmView } from "@/src/domain/alarms/alarm-view";
import { type PagingTargets, pagingTargets } from "@/src/domain/alarms/incident-team";
import { type AuditInput, recordAudit, recordAudits } from "@/src/domain/audit/record-audit";
import { type Db, type DomainContext, readAll, type Tx } from "@/src/domain/db";
import { isPostgresClient, storedDateText } from "@/src/domain/db-provider";
import {
  type DeskAlertView,
  publishAlertsCleared,
  publishDeskAlert,
  raiseDeskAlert,
} from "@/src/domain/desk/desk-alerts";
import { AppError } from "@/src/domain/errors";
import { cancelJob, createJobs, scheduleJob } from "@/src/domain/scheduler/jobs";
import type { AlarmLevel, AlarmOutcome, AlarmSource } from "@/src/generated/prisma/enums";

export const ALARM_OPEN_JOB = "alarm.open";
export const ALARM_ESCALATE_JOB = "alarm.escalate";
export const ALARM_TEST_END_JOB = "alarm.test_end";

/** Scheduler keys: one job per alarm and step, so scheduling twice keeps one. */
export const alarmOpenKey = (alarmId: string) => `${ALARM_OPEN_JOB}:${alarmId}`;
export const alarmEscalateKey = (alarmId: string, step: number) => `${ALARM_ESCALATE_JOB}:${alarmId}:${step}`;
export const alarmTestEndKey = (alarmId: string) => `${ALARM_TEST_END_JOB}:${alarmId}`;

export const ALARM_LEVELS: readonly AlarmLevel[] = ["ASSISTANCE", "EMERGENCY"];
export const ALARM_OUTCOMES: readonly AlarmOutcome[] = ["RESOLVED", "FALSE_ALARM", "POLICE_CALLED"];
export const ALARM_RESPONSES: readonly AlarmResponse[] = ["COMING", "CANT"];
const NOTE_MAX = 2000;

export interface RaiseAlarmInput {
  locationId: string;
  roomId: string | null;
  level: AlarmLevel;
  source: AlarmSource;
  deviceId?: string;
  buttonId?: string;
  test?: boolean;
}

export type ReceiptKind = "delivered" | "seen";

/** Everything a committed change must announce; published by `publishEffects` after the commit. */
export interface Effects {
  alarmId: string;
  /** The raising tablet, told about its cancel window. */
  pendingDeviceId?: string;
  /**
   * Responders paged by this change (first page or escalation step 1). Their page also tells the
   * alarm's other watchers of the change (src/realtime/alarm-delivery.ts): no separate alarm.updated.
   */
  paged?: string[];
  /** The alarm as committed, when the transaction knows it whole (a new alarm opened at once): published without re-reading it. */
  view?: AlarmView;
  escalated?: { step: number; emergencyContacts: string; deskPhone: string | null };
  deskAlerts?: DeskAlertView[];
  clearedAlerts?: { alertId: string; locationId: string }[];
  updated?: boolean;
}

type LocationRow = {
  id: string;
  name: string;
  timeZone: string;
  alarmEscalateAllSeconds: number;
  alarmCall112Seconds: number;
  emergencyContacts: string;
  deskPhone: string | null;
};

const locationSelect = {
  id: true,
  name: true,
  timeZone: true,
  alarmEscalateAllSeconds: true,
  alarmCall112Seconds: true,
  emergencyContacts: true,
  deskPhone: true,
} as const;

async function publishEffects(ctx: DomainContext, fx: Effects): Promise<AlarmView> {
  const view = fx.view ?? (await loadAlarmView(ctx.db, fx.alarmId));
  if (!view) throw new AppError("NOT_FOUND");
  if (fx.clearedAlerts?.length) publishAlertsCleared(ctx, fx.clearedAlerts);
  // Pages first: they are what the responders wait for.
  if (fx.paged?.length) ctx.events.publish("alarm.paged", { alarm: view, staffIds: fx.paged });
  if (fx.pendingDeviceId) ctx.events.publish("alarm.pending", { alarm: view, deviceId: fx.pendingDeviceId });
  for (const alert of fx.deskAlerts ?? []) publishDeskAlert(ctx, alert);
  if (fx.escalated) ctx.events.publish("alarm.escalated", { alarm: view, ...fx.escalated });
  if (fx.updated && !fx.paged?.length) ctx.events.publish("alarm.updated", view);
  return view;
}

/** A room tablet acting: it must still exist, be paired (not revoked) and be a room tablet. */
export async function liveTablet(db: Db | Tx, actor: Actor & { type: "DEVICE" }) {
  const device = await db.device.findUnique({ where: { id: actor.id } });
  if (!device || device.revokedAt || !device.credentialHash) throw new AppError("DEVICE_REVOKED");
  if (device.kind !== "ROOM_TABLET") throw new AppError("FORBIDDEN");
  return device;
}

/** Who may raise what: a tablet in its own room, the system for buttons and the risk check, managers for tests. */
async function authoriseRaise(
  tx: Db | Tx,
  actor: Actor,
  input: RaiseAlarmInput,
): Promise<{ deviceId: string | null; buttonId: string | null; test: boolean }> {
  if (!ALARM_LEVELS.includes(input.level)) throw new AppError("VALIDATION", "Unknown level", { level: ["invalid"] });
  if (actor.type === "DEVICE") {
    requirePermission(actor, "alarms.raise");
    const device = await liveTablet(tx, actor);
    if (input.source !== "ROOM_TABLET" || input.test) throw new AppError("FORBIDDEN");
    if (!device.roomId || device.locationId !== input.locationId || device.roomId !== input.roomId) {
      throw new AppError("FORBIDDEN", "A room tablet raises alarms for its own room only");
    }
    return { deviceId: device.id, buttonId: null, test: false };
  }
  if (actor.type === "STAFF") {
    requirePermission(actor, "alarms.test");
    if (input.source !== "TEST") throw new AppError("FORBIDDEN");
    if (!canSeeLocation(actor, input.locationId)) throw new AppError("NOT_FOUND");
    return { deviceId: null, buttonId: null, test: true };
  }
  // SYSTEM: hardware buttons (already authenticated by their listener), the risk check, tests.
  if (input.source === "ROOM_TABLET") throw new AppError("FORBIDDEN");
  let buttonId: string | null = null;
  if (input.source === "BUTTON_MQTT" || input.source === "BUTTON_WEBHOOK") {
    if (!input.buttonId)
      throw new AppError("VALIDATION", "A button alarm names its button", { buttonId: ["required"] });
    const button = await tx.alarmButton.findUnique({ where: { id: input.buttonId } });
    if (!button || button.revokedAt) throw new AppError("FORBIDDEN", "Unknown or revoked button");
    if (button.locationId !== input.locationId || button.roomId !== input.roomId) throw new AppError("FORBIDDEN");
    buttonId = button.id;
  }
  return { deviceId: input.deviceId ?? null, buttonId, test: Boolean(input.test) || input.source === "TEST" };
}

/**
 * One AlarmPage row per responder in one INSERT … SELECT over the ids as one JSON parameter: the
 * page rows are on the path from press to pager, and binding the parameters of each row took ~5 ms
 * for 200 rows (Prisma's createMany ~5× that; measured). The table has no foreign keys, for the
 * same reason (prisma/schema.prisma): the staff ids were read from the database just before.
 */
async function insertPages(tx: Tx, alarmId: string, staffIds: string[], round: number, now: Date) {
  if (!staffIds.length) return;
  const ids = JSON.stringify(staffIds);
  await (isPostgresClient(tx)
    ? tx.$executeRaw`INSERT INTO "AlarmPage" ("alarmId", "staffId", "round", "pagedAt")
        SELECT CAST(${alarmId} AS text), value, CAST(${round} AS integer), CAST(${now} AS timestamp(3))
        FROM json_array_elements_text(CAST(${ids} AS json)) AS ids(value)`
    : tx.$executeRaw`INSERT INTO "AlarmPage" ("alarmId", "staffId", "round", "pagedAt")
        SELECT ${alarmId}, value, ${round}, ${now} FROM json_each(${ids})`);
}

/**
 * Whom an alarm in this room pages now (`pagingTargets`), without the colleague in the room with
 * the visitor: their pager must not ring there (the alarm is silent in the room) — unless nobody
 * else would be paged. Reads only; both queries at once.
 */
async function alarmTargets(
  db: Db | Tx,
  location: { id: string; timeZone: string },
  roomId: string | null,
  now: Date,
): Promise<PagingTargets> {
  const [targets, inRoom] = await readAll(db, [
    () => pagingTargets(db, location, now),
    async () =>
      roomId
        ? db.visit.findMany({ where: { roomId, status: "WITH_HOST", hostId: { not: null } }, select: { hostId: true } })
        : [],
  ] as const);
  const hosts = new Set(inRoom.map((v) => v.hostId));
  const others = targets.staffIds.filter((id) => !hosts.has(id));
  if (others.length && others.length < targets.staffIds.length) targets.staffIds = others;
  return targets;
}

/**
 * Inside the caller's transaction: PENDING → OPEN, then `pageInTx`. Null when it was no longer
 * PENDING (cancelled, or opened by someone else first).
 */
async function openInTx(
  tx: Tx,
  alarm: { id: string; test: boolean; roomId: string | null },
  location: LocationRow,
  now: Date,
  targets: PagingTargets | null = null,
): Promise<PagingTargets | null> {
  const opened = await tx.alarm.updateMany({
    where: { id: alarm.id, status: "PENDING" },
    data: { status: "OPEN", openedAt: now },
  });
  if (opened.count !== 1) return null;
  await cancelJob(tx, alarmOpenKey(alarm.id));
  return pageInTx(tx, alarm, location, targets, now);
}

/**
 * Inside the caller's transaction, for an alarm that has just become OPEN: one page per responder
 * in `targets` (read here when the caller has not read them already; round 0), the escalation jobs (not for tests: a test never tells the desk to call
 * 112), the `alarm.opened` audit event — after `audits`, the caller's own events of this change,
 * in one statement.
 */
async function pageInTx(
  tx: Tx,
  alarm: { id: string; test: boolean; roomId: string | null },
  location: LocationRow,
  read: PagingTargets | null,
  now: Date,
  audits: { actor: Actor; input: AuditInput }[] = [],
): Promise<PagingTargets> {
  const targets = read ?? (await alarmTargets(tx, location, alarm.roomId, now));
  await insertPages(tx, alarm.id, targets.staffIds, 0, now);
  if (alarm.test) {
    await scheduleJob(tx, {
      kind: ALARM_TEST_END_JOB,
      key: alarmTestEndKey(alarm.id),
      dueAt: new Date(now.getTime() + TEST_ALARM_MAX_MS),
      payload: { alarmId: alarm.id },
    });
  } else {
    // An alarm opens once, so its escalation jobs are new.
    await createJobs(
      tx,
      escalationSteps(location, now).map(({ step, dueAt }) => ({
        kind: ALARM_ESCALATE_JOB,
        key: alarmEscalateKey(alarm.id, step),
        dueAt,
        payload: { alarmId: alarm.id, step },
      })),
    );
  }
  await recordAudits(tx, [
    ...audits,
    {
      actor: systemActor,
      input: {
        action: "alarm.opened",
        subjectType: "Alarm",
        subjectId: alarm.id,
        locationId: location.id,
        data: { staffIds: targets.staffIds, basis: targets.basis },
        at: now,
      },
    },
  ]);
  return targets;
}

/**
 * What a raise reads before it writes: who raises (authorised), the location and room, and — for a
 * press that opens at once (no cancel window) — whom it pages. Reads only, at once where they do
 * not depend on each other, so that the raise's transaction holds only its writes.
 */
export interface RaiseReads {
  auth: { deviceId: string | null; buttonId: string | null; test: boolean };
  location: LocationRow;
  room: { locationId: string; name: string; floor: string | null } | null;
  /** Null for a press with a cancel window: its job pages when the window ends. */
  targets: PagingTargets | null;
}

export async function readRaise(db: Db | Tx, actor: Actor, input: RaiseAlarmInput, now: Date): Promise<RaiseReads> {
  const [auth, location, room] = await readAll(db, [
    () => authoriseRaise(db, actor, input),
    () => db.location.findUnique({ where: { id: input.locationId }, select: locationSelect }),
    async () =>
      input.roomId
        ? db.room.findUnique({ where: { id: input.roomId }, select: { locationId: true, name: true, floor: true } })
        : null,
  ] as const);
  if (!location) throw new AppError("NOT_FOUND");
  if (input.roomId && room?.locationId !== location.id) {
    throw new AppError("VALIDATION", "Unknown room", { roomId: ["invalid"] });
  }
  const targets = hasCancelWindow(input.source) ? null : await alarmTargets(db, location, input.roomId, now);
  return { auth, location, room, targets };
}

/**
 * Inside the caller's transaction: a new alarm, or a join of the room's alarm that is still
 * PENDING or OPEN. For the risk check (src/domain/visits/risk-checks.ts), which raises inside its
 * own transaction; everyone else calls `raiseAlarm`. Publish the result with `publishRaised`.
 * `reads`: what `readRaise` read before the transaction (read here when not given).
 */
export async function raiseAlarmInTx(
  tx: Tx,
  actor: Actor,
  input: RaiseAlarmInput,
  now: Date,
  reads?: RaiseReads,
): Promise<{ effects: Effects; joined: boolean }> {
  const { auth, location, room, targets } = reads ?? (await readRaise(tx, actor, input, now));
  const raisedBy = { source: input.source, deviceId: auth.deviceId, buttonId: auth.buttonId };

  if (input.roomId && !auth.test) {
    // PostgreSQL: lock the room's row first, so two presses at the same instant (two processes, or
    // a button and a tablet) run one after the other and the second joins the first's alarm (read
    // committed would let both raise one). SQLite runs one write transaction at a time anyway.
    if (isPostgresClient(tx)) await tx.$executeRaw`UPDATE "Room" SET "id" = "id" WHERE "id" = ${input.roomId}`;
    const open = await tx.alarm.findFirst({
      where: { roomId: input.roomId, test: false, status: { in: ["PENDING", "OPEN"] } },
      orderBy: { raisedAt: "desc" },
    });
    if (open) {
      const level = joinLevel(open.level, input.level);
      if (level !== open.level) await tx.alarm.update({ where: { id: open.id }, data: { level } });
      await recordAudit(tx, actor, {
        action: "alarm.joined",
        subjectType: "Alarm",
        subjectId: open.id,
        locationId: location.id,
        data: { ...raisedBy, level: input.level, alarmLevel: level },
        at: now,
      });
      const effects: Effects = { alarmId: open.id, updated: true };
      // A press without a cancel window (button, risk check) does not wait for the presser's window.
      if (open.status === "PENDING" && !hasCancelWindow(input.source)) {
        await tx.alarm.update({ where: { id: open.id }, data: { confirmAt: now } });
        const paged = await openInTx(tx, open, location, now, targets);
        effects.paged = paged?.staffIds;
      }
      return { effects, joined: true };
    }
  }

  const confirmAt = confirmAtFor(input.source, now);
  const windowed = hasCancelWindow(input.source);
  const alarm = await tx.alarm.create({
    data: {
      locationId: location.id,
      roomId: input.roomId,
      level: input.level,
      source: input.source,
      // Without a cancel window (a button, the risk check, a test) it is open from the start.
      status: windowed ? "PENDING" : "OPEN",
      openedAt: windowed ? null : now,
      test: auth.test,
      deviceId: auth.deviceId,
      buttonId: auth.buttonId,
      raisedAt: now,
      confirmAt,
    },
  });
  const raised: AuditInput = {
    action: "alarm.raised",
    subjectType: "Alarm",
    subjectId: alarm.id,
    locationId: location.id,
    data: { ...raisedBy, level: input.level, roomId: input.roomId, test: auth.test },
    at: now,
  };
  if (windowed) {
    await recordAudit(tx, actor, raised);
    // Restart-safe: the job opens it at the end of the window unless the presser cancels.
    await scheduleJob(tx, {
      kind: ALARM_OPEN_JOB,
      key: alarmOpenKey(alarm.id),
      dueAt: confirmAt,
      payload: { alarmId: alarm.id },
    });
    return {
      effects: { alarmId: alarm.id, pendingDeviceId: auth.deviceId ?? undefined, updated: true },
      joined: false,
    };
  }
  const paged = await pageInTx(tx, alarm, location, targets, now, [{ actor, input: raised }]);
  const view = openedAlarmView(alarm, location, room, paged, now);
  return { effects: { alarmId: alarm.id, paged: paged.staffIds, updated: true, view }, joined: false };
}

/** After the commit of `raiseAlarmInTx`. */
export function publishRaised(ctx: DomainContext, raised: { effects: Effects }): Promise<AlarmView> {
  return publishEffects(ctx, raised.effects);
}

export async function raiseAlarm(
  ctx: DomainContext,
  actor: Actor,
  input: RaiseAlarmInput,
): Promise<{ alarm: AlarmView; joined: boolean }> {
  const now = ctx.clock.now();
  // The reads first, outside the transaction: it then holds only the writes (on SQLite the one
  // write lock, on PostgreSQL the room's row) — on the path from press to pager.
  const reads = await readRaise(ctx.db, actor, input, now);
  const raised = await ctx.db.$transaction((tx) => raiseAlarmInTx(tx, actor, input, now, reads));
  const alarm = await publishEffects(ctx, raised.effects);
  return { alarm, joined: raised.joined };
}

/** The presser's tablet cancels its alarm while it is PENDING: nobody is paged. */
export async function cancelAlarm(ctx: DomainContext, actor: Actor, alarmId: string): Promise<AlarmView> {
  const now = ctx.clock.now();
  const fx = await ctx.db.$transaction(async (tx) => {
    const alarm = await tx.alarm.findUnique({ where: { id: alarmId } });
    if (!alarm) throw new AppError("NOT_FOUND");
    if (actor.type !== "DEVICE" || actor.id !== alarm.deviceId) throw new AppError("FORBIDDEN");
    await liveTablet(tx, actor);
    const cancelled = await tx.alarm.updateMany({
      where: { id: alarmId, status: "PENDING" },
      data: { status: "CANCELLED", cancelledAt: now },
    });
    if (cancelled.count !== 1) throw new AppError("CONFLICT", "The alarm is no longer in its cancel window");
    await cancelJob(tx, alarmOpenKey(alarmId));
    await recordAudit(tx, actor, {
      action: "alarm.cancelled",
      subjectType: "Alarm",
      subjectId: alarmId,
      locationId: alarm.locationId,
      data: { afterMs: now.getTime() - alarm.raisedAt.getTime() },
      at: now,
    });
    return { alarmId, updated: true } satisfies Effects;
  });
  return publishEffects(ctx, fx);
}

/** The job at the end of the cancel window: pages the responders. Null when there was nothing to open. */
export async function openAlarm(ctx: DomainContext, alarmId: string): Promise<AlarmView | null> {
  const now = ctx.clock.now();
  const fx = await ctx.db.$transaction(async (tx) => {
    const alarm = await tx.alarm.findUnique({
      where: { id: alarmId },
      include: { location: { select: locationSelect } },
    });
    if (!alarm || alarm.status !== "PENDING") return null;
    const paged = await openInTx(tx, alarm, alarm.location, now);
    if (!paged) return null;
    return { alarmId, paged: paged.staffIds, updated: true } satisfies Effects;
  });
  return fx ? publishEffects(ctx, fx) : null;
}

async function pageOf(tx: Tx, actor: Actor, alarmId: string) {
  if (actor.type !== "STAFF") throw new AppError("FORBIDDEN");
  requirePermission(actor, "alarms.respond");
  const alarm = await tx.alarm.findUnique({ where: { id: alarmId } });
  if (!alarm) throw new AppError("NOT_FOUND");
  const page = await tx.alarmPage.findUnique({ where: { alarmId_staffId: { alarmId, staffId: actor.id } } });
  if (!page) throw new AppError("FORBIDDEN", "Not paged for this alarm");
  return { alarm, page };
}

/** A pager's receipt: the page reached a device ("delivered") or is on screen ("seen"). Idempotent. */
export async function recordReceipt(
  ctx: DomainContext,
  actor: Actor,
  alarmId: string,
  kind: ReceiptKind,
  opts: { device?: ReceiptDevice } = {},
): Promise<AlarmView> {
  const now = ctx.clock.now();
  const fx = await ctx.db.$transaction(async (tx) => {
    const { alarm, page } = await pageOf(tx, actor, alarmId);
    const afterMs = now.getTime() - page.pagedAt.getTime();
    const audit = (first: boolean) =>
      recordAudit(tx, actor, {
        action: kind === "seen" ? "alarm.seen" : "alarm.delivered",
        subjectType: "Alarm",
        subjectId: alarmId,
        locationId: alarm.locationId,
        data: { staffId: page.staffId, afterMs, first, ...(opts.device ? { device: opts.device } : {}) },
        at: now,
      });
    const data: { deliveredAt?: Date; seenAt?: Date } = {};
    if (!page.deliveredAt) data.deliveredAt = now;
    if (kind === "seen" && !page.seenAt) data.seenAt = now;
    // Conditional: two sockets of one person acknowledging at once set the time once.
    const changed =
      data.deliveredAt || data.seenAt
        ? await tx.alarmPage.updateMany({
            where: {
              alarmId,
              staffId: page.staffId,
              ...(kind === "seen" ? { seenAt: null } : { deliveredAt: null }),
            },
            data,
          })
        : { count: 0 };
    if (changed.count === 1) {
      await audit(true);
      return { alarmId, updated: true } satisfies Effects;
    }
    // Every further device of the same person that confirms a page is proof too (audit only).
    if (kind === "delivered" && opts.device) await audit(false);
    return { alarmId } satisfies Effects;
  });
  return publishEffects(ctx, fx);
}

export interface DeliveryReceipt {
  actor: Actor & { type: "STAFF" };
  alarmId: string;
  device?: ReceiptDevice;
  /** When the acknowledgement arrived. */
  at: Date;
}

/**
 * Many delivery receipts in few transactions (the realtime layer batches the acknowledgements of a
 * page to 200 pagers, instead of 200 transactions each re-reading the alarm), then one
 * `alarm.updated` per alarm that changed. Same rules and audit as `recordReceipt(delivered)`;
 * each receipt keeps its own time. A receipt for someone not paged is skipped, and so is a second
 * receipt of one socket for one alarm in the same batch.
 */
export async function recordDeliveries(ctx: DomainContext, all: DeliveryReceipt[]): Promise<void> {
  // One socket answering two copies of a page at once (the broadcast and an `alarm.sync`) is one proof.
  const bySocket = new Set<string>();
  const receipts = all.filter((r) => {
    if (!r.device) return true;
    const key = `${r.alarmId}\n${r.actor.id}\n${r.device.socketId}`;
    if (bySocket.has(key)) return false;
    bySocket.add(key);
    return true;
  });
  if (!receipts.length) return;
  const changed = new Set<string>();
  // At most DELIVERIES_PER_TRANSACTION receipts per transaction: 1,000 acknowledgements at once on
  // PostgreSQL under load outlasted Prisma's 5 s transaction limit and were lost (bench/scale.bench.ts).
  for (let i = 0; i < receipts.length; i += DELIVERIES_PER_TRANSACTION) {
    const chunk = receipts.slice(i, i + DELIVERIES_PER_TRANSACTION);
    for (const alarmId of await recordDeliveryChunk(ctx, chunk)) changed.add(alarmId);
  }
  for (const alarmId of changed) await publishEffects(ctx, { alarmId, updated: true });
}

/** Receipts written per transaction by recordDeliveries. */
export const DELIVERIES_PER_TRANSACTION = 100;

/**
 * One transaction for up to DELIVERIES_PER_TRANSACTION receipts, in four statements: the pages and
 * alarms they name, one conditional update (a receipt keeps its own time; the first receipt of a
 * page in the batch sets it), one insert of the audit events.
 * Returns the alarms with a newly delivered page.
 */
async function recordDeliveryChunk(ctx: DomainContext, receipts: DeliveryReceipt[]): Promise<Set<string>> {
  const mine = receipts.filter((r) => can(r.actor, "alarms.respond"));
  if (!mine.length) return new Set();
  const alarmIds = [...new Set(mine.map((r) => r.alarmId))];
  const staffIds = [...new Set(mine.map((r) => r.actor.id))];
  return ctx.db.$transaction(
    async (tx) => {
      const pages = await tx.alarmPage.findMany({
        where: { alarmId: { in: alarmIds }, staffId: { in: staffIds } },
        select: { alarmId: true, staffId: true, pagedAt: true, deliveredAt: true },
      });
      const alarms = await tx.alarm.findMany({
        where: { id: { in: alarmIds } },
        select: { id: true, locationId: true },
      });
      const locationOf = new Map(alarms.map((a) => [a.id, a.locationId]));
      const key = (alarmId: string, staffId: string) => `${alarmId}\n${staffId}`;
      const pageOf = new Map(pages.map((p) => [key(p.alarmId, p.staffId), p]));
      const paged = mine.flatMap((r) => {
        const page = pageOf.get(key(r.alarmId, r.actor.id));
        return page ? [{ r, page }] : []; // someone not paged for this alarm: skipped
      });
      // The first receipt in this batch of each page not yet delivered sets its time.
      const firstOf = new Map<string, DeliveryReceipt>();
      for (const { r, page } of paged) {
        const k = key(page.alarmId, page.staffId);
        if (!page.deliveredAt && !firstOf.has(k)) firstOf.set(k, r);
      }
      // One conditional update of them all, each page to its own receipt's time: another process
      // (another device of the same person) may have set it meanwhile.
      const set = new Set<string>();
      for (const row of await markDelivered(tx, [...firstOf.values()])) set.add(key(row.alarmId, row.staffId));
      const out = new Set<string>();
      const audits: { actor: Actor; input: AuditInput }[] = [];
      for (const { r, page } of paged) {
        const k = key(page.alarmId, page.staffId);
        const first = firstOf.get(k) === r && set.has(k);
        if (first) out.add(r.alarmId);
        // Every further device of the same person that confirms a page is proof too (audit only).
        if (!first && !r.device) continue;
        audits.push({
          actor: r.actor,
          input: {
            action: "alarm.delivered",
            subjectType: "Alarm",
            subjectId: r.alarmId,
            locationId: locationOf.get(r.alarmId) ?? null,
            data: {
              staffId: page.staffId,
              afterMs: r.at.getTime() - page.pagedAt.getTime(),
              first,
              ...(r.device ? { device: r.device } : {}),
            },
            at: r.at,
          },
        });
      }
      await recordAudits(tx, audits);
      return out;
    },
    { timeout: 30_000 },
  );
}

/**
 * Sets each receipt's page delivered at the receipt's time, where it is not yet: ONE statement over
 * the receipts as one JSON parameter (one UPDATE per distinct arrival time was ~30 statements per
 * 100 receipts, each a round trip beside the page still going out; bench/scale.bench.ts). Returns
 * the pages it set. At most one receipt per page.
 */
async function markDelivered(tx: Tx, receipts: DeliveryReceipt[]): Promise<{ alarmId: string; staffId: string }[]> {
  if (!receipts.length) return [];
  const rows = JSON.stringify(
    receipts.map((r) => ({ alarmId: r.alarmId, staffId: r.actor.id, at: storedDateText(r.at) })),
  );
  return isPostgresClient(tx)
    ? tx.$queryRaw`UPDATE "AlarmPage" AS p SET "deliveredAt" = CAST(r.v->>'at' AS timestamp(3))
        FROM json_array_elements(CAST(${rows} AS json)) AS r(v)
        WHERE p."alarmId" = r.v->>'alarmId' AND p."staffId" = r.v->>'staffId' AND p."deliveredAt" IS NULL
        RETURNING p."alarmId", p."staffId"`
    : tx.$queryRaw`UPDATE "AlarmPage" SET "deliveredAt" = r.value->>'at'
        FROM json_each(${rows}) AS r
        WHERE "AlarmPage"."alarmId" = r.value->>'alarmId' AND "AlarmPage"."staffId" = r.value->>'staffId'
          AND "AlarmPage"."deliveredAt" IS NULL
        RETURNING "alarmId", "staffId"`;
}

/** The device that acknowledged a page (its socket and browser), for the per-device proof. */
export interface ReceiptDevice {
  socketId: string;
  /** The browser's user agent, shortened. */
  userAgent: string | null;
}

/** "Ik kom eraan" (COMING) or "Kan niet" (CANT). A responder may change their answer while the alarm is open. */
export async function respondToAlarm(
  ctx: DomainContext,
  actor: Actor,
  alarmId: string,
  response: AlarmResponse,
): Promise<AlarmView> {
  if (!ALARM_RESPONSES.includes(response)) {
    throw new AppError("VALIDATION", "Unknown response", { response: ["invalid"] });
  }
  const now = ctx.clock.now();
  const fx = await ctx.db.$transaction(async (tx) => {
    const { alarm, page } = await pageOf(tx, actor, alarmId);
    if (alarm.status !== "OPEN") throw new AppError("CONFLICT", "The alarm is not open");
    if (page.response === response) return { alarmId } satisfies Effects;
    await tx.alarmPage.update({
      where: { alarmId_staffId: { alarmId, staffId: page.staffId } },
      data: { response, respondedAt: now, seenAt: page.seenAt ?? now, deliveredAt: page.deliveredAt ?? now },
    });
    await recordAudit(tx, actor, {
      action: "alarm.responded",
      subjectType: "Alarm",
      subjectId: alarmId,
      locationId: alarm.locationId,
      data: { staffId: page.staffId, response, afterMs: now.getTime() - page.pagedAt.getTime() },
      at: now,
    });
    // The last one coming can't after all: the escalation steps that were skipped because someone
    // was coming are due again (at once if their time has passed).
    if (page.response === "COMING" && !alarm.test && alarm.openedAt) {
      const othersComing = await tx.alarmPage.count({
        where: { alarmId, response: "COMING", staffId: { not: page.staffId } },
      });
      if (!othersComing) await rearmEscalation(tx, alarm, now);
    }
    return { alarmId, updated: true } satisfies Effects;
  });
  return publishEffects(ctx, fx);
}

async function rearmEscalation(
  tx: Tx,
  alarm: { id: string; locationId: string; escalation: number; openedAt: Date | null },
  now: Date,
) {
  const location = await tx.location.findUniqueOrThrow({ where: { id: alarm.locationId }, select: locationSelect });
  for (const { step, dueAt } of escalationSteps(location, alarm.openedAt ?? now)) {
    if (step <= alarm.escalation) continue;
    await scheduleJob(tx, {
      kind: ALARM_ESCALATE_JOB,
      key: alarmEscalateKey(alarm.id, step),
      dueAt: dueAt < now ? now : dueAt,
      payload: { alarmId: alarm.id, step },
    });
  }
}

/**
 * The escalation job. Step 1: page every present staff member not yet paged (round 1). Step 2:
 * a desk alert ALARM_CALL_112 with the emergency contacts. Nothing when someone is coming, the
 * alarm is no longer open, or the step has already happened (returns null then).
 */
export async function escalateAlarm(ctx: DomainContext, alarmId: string, step: number): Promise<AlarmView | null> {
  if (step !== 1 && step !== 2) throw new AppError("VALIDATION", "Unknown escalation step");
  const now = ctx.clock.now();
  const fx = await ctx.db.$transaction(async (tx) => {
    const alarm = await tx.alarm.findUnique({
      where: { id: alarmId },
      include: { location: { select: locationSelect }, room: { select: { name: true, floor: true } } },
    });
    if (!alarm) return null;
    const pages = await tx.alarmPage.findMany({ where: { alarmId }, select: { staffId: true, response: true } });
    if (!shouldEscalate(alarm, pages, step)) return null;
    const moved = await tx.alarm.updateMany({
      where: { id: alarmId, status: "OPEN", escalation: { lt: step } },
      data: { escalation: step },
    });
    if (moved.count !== 1) return null;
    const { location } = alarm;
    const effects: Effects = {
      alarmId,
      updated: true,
      escalated: { step, emergencyContacts: location.emergencyContacts, deskPhone: location.deskPhone },
    };
    let staffIds: string[] = [];
    if (step === 1) {
      const paged = new Set(pages.map((p) => p.staffId));
      const present = await tx.staffPresence.findMany({
        where: { locationId: location.id, signedOutAt: null, staff: { active: true } },
        select: { staffId: true },
      });
      staffIds = [...new Set(present.map((p) => p.staffId))].filter((id) => !paged.has(id)).sort();
      await insertPages(tx, alarmId, staffIds, 1, now);
      effects.paged = staffIds;
    } else {
      const alert = await raiseDeskAlert(tx, {
        locationId: location.id,
        kind: "ALARM_CALL_112",
        data: {
          alarmId,
          level: alarm.level,
          roomName: alarm.room?.name ?? null,
          floor: alarm.room?.floor ?? null,
          locationName: location.name,
          test: alarm.test,
          emergencyContacts: location.emergencyContacts,
          deskPhone: location.deskPhone,
        },
        at: now,
      });
      effects.deskAlerts = [alert];
    }
    await recordAudit(tx, systemActor, {
      action: "alarm.escalated",
      subjectType: "Alarm",
      subjectId: alarmId,
      locationId: location.id,
      data: step === 1 ? { step, staffIds } : { step, deskAlertId: effects.deskAlerts?.[0]?.id },
      at: now,
    });
    return effects;
  });
  return fx ? publishEffects(ctx, fx) : null;
}

/**
 * All clear: a paged responder, the desk (alarms.manage) or, for a test, a manager (alarms.test)
 * closes an open alarm with an outcome. A real alarm gets its incident-registration draft in the
 * same transaction; pending escalations are cancelled and the "call 112" card is cleared.
 */
export async function closeAlarm(
  ctx: DomainContext,
  actor: Actor,
  alarmId: string,
  input: { outcome: AlarmOutcome; note?: string },
): Promise<{ alarm: AlarmView; incidentId: string | null }> {
  if (!ALARM_OUTCOMES.includes(input.outcome)) {
    throw new AppError("VALIDATION", "Unknown outcome", { outcome: ["invalid"] });
  }
  const note = input.note?.trim() || null;
  if (note && note.length > NOTE_MAX) throw new AppError("VALIDATION", "Note too long", { note: ["too_long"] });
  const now = ctx.clock.now();
  const result = await ctx.db.$transaction(async (tx) => {
    const alarm = await tx.alarm.findUnique({ where: { id: alarmId } });
    if (!alarm) throw new AppError("NOT_FOUND");
    if (!(await mayClose(tx, actor, alarm))) throw new AppError("FORBIDDEN");
    const staffId = actor.type === "STAFF" ? actor.id : null;
    const closed = await tx.alarm.updateMany({
      where: { id: alarmId, status: "OPEN" },
      data: { status: "CLOSED", closedAt: now, closedById: staffId, outcome: input.outcome, closingNote: note },
    });
    if (closed.count !== 1) throw new AppError("CONFLICT", "The alarm is not open");
    await tx.scheduledJob.deleteMany({
      where: {
        status: "PENDING",
        key: { in: [alarmEscalateKey(alarmId, 1), alarmEscalateKey(alarmId, 2), alarmTestEndKey(alarmId)] },
      },
    });
    const incident = alarm.test
      ? null
      : await tx.incident.create({
          data: {
            locationId: alarm.locationId,
            alarmId,
            status: "DRAFT",
            occurredAt: alarm.raisedAt,
            createdAt: now,
            createdById: staffId,
          },
        });
    const callCards = await tx.deskAlert.findMany({
      where: { locationId: alarm.locationId, kind: "ALARM_CALL_112", acknowledgedAt: null },
      select: { id: true, data: true },
    });
    const cleared = callCards
      .filter((c) => (JSON.parse(c.data) as { alarmId?: string }).alarmId === alarmId)
      .map((c) => ({ alertId: c.id, locationId: alarm.locationId }));
    if (cleared.length) {
      await tx.deskAlert.updateMany({
        where: { id: { in: cleared.map((c) => c.alertId) } },
        data: { acknowledgedAt: now },
      });
    }
    await recordAudit(tx, actor, {
      action: "alarm.closed",
      subjectType: "Alarm",
      subjectId: alarmId,
      locationId: alarm.locationId,
      data: { outcome: input.outcome, note, incidentId: incident?.id ?? null },
      at: now,
    });
    return {
      fx: { alarmId, updated: true, clearedAlerts: cleared } satisfies Effects,
      incidentId: incident?.id ?? null,
    };
  });
  const alarm = await publishEffects(ctx, result.fx);
  return { alarm, incidentId: result.incidentId };
}

async function mayClose(tx: Tx, actor: Actor, alarm: { id: string; locationId: string; test: boolean }) {
  if (actor.type === "SYSTEM") return true;
  if (!canSeeLocation(actor, alarm.locationId)) return false;
  if (actor.type === "DEVICE" && actor.kind === "ROOM_TABLET") return false;
  if (can(actor, "alarms.manage")) return true;
  if (alarm.test && can(actor, "alarms.test")) return true;
  if (actor.type !== "STAFF" || !can(actor, "alarms.respond")) return false;
  const page = await tx.alarmPage.findUnique({ where: { alarmId_staffId: { alarmId: alarm.id, staffId: actor.id } } });
  return page !== null;
}

/** A test alarm nobody closed ends by itself (job at TEST_ALARM_MAX_MS). */
export async function endTestAlarm(ctx: DomainContext, alarmId: string): Promise<void> {
  const alarm = await ctx.db.alarm.findUnique({ where: { id: alarmId }, select: { status: true, test: true } });
  if (!alarm?.test || alarm.status !== "OPEN") return;
  await closeAlarm(ctx, systemActor, alarmId, { outcome: "RESOLVED", note: "test ended automatically" });
}
