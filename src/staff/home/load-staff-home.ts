import { can } from "@/src/domain/access/permissions";
import { listDevices } from "@/src/domain/devices/devices";
import { domain } from "@/src/server/runtime";
import type { StaffActor } from "@/src/staff/shell/require-staff";

/** The staff home: who is signed in, their locations, and (for those who may see it) devices online. */
export async function loadStaffHome(actor: StaffActor) {
  const ctx = await domain();
  const me = await ctx.db.staffMember.findUniqueOrThrow({
    where: { id: actor.id },
    select: { name: true, role: true },
  });
  const locations = await ctx.db.location.findMany({
    where: actor.role === "ADMIN" ? {} : { id: { in: actor.locationIds } },
    orderBy: { name: "asc" },
    select: { id: true, name: true, kind: true, capacity: true },
  });
  const devices = can(actor, "devices.view")
    ? await listDevices(
        ctx,
        locations.map((l) => l.id),
      )
    : null;
  return {
    name: me.name,
    role: me.role,
    locations: locations.map((l) => {
      const mine = devices?.filter((d) => d.locationId === l.id && !d.revoked);
      return { ...l, devices: mine ? { online: mine.filter((d) => d.online).length, total: mine.length } : null };
    }),
  };
}
