// The silent-tablet watch (issue 5, part 2). A room tablet is the panic button of its room: when it
// stops talking to the server (unplugged, crashed, out of Wi-Fi) nobody in that room can raise an
// alarm, and the room does not know. Tablets send a heartbeat every 10 s (Device.lastSeenAt); a
// paired, not revoked ROOM_TABLET whose last sign of life is more than TABLET_SILENT_AFTER_MS old
// raises ONE desk alert TABLET_SILENT per silence. When the tablet is back (or revoked, or no
// longer paired), its open alert is cleared automatically and the desk is told.
//
// "One per silence" needs no extra state: a silence starts at the tablet's last sign of life, so an
// alert created after that moment (open or already acknowledged by the desk) belongs to this
// silence; a tablet that came back and went quiet again has a newer last sign of life.
//
// Driven by the persistent scheduler: one recurring job (one row, key TABLET_WATCH_KEY) that
// schedules its own next run every TABLET_WATCH_INTERVAL_MS.
import { systemActor } from "@/src/domain/access/actor";
import { recordAudit } from "@/src/domain/audit/record-audit";
import type { DomainContext, Tx } from "@/src/domain/db";
import { publishAlertsCleared, publishDeskAlert, raiseDeskAlert } from "@/src/domain/desk/desk-alerts";
import { scheduleJob } from "@/src/domain/scheduler/jobs";
import type { DeviceKind } from "@/src/generated/prisma/enums";

export const TABLET_SILENT_AFTER_MS = 30_000;
export const TABLET_WATCH_INTERVAL_MS = 10_000;
export const TABLET_WATCH_JOB = "devices.tablet_watch";
export const TABLET_WATCH_KEY = TABLET_WATCH_JOB;

export interface WatchedTablet {
  id: string;
  name: string;
  kind: DeviceKind;
  locationId: string;
  roomId: string | null;
  roomName: string | null;
  paired: boolean;
  revokedAt: Date | null;
  pairedAt: Date | null;
  lastSeenAt: Date | null;
}

export interface SilentAlert {
  alertId: string;
  deviceId: string;
  locationId: string;
  createdAt: Date;
  open: boolean;
}

export interface WatchDecision {
  /** Tablets that fell silent and have no alert for this silence yet. */
  raise: WatchedTablet[];
  /** Open alerts whose cause is gone: the tablet is back, revoked, unpaired or deleted. */
  clear: { alert: SilentAlert; reason: "back" | "revoked" }[];
}

/** The last time the tablet was heard from (its heartbeat, else its pairing). */
export const lastSignOfLife = (t: WatchedTablet): Date | null => t.lastSeenAt ?? t.pairedAt;

/** Only paired, not revoked room tablets are watched. */
export const isWatched = (t: WatchedTablet): boolean => t.kind === "ROOM_TABLET" && t.paired && !t.revokedAt;

/** Silent: watched and not heard from for more than TABLET_SILENT_AFTER_MS. */
export function isSilent(t: WatchedTablet, now: Date): boolean {
  const last = lastSignOfLife(t);
  return isWatched(t) && !!last && now.getTime() - last.getTime() > TABLET_SILENT_AFTER_MS;
}

/** Pure: which alerts to raise and which to clear, given the tablets and their TABLET_SILENT alerts. */
export function decideTabletWatch(tablets: WatchedTablet[], alerts: SilentAlert[], now: Date): WatchDecision {
  const byDevice = new Map<string, SilentAlert[]>();
  for (const a of alerts) byDevice.set(a.deviceId, [...(byDevice.get(a.deviceId) ?? []), a]);
  const decision: WatchDecision = { raise: [], clear: [] };
  const seen = new Set<string>();
  for (const t of tablets) {
    seen.add(t.id);
    const own = byDevice.get(t.id) ?? [];
    if (!isWatched(t)) {
      for (const a of own) if (a.open) decision.clear.push({ alert: a, reason: "revoked" });
      continue;
    }
    if (isSilent(t, now)) {
      const since = lastSignOfLife(t) as Date;
      if (!own.some((a) => a.createdAt.getTime() >= since.getTime())) decision.raise.push(t);
    } else {
      for (const a of own) if (a.open) decision.clear.push({ alert: a, reason: "back" });
    }
  }
  // Alerts of devices that no longer exist.
  for (const a of alerts) if (a.open && !seen.has(a.deviceId)) decision.clear.push({ alert: a, reason: "revoked" });
  return decision;
}

