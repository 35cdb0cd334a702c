import { listAlarmButtons } from "@/src/domain/alarms/buttons";
import { domain, runtime } from "@/src/server/runtime";
import type { AlarmButtonRow, ButtonLinkView, ButtonLocation } from "@/src/staff/admin-alarm-buttons/types";
import type { StaffActor } from "@/src/staff/shell/require-staff";

/** The buttons, the locations with their rooms (admins: all), and the MQTT link's state. */
export async function loadAlarmButtons(actor: StaffActor): Promise<{
  buttons: AlarmButtonRow[];
  locations: ButtonLocation[];
  link: ButtonLinkView;
}> {
  const ctx = await domain();
  const locations = await ctx.db.location.findMany({
    where: actor.role === "ADMIN" ? {} : { id: { in: actor.locationIds } },
    orderBy: { name: "asc" },
    select: { id: true, name: true, rooms: { select: { id: true, name: true }, orderBy: { name: "asc" } } },
  });
  const status = runtime().buttonLink?.status() ?? null;
  return {
    buttons: await listAlarmButtons(ctx, actor),
    locations,
    link: { configured: status !== null, state: status?.state ?? null, since: status?.since ?? null },
  };
}
