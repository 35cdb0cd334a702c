import { listDevices } from "@/src/domain/devices/devices";
import { domain } from "@/src/server/runtime";
import type { DeviceRow, LocationOption } from "@/src/staff/admin-devices/types";
import type { StaffActor } from "@/src/staff/shell/require-staff";

/** The device list for the admin page: the caller's locations (admins: all), with their rooms. */
export async function loadAdminDevices(actor: StaffActor): Promise<{
  locations: LocationOption[];
  devices: DeviceRow[];
}> {
  const ctx = await domain();
  const scope = actor.role === "ADMIN" ? "all" : actor.locationIds;
  const locations = await ctx.db.location.findMany({
    where: scope === "all" ? {} : { id: { in: scope } },
    orderBy: { name: "asc" },
    select: { id: true, name: true, rooms: { select: { id: true, name: true }, orderBy: { name: "asc" } } },
  });
  const devices = await listDevices(ctx, scope);
  return { locations, devices };
}
