// The weekly test alarm (SAVE rotates the team every week and tests it): pages the team like a
// real alarm, marked TEST, and keeps per responder and device the time to delivery and to answer.
import type { Actor } from "@/src/domain/access/actor";
import { canSeeLocation, requirePermission } from "@/src/domain/access/permissions";
import { type AlarmResponse, type AlarmView, loadAlarmViews } from "@/src/domain/alarms/alarm-view";
import { type ReceiptDevice, raiseAlarm } from "@/src/domain/alarms/alarms";
import type { DomainContext } from "@/src/domain/db";
import { AppError } from "@/src/domain/errors";

export interface TestAlarmResponderReport {
  staffId: string;
  name: string;
  /** Every device (socket) of this responder that confirmed the page, with its time to delivery. */
  devices: { socketId: string; userAgent: string | null; deliveryMs: number }[];
  /** ms from paging to the first delivery receipt; null: never delivered. */
  deliveryMs: number | null;
  /** ms from paging to the answer (COMING/CANT); null: never answered. */
  answerMs: number | null;
  response: AlarmResponse | null;
}

export interface TestAlarmReport {
  alarmId: string;
  raisedAt: string;
  openedAt: string | null;
  closedAt: string | null;
  status: AlarmView["status"];
  responders: TestAlarmResponderReport[];
}

/** A manager's weekly test: pages the team like a real alarm, marked TEST, with no room and no escalation. */
export async function runTestAlarm(
  ctx: DomainContext,
  actor: Actor,
  locationId: string,
): Promise<{ alarm: AlarmView }> {
  requirePermission(actor, "alarms.test");
  const { alarm } = await raiseAlarm(ctx, actor, {
    locationId,
    roomId: null,
    level: "ASSISTANCE",
    source: "TEST",
    test: true,
  });
  return { alarm };
}

/** The location's test alarms, newest first: per responder the time to delivery and to the answer. */
export async function testAlarmReports(
  ctx: DomainContext,
  actor: Actor,
  locationId: string,
): Promise<TestAlarmReport[]> {
  requirePermission(actor, "alarms.test");
  if (!canSeeLocation(actor, locationId)) throw new AppError("NOT_FOUND");
  const alarms = await loadAlarmViews(ctx.db, { locationId, test: true, status: { in: ["OPEN", "CLOSED"] } }, 20);
  const ms = (from: string, to: string | null) => (to ? new Date(to).getTime() - new Date(from).getTime() : null);
  const receipts = await ctx.db.auditEvent.findMany({
    where: { subjectType: "Alarm", subjectId: { in: alarms.map((a) => a.id) }, action: "alarm.delivered" },
    orderBy: { id: "asc" },
    select: { subjectId: true, data: true },
  });
  const devicesOf = (alarmId: string, staffId: string) =>
    receipts
      .filter((r) => r.subjectId === alarmId)
      .map((r) => JSON.parse(r.data ?? "{}") as { staffId?: string; afterMs?: number; device?: ReceiptDevice })
      .filter((d) => d.staffId === staffId && d.device)
      .filter((d, i, all) => all.findIndex((x) => x.device?.socketId === d.device?.socketId) === i)
      .map((d) => ({
        socketId: String(d.device?.socketId),
        userAgent: d.device?.userAgent ?? null,
        deliveryMs: Number(d.afterMs),
      }));
  return alarms.map((a) => ({
    alarmId: a.id,
    raisedAt: a.raisedAt,
    openedAt: a.openedAt,
    closedAt: a.closedAt,
    status: a.status,
    responders: a.responders.map((r) => ({
      staffId: r.staffId,
      name: r.name,
      devices: devicesOf(a.id, r.staffId),
      deliveryMs: ms(r.pagedAt, r.deliveredAt),
      answerMs: ms(r.pagedAt, r.respondedAt),
      response: r.response,
    })),
  }));
}
