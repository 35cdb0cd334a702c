// The shift briefing (overdracht): what the next shift must know at one location — who is in the
// building now, the visits still open (the long waits and flagged ones first), the desk alerts
// since the shift began and what is still unacknowledged, the day's appointments still to come,
// this week's incident team (who of them is in), and the alarms of the period (plus any still
// open) with their incident registration (a draft once the alarm is closed; the incident
// register completes it).
import type { Actor } from "@/src/domain/access/actor";
import { can, canSeeLocation } from "@/src/domain/access/permissions";
import { alarmsSince } from "@/src/domain/alarms/alarm-queries";
import { currentWeek, incidentTeam } from "@/src/domain/alarms/incident-team";
import type { DomainContext } from "@/src/domain/db";
import { type DeskAlertView, toView } from "@/src/domain/desk/desk-alerts";
import { AppError } from "@/src/domain/errors";
import { localDay, startOfDay } from "@/src/domain/local-day";
import { OPEN_VISIT } from "@/src/domain/visits/capacity";
import { displayName } from "@/src/domain/visits/visit-summary";
import type { AlarmLevel, AlarmOutcome, AlarmStatus } from "@/src/generated/prisma/enums";

export const BRIEFING_HOURS = [4, 8, 12, 24] as const;
export type BriefingHours = (typeof BRIEFING_HOURS)[number];
const HOUR = 3_600_000;

export interface BriefingVisit {
  visitId: string;
  /** Null for a role that may not see who visits (a staff member sees only their own visitors). */
  visitorName: string | null;
  status: "WAITING" | "WITH_HOST";
  checkedInAt: string;
  hostName: string | null;
  roomName: string | null;
  risky: boolean;
  banAlert: boolean;
  rulesDeclined: boolean;
}

export interface Briefing {
  locationId: string;
  since: string;
  now: string;
  staffPresent: { staffId: string; name: string; role: string; since: string }[];
  visits: BriefingVisit[];
  arrivalsSince: number;
  alerts: (DeskAlertView & { acknowledgedAt: string | null })[];
  appointmentsLeftToday: number;
  /** This week's incident team, and who of them is signed in here now. */
  incidentTeam: { staffId: string; name: string; present: boolean }[];
  /** Alarms raised in the period and any still open, newest first (cancelled ones left out). */
  alarms: BriefingAlarm[];
}

export interface BriefingAlarm {
  alarmId: string;
  raisedAt: string;
  roomName: string | null;
  floor: string | null;
  level: AlarmLevel;
  status: AlarmStatus;
  outcome: AlarmOutcome | null;
  test: boolean;
  /** Responders who answered "coming". */
  coming: number;
  /** The incident registration opened when the alarm was closed (status DRAFT until completed). */
  incident: { id: string; status: string } | null;
}

/** The briefing for one location over the last `hours` hours, as `actor` may see it. */
export async function loadBriefing(
  ctx: DomainContext,
  actor: Actor,
  location: { id: string; timeZone: string },
  hours: BriefingHours,
): Promise<Briefing> {
  if (!can(actor, "briefing.view") || !canSeeLocation(actor, location.id)) throw new AppError("FORBIDDEN");
  const now = ctx.clock.now();
  const since = new Date(now.getTime() - hours * HOUR);
  const tomorrow = startOfDay(localDay(new Date(now.getTime() + 24 * HOUR), location.timeZone), location.timeZone);
  const seesAllVisitors = can(actor, "visits.manage");
  const [presence, open, arrivalsSince, alerts, appointmentsLeftToday, team, alarms] = await Promise.all([
    ctx.db.staffPresence.findMany({
      where: { locationId: location.id, signedOutAt: null },
      orderBy: { signedInAt: "asc" },
      select: { signedInAt: true, staff: { select: { id: true, name: true, role: true } } },
    }),
    ctx.db.visit.findMany({
      where: { locationId: location.id, status: OPEN_VISIT },
      orderBy: { checkedInAt: "asc" },
      select: {
        id: true,
        status: true,
        checkedInAt: true,
        hostId: true,
        risky: true,
        banAlert: true,
        rulesDeclined: true,
        visitor: { select: { firstName: true, lastName: true } },
        host: { select: { name: true } },
        room: { select: { name: true } },
      },
    }),
    ctx.db.visit.count({ where: { locationId: location.id, checkedInAt: { gte: since } } }),
    ctx.db.deskAlert.findMany({
      where: { locationId: location.id, OR: [{ createdAt: { gte: since } }, { acknowledgedAt: null }] },
      orderBy: { createdAt: "desc" },
      take: 200,
    }),
    ctx.db.appointment.count({
      where: { locationId: location.id, status: "SCHEDULED", startsAt: { gte: now, lt: tomorrow } },
    }),
    incidentTeam(ctx.db, location.id, currentWeek(now, location.timeZone)),
    alarmsSince(ctx.db, location.id, since),
  ]);
  const incidents = await ctx.db.incident.findMany({
    where: { alarmId: { in: alarms.map((a) => a.id) } },
    select: { id: true, status: true, alarmId: true },
  });
  const incidentOf = new Map(incidents.map((i) => [i.alarmId, { id: i.id, status: i.status }]));
  const presentIds = new Set(presence.map((p) => p.staff.id));
  const own = (hostId: string | null) => actor.type === "STAFF" && hostId === actor.id;
  return {
    locationId: location.id,
    since: since.toISOString(),
    now: now.toISOString(),
    staffPresent: presence.map((p) => ({
      staffId: p.staff.id,
      name: p.staff.name,
      role: p.staff.role,
      since: p.signedInAt.toISOString(),
    })),
    visits: open.map((v) => ({
      visitId: v.id,
      visitorName: seesAllVisitors || own(v.hostId) ? displayName(v.visitor) : null,
      status: v.status as BriefingVisit["status"],
      checkedInAt: v.checkedInAt.toISOString(),
      hostName: v.host?.name ?? null,
      roomName: v.room?.name ?? null,
      risky: v.risky,
      banAlert: v.banAlert,
      rulesDeclined: v.rulesDeclined,
    })),
    arrivalsSince,
    // Ban alerts name a banned person: only for those who work the desk.
    alerts: alerts
      .filter((a) => can(actor, "desk.use") || a.kind !== "BAN_MATCH")
      .map((a) => ({ ...toView(a), acknowledgedAt: a.acknowledgedAt?.toISOString() ?? null })),
    appointmentsLeftToday,
    incidentTeam: team.map((m) => ({ ...m, present: presentIds.has(m.staffId) })),
    alarms: alarms.map((a) => ({
      alarmId: a.id,
      raisedAt: a.raisedAt,
      roomName: a.roomName,
      floor: a.floor,
      level: a.level,
      status: a.status,
      outcome: a.outcome,
      test: a.test,
      coming: a.responders.filter((r) => r.response === "COMING").length,
      incident: incidentOf.get(a.id) ?? null,
    })),
  };
}