/** The watched room tablets (all, or one) and their TABLET_SILENT alerts that matter at `now`. */
async function readWatch(db: Tx, now: Date, deviceId?: string): Promise<[WatchedTablet[], SilentAlert[]]> {
  const devices = await db.device.findMany({
    where: { kind: "ROOM_TABLET", ...(deviceId ? { id: deviceId } : {}) },
    include: { room: { select: { name: true } } },
  });
  const tablets: WatchedTablet[] = devices.map((d) => ({
    id: d.id,
    name: d.name,
    kind: d.kind,
    locationId: d.locationId,
    roomId: d.roomId,
    roomName: d.room?.name ?? null,
    paired: !!d.credentialHash,
    revokedAt: d.revokedAt,
    pairedAt: d.pairedAt,
    lastSeenAt: d.lastSeenAt,
  }));
  // Open alerts, and those created since the earliest silence began (acknowledged ones count too).
  const silentSince = tablets.filter((t) => isSilent(t, now)).map((t) => (lastSignOfLife(t) as Date).getTime());
  const oldest = silentSince.length ? new Date(Math.min(...silentSince)) : null;
  const rows = await db.deskAlert.findMany({
    where: {
      kind: "TABLET_SILENT",
      ...(deviceId ? { locationId: { in: tablets.map((t) => t.locationId) } } : {}),
      OR: [{ acknowledgedAt: null }, ...(oldest ? [{ createdAt: { gte: oldest } }] : [])],
    },
    select: { id: true, locationId: true, data: true, createdAt: true, acknowledgedAt: true },
  });
  const alerts: SilentAlert[] = rows.map((r) => ({
    alertId: r.id,
    deviceId: String((JSON.parse(r.data) as { deviceId?: string }).deviceId ?? ""),
    locationId: r.locationId,
    createdAt: r.createdAt,
    open: !r.acknowledgedAt,
  }));
  return [tablets, deviceId ? alerts.filter((a) => a.deviceId === deviceId) : alerts];
}

/**
 * One pass of the watch: raises and clears TABLET_SILENT desk alerts, audited, each published after
 * its commit. The pass reads outside a transaction and writes each alert in its own short one that
 * decides again for that one tablet (it may have spoken since): with many tablets, one transaction
 * for the whole pass would hold every other write (an alarm's too, on SQLite) behind it.
 */
export async function runTabletWatch(ctx: DomainContext): Promise<{ raised: number; cleared: number }> {
  const now = ctx.clock.now();
  const decision = decideTabletWatch(...(await readWatch(ctx.db, now)), now);
  let raised = 0;
  for (const candidate of decision.raise) {
    const alert = await ctx.db.$transaction(async (tx) => {
      const [t] = decideTabletWatch(...(await readWatch(tx, now, candidate.id)), now).raise;
      if (!t) return null;
      const lastSeen = lastSignOfLife(t) as Date;
      const alert = await raiseDeskAlert(tx, {
        locationId: t.locationId,
        kind: "TABLET_SILENT",
        data: {
          deviceId: t.id,
          deviceName: t.name,
          roomId: t.roomId,
          roomName: t.roomName,
          lastSeenAt: lastSeen.toISOString(),
        },
        at: now,
      });
      await recordAudit(tx, systemActor, {
        action: "device.tablet_silent",
        subjectType: "Device",
        subjectId: t.id,
        locationId: t.locationId,
        data: { alertId: alert.id, lastSeenAt: lastSeen.toISOString() },
        at: now,
      });
      return alert;
    });
    if (!alert) continue;
    publishDeskAlert(ctx, alert);
    raised++;
  }
  let cleared = 0;
  for (const { alert, reason } of decision.clear) {
    const done = await ctx.db.$transaction(async (tx) => {
      const { count } = await tx.deskAlert.updateMany({
        where: { id: alert.alertId, acknowledgedAt: null },
        data: { acknowledgedAt: now },
      });
      if (count !== 1) return false;
      await recordAudit(tx, systemActor, {
        action: "device.tablet_back",
        subjectType: "Device",
        subjectId: alert.deviceId,
        locationId: alert.locationId,
        data: { alertId: alert.alertId, reason, silentForMs: now.getTime() - alert.createdAt.getTime() },
        at: now,
      });
      return true;
    });
    if (!done) continue;
    publishAlertsCleared(ctx, [{ alertId: alert.alertId, locationId: alert.locationId }]);
    cleared++;
  }
  return { raised, cleared };
}

/**
 * The job: schedules its successor first (so a failing pass never ends the watch), then runs one
 * pass; a failure is logged and the next pass tries again.
 */
export async function tabletWatchJob(ctx: DomainContext): Promise<void> {
  await scheduleJob(ctx.db, {
    kind: TABLET_WATCH_JOB,
    key: TABLET_WATCH_KEY,
    dueAt: new Date(ctx.clock.now().getTime() + TABLET_WATCH_INTERVAL_MS),
  });
  try {
    await runTabletWatch(ctx);
  } catch (err) {
    console.error("[tablet-watch] pass failed:", err);
  }
}

/** At start-up: starts the watch unless a pass is already scheduled (restart-safe, idempotent). */
export async function ensureTabletWatch(ctx: DomainContext): Promise<void> {
  const live = await ctx.db.scheduledJob.count({
    where: { key: TABLET_WATCH_KEY, status: { in: ["PENDING", "RUNNING"] } },
  });
  if (live > 0) return;
  await scheduleJob(ctx.db, {
    kind: TABLET_WATCH_JOB,
    key: TABLET_WATCH_KEY,
    dueAt: ctx.clock.now(),
  });
}
