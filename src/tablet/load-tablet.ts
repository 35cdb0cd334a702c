// Server side of the room tablet (/panic): the room's open alarm after a reload (roomAlarm) and
// the fallback the tablet shows when it cannot reach anyone (the location's desk phone).
import type { Actor } from "@/src/domain/access/actor";
import { roomAlarm } from "@/src/domain/alarms/alarm-queries";
import type { AlarmView } from "@/src/domain/alarms/alarm-view";
import { domain } from "@/src/server/runtime";

export interface TabletData {
  deviceId: string;
  roomBound: boolean;
  deskPhone: string | null;
  alarm: AlarmView | null;
}

export async function loadTablet(actor: Actor & { type: "DEVICE" }): Promise<TabletData> {
  const ctx = await domain();
  const location = await ctx.db.location.findUnique({ where: { id: actor.locationId }, select: { deskPhone: true } });
  return {
    deviceId: actor.id,
    roomBound: !!actor.roomId,
    deskPhone: location?.deskPhone ?? null,
    alarm: await roomAlarm(ctx, actor),
  };
}
