// Desk alerts: what the reception must see and acknowledge. Raised inside the caller's
// transaction; the event is published by the caller after commit (see publishDeskAlert).
import type { Actor } from "@/src/domain/access/actor";
import { recordAudit } from "@/src/domain/audit/record-audit";
import type { Db, DomainContext, Tx } from "@/src/domain/db";
import { AppError } from "@/src/domain/errors";

export type DeskAlertKind =
  | "BAN_MATCH"
  | "RULES_DECLINED"
  | "SEE_DESK"
  /** A visitor has waited longer than the location's threshold (data: level, minutes). */
  | "WAIT_TIME"
  /** A colleague answered "not OK" to a risky-conversation check-in (data: room, host). */
  | "RISK_NOT_OK"
  /** A risky-conversation check-in went unanswered (data: room, host, missed). */
  | "RISK_UNANSWERED"
  /** An alarm nobody is coming to: call 112 (data: alarmId, roomName, floor, level, test, emergencyContacts, deskPhone). */
  | "ALARM_CALL_112"
  /** A room tablet (the room's panic button) has been silent for over 30 s (data: deviceId, deviceName, roomId, roomName, lastSeenAt). */
  | "TABLET_SILENT"
  /** A door stood open longer than its threshold (data: doorId, doorName, openedAt, seconds). */
  | "DOOR_HELD_OPEN"
  /** A door controller went offline; the door is in its safe state (data: doorId, doorName, safeState). */
  | "DOOR_CONTROLLER_OFFLINE";

export interface DeskAlertView {
  id: string;
  locationId: string;
  kind: DeskAlertKind;
  visitId: string | null;
  data: Record<string, unknown>;
  createdAt: string;
}

export async function raiseDeskAlert(
  tx: Tx,
  input: { locationId: string; kind: DeskAlertKind; visitId?: string | null; data?: Record<string, unknown>; at: Date },
): Promise<DeskAlertView> {
  const row = await tx.deskAlert.create({
    data: {
      locationId: input.locationId,
      kind: input.kind,
      visitId: input.visitId ?? null,
      data: JSON.stringify(input.data ?? {}),
      createdAt: input.at,
    },
  });
  return toView(row);
}

export function toView(row: {
  id: string;
  locationId: string;
  kind: string;
  visitId: string | null;
  data: string;
  createdAt: Date;
}): DeskAlertView {
  return {
    id: row.id,
    locationId: row.locationId,
    kind: row.kind as DeskAlertKind,
    visitId: row.visitId,
    data: JSON.parse(row.data),
    createdAt: row.createdAt.toISOString(),
  };
}

export function publishDeskAlert(ctx: DomainContext, alert: DeskAlertView) {
  ctx.events.publish("desk.alert_raised", alert);
}

export async function openDeskAlerts(db: Db, locationIds: string[]): Promise<DeskAlertView[]> {
  const rows = await db.deskAlert.findMany({
    where: { locationId: { in: locationIds }, acknowledgedAt: null },
    orderBy: { createdAt: "desc" },
  });
  return rows.map(toView);
}

export async function acknowledgeDeskAlert(ctx: DomainContext, actor: Actor & { type: "STAFF" }, alertId: string) {
  const now = ctx.clock.now();
  const alert = await ctx.db.$transaction(async (tx) => {
    const a = await tx.deskAlert.findUnique({ where: { id: alertId } });
    if (!a) throw new AppError("NOT_FOUND");
    if (actor.role !== "ADMIN" && !actor.locationIds.includes(a.locationId)) throw new AppError("FORBIDDEN");
    if (a.acknowledgedAt) return a;
    const updated = await tx.deskAlert.update({
      where: { id: alertId },
      data: { acknowledgedAt: now, acknowledgedById: actor.id },
    });
    await recordAudit(tx, actor, {
      action: "desk_alert.acknowledged",
      subjectType: "DeskAlert",
      subjectId: alertId,
      locationId: a.locationId,
      at: now,
    });
    return updated;
  });
  ctx.events.publish("desk.alert_acknowledged", { alertId, locationId: alert.locationId });
}

/**
 * Closes the open alerts of these kinds for a visit inside the caller's transaction (the visitor was
 * picked up, or left): the cause is gone, so nobody needs to acknowledge them. Returns what to
 * publish after commit with publishAlertsCleared.
 */
export async function clearVisitAlerts(
  tx: Tx,
  visitId: string,
  kinds: DeskAlertKind[],
  at: Date,
): Promise<{ alertId: string; locationId: string }[]> {
  const open = await tx.deskAlert.findMany({
    where: { visitId, kind: { in: kinds }, acknowledgedAt: null },
    select: { id: true, locationId: true },
  });
  if (open.length === 0) return [];
  await tx.deskAlert.updateMany({ where: { id: { in: open.map((a) => a.id) } }, data: { acknowledgedAt: at } });
  return open.map((a) => ({ alertId: a.id, locationId: a.locationId }));
}

export function publishAlertsCleared(ctx: DomainContext, cleared: { alertId: string; locationId: string }[]) {
  for (const c of cleared) ctx.events.publish("desk.alert_acknowledged", c);
}
