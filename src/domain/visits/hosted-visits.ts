// "Mijn bezoekers": the open visits a staff member hosts, with what only the host may see (the
// purpose: the `visits.purpose` rule lets the visit's own host see it).
import type { Actor } from "@/src/domain/access/actor";
import type { Db } from "@/src/domain/db";
import type { VisitSummary } from "@/src/domain/events/domain-events";
import { OPEN_VISIT } from "@/src/domain/visits/capacity";
import { visitSummary } from "@/src/domain/visits/visit-summary";

export type HostedVisit = VisitSummary & { purpose: string | null };

export interface HostedVisits {
  visits: HostedVisit[];
  /** Rooms per location of those visits (staff-only rooms left out). */
  rooms: Record<string, { id: string; name: string }[]>;
  /** Wait threshold per location, for the "waiting long" mark. */
  waitAlertMinutes: Record<string, number>;
}

export async function hostedVisits(db: Db, staff: Actor & { type: "STAFF" }): Promise<HostedVisits> {
  const [open, locations] = await Promise.all([
    db.visit.findMany({
      where: { hostId: staff.id, status: OPEN_VISIT },
      include: { visitor: { select: { firstName: true, lastName: true } } },
      orderBy: { checkedInAt: "asc" },
    }),
    db.location.findMany({
      where: staff.role === "ADMIN" ? {} : { id: { in: staff.locationIds } },
      select: {
        id: true,
        waitAlertMinutes: true,
        rooms: { where: { kind: { not: "STAFF_ONLY" } }, select: { id: true, name: true }, orderBy: { name: "asc" } },
      },
    }),
  ]);
  return {
    visits: open.map((v) => ({ ...visitSummary(v, v.visitor), purpose: v.purpose })),
    rooms: Object.fromEntries(locations.map((l) => [l.id, l.rooms])),
    waitAlertMinutes: Object.fromEntries(locations.map((l) => [l.id, l.waitAlertMinutes])),
  };
}
