// Server side of the desk's alarm panel: the location's open alarms and what the desk needs when
// an alarm escalates (emergency contacts, the desk's own phone).

import { openAlarmsAt } from "@/src/domain/alarms/alarm-queries";
import type { AlarmView } from "@/src/domain/alarms/alarm-view";
import { domain } from "@/src/server/runtime";
import type { StaffActor } from "@/src/staff/shell/require-staff";

export interface DeskAlarmData {
  locationId: string;
  alarms: AlarmView[];
  emergencyContacts: string;
  deskPhone: string | null;
  renderedAt: string;
}

export async function loadDeskAlarms(actor: StaffActor, locationId: string): Promise<DeskAlarmData> {
  const ctx = await domain();
  const [alarms, location] = await Promise.all([
    openAlarmsAt(ctx, actor, locationId),
    ctx.db.location.findUnique({ where: { id: locationId }, select: { emergencyContacts: true, deskPhone: true } }),
  ]);
  return {
    locationId,
    alarms,
    emergencyContacts: location?.emergencyContacts ?? "",
    deskPhone: location?.deskPhone ?? null,
    renderedAt: ctx.clock.now().toISOString(),
  };
}
