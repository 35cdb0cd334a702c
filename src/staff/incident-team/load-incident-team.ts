// Data for the incident-team screen: the chosen week's team at one location, the staff who can
// be on it, and the weeks to choose from (last week, this week and the next four).

import { currentWeek, incidentTeam } from "@/src/domain/alarms/incident-team";
import { addDays } from "@/src/domain/local-day";
import { domain } from "@/src/server/runtime";
import type { StaffLocation } from "@/src/staff/desk/staff-locations";

export interface IncidentTeamData {
  weekStart: string;
  thisWeek: string;
  weeks: string[];
  members: string[];
  /** Who may be on the team: active staff of the location. */
  staff: { id: string; name: string; role: string }[];
  /** The week before's team, to copy from. */
  previous: string[];
}

export async function loadIncidentTeam(location: StaffLocation, requestedWeek?: string): Promise<IncidentTeamData> {
  const ctx = await domain();
  const thisWeek = currentWeek(ctx.clock.now(), location.timeZone);
  const weeks = [-1, 0, 1, 2, 3, 4].map((n) => addDays(thisWeek, 7 * n));
  const weekStart = weeks.find((w) => w === requestedWeek) ?? thisWeek;
  const [members, previous, staff] = await Promise.all([
    incidentTeam(ctx.db, location.id, weekStart),
    incidentTeam(ctx.db, location.id, addDays(weekStart, -7)),
    ctx.db.staffMember.findMany({
      where: { active: true, locations: { some: { locationId: location.id } } },
      select: { id: true, name: true, role: true },
      orderBy: { name: "asc" },
    }),
  ]);
  return {
    weekStart,
    thisWeek,
    weeks,
    members: members.map((m) => m.staffId),
    staff,
    previous: previous.map((m) => m.staffId),
  };
}
