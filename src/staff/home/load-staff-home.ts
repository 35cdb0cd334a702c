import { can } from "@/src/domain/access/permissions";
import { listDevices } from "@/src/domain/devices/devices";
import { openPresenceOf } from "@/src/domain/presence/presence";
import { domain } from "@/src/server/runtime";
import type { StaffActor } from "@/src/staff/shell/require-staff";

/**
 * The staff home: who is signed in, their locations, (for those who may see it) devices online,
 * and where they are signed in on the attendance register (for the one-tap "Ik ben binnen").
 */
export async function loadStaffHome(actor: StaffActor) {
  const ctx = await domain();
  const me = await ctx.db.staffMember.findUniqueOrThrow({
    where: { id: actor.id },
    select: { name: true, role: true },
  });
  const locations = await ctx.db.location.findMany({
    where: actor.role === "ADMIN" ? {} : { id: { in: actor.locationIds } },
    orderBy: { name: "asc" },
    select: { id: true, name: true, kind: true, capacity: true, timeZone: true },
  });
  const [devices, presence] = await Promise.all([
    can(actor, "devices.view")
      ? listDevices(
          ctx,
          locations.map((l) => l.id),
        )
      : null,
    can(actor, "presence.self") ? openPresenceOf(ctx.db, actor.id) : null,
  ]);
  return {
    staffId: actor.id,
    name: me.name,
    role: me.role,
    canSignInSelf: can(actor, "presence.self"),
    presence: presence ? { locationId: presence.locationId, since: presence.since.toISOString() } : null,
    renderedAt: ctx.clock.now().toISOString(),
    locations: locations.map((l) => {
      const mine = devices?.filter((d) => d.locationId === l.id && !d.revoked);
      return { ...l, devices: mine ? { online: mine.filter((d) => d.online).length, total: mine.length } : null };
    }),
  };
}
