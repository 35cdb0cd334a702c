// Data for the desk screen (server only; the page has checked `desk.use` and the location):
// who is in (open visits), who left today, the open desk alerts and, at a location with a
// capacity, the queue. The browser keeps it current from the realtime events.
import { type DeskAlertView, openDeskAlerts } from "@/src/domain/desk/desk-alerts";
import type { QueueSnapshot, VisitSummary } from "@/src/domain/events/domain-events";
import { localDay, startOfDay } from "@/src/domain/local-day";
import { CALLED_TICKET_TTL_MS, OPEN_VISIT, queueView } from "@/src/domain/visits/capacity";
import { visitSummary } from "@/src/domain/visits/visit-summary";
import { domain } from "@/src/server/runtime";
import type { StaffLocation } from "@/src/staff/desk/staff-locations";

export type DepartedVisit = VisitSummary & { checkedOutAt: string };

export interface DeskData {
  visits: VisitSummary[];
  departed: DepartedVisit[];
  arrivalsToday: number;
  alerts: DeskAlertView[];
  queue: Omit<QueueSnapshot, "locationId"> | null;
  /** Names of the staff who may host a visit here (the live events carry only the id). */
  hosts: Record<string, string>;
  /** Rooms a visitor can be moved to (staff-only rooms left out). */
  rooms: { id: string; name: string }[];
  /** How long a called queue number keeps its place. */
  calledTtlMinutes: number;
  renderedAt: string;
}

const visitor = { select: { firstName: true, lastName: true } } as const;

export async function loadDesk(location: StaffLocation): Promise<DeskData> {
  const ctx = await domain();
  const now = ctx.clock.now();
  const todayStart = startOfDay(localDay(now, location.timeZone), location.timeZone);
  const [open, departed, arrivalsToday, alerts, queue, staff, rooms] = await Promise.all([
    ctx.db.visit.findMany({
      where: { locationId: location.id, status: OPEN_VISIT },
      include: { visitor },
      orderBy: { checkedInAt: "asc" },
    }),
    ctx.db.visit.findMany({
      where: { locationId: location.id, status: "CHECKED_OUT", checkedOutAt: { gte: todayStart } },
      include: { visitor },
      orderBy: { checkedOutAt: "desc" },
      take: 100,
    }),
    ctx.db.visit.count({ where: { locationId: location.id, checkedInAt: { gte: todayStart } } }),
    openDeskAlerts(ctx.db, [location.id]),
    location.capacity != null ? queueView(ctx.db, location.id) : null,
    ctx.db.staffMember.findMany({
      where: {
        OR: [
          { locations: { some: { locationId: location.id } } },
          { hostedVisits: { some: { locationId: location.id } } },
        ],
      },
      select: { id: true, name: true },
    }),
    ctx.db.room.findMany({
      where: { locationId: location.id, kind: { not: "STAFF_ONLY" } },
      select: { id: true, name: true },
      orderBy: { name: "asc" },
    }),
  ]);
  return {
    visits: open.map((v) => visitSummary(v, v.visitor)),
    departed: departed.map((v) => ({ ...visitSummary(v, v.visitor), checkedOutAt: v.checkedOutAt!.toISOString() })),
    arrivalsToday,
    alerts,
    queue,
    hosts: Object.fromEntries(staff.map((s) => [s.id, s.name])),
    rooms,
    calledTtlMinutes: Math.round(CALLED_TICKET_TTL_MS / 60_000),
    renderedAt: now.toISOString(),
  };
}
