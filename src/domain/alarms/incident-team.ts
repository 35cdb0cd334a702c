// The incident team (incidententeam) per location and week. The framework rotates a group of
// colleagues every week; when an alarm is raised, the members of this week's team who are in the
// building are paged, and when none of them is, everyone present is (no alarm goes unheard
// because the rota was thin that day).
import type { Actor } from "@/src/domain/access/actor";
import { canSeeLocation } from "@/src/domain/access/permissions";
import { recordAudit } from "@/src/domain/audit/record-audit";
import { type Db, type DomainContext, readAll, type Tx } from "@/src/domain/db";
import { AppError } from "@/src/domain/errors";
import { isCalendarDay, localDay, weekStartOf } from "@/src/domain/local-day";

export interface TeamMember {
  staffId: string;
  name: string;
}

/** This week's team at a location, by name. */
export async function incidentTeam(db: Db | Tx, locationId: string, weekStart: string): Promise<TeamMember[]> {
  const rows = await db.incidentTeamMember.findMany({
    where: { locationId, weekStart },
    select: { staff: { select: { id: true, name: true } } },
    orderBy: { staff: { name: "asc" } },
  });
  return rows.map((r) => ({ staffId: r.staff.id, name: r.staff.name }));
}

/** The week (its Monday) that `at` falls in, in the location's calendar. */
export const currentWeek = (at: Date, timeZone: string) => weekStartOf(localDay(at, timeZone));

/**
 * Sets the team of one week to exactly `staffIds`. Members must be active staff of the location;
 * the week is named by its Monday.
 */
export async function setIncidentTeam(
  ctx: DomainContext,
  actor: Actor,
  input: { locationId: string; weekStart: string; staffIds: string[] },
): Promise<TeamMember[]> {
  const { locationId, weekStart } = input;
  if (!canSeeLocation(actor, locationId)) throw new AppError("NOT_FOUND");
  if (!isCalendarDay(weekStart) || weekStartOf(weekStart) !== weekStart) {
    throw new AppError("VALIDATION", "A week starts on a Monday", { weekStart: ["not_monday"] });
  }
  const staffIds = [...new Set(input.staffIds)];
  const now = ctx.clock.now();
  const team = await ctx.db.$transaction(async (tx) => {
    const eligible = await tx.staffMember.findMany({
      where: { id: { in: staffIds }, active: true, locations: { some: { locationId } } },
      select: { id: true },
    });
    if (eligible.length !== staffIds.length) {
      throw new AppError("VALIDATION", "Only active staff of this location", { staffIds: ["not_at_location"] });
    }
    const before = await tx.incidentTeamMember.findMany({
      where: { locationId, weekStart },
      select: { staffId: true },
    });
    await tx.incidentTeamMember.deleteMany({ where: { locationId, weekStart, staffId: { notIn: staffIds } } });
    const kept = new Set(before.map((b) => b.staffId));
    const added = staffIds.filter((id) => !kept.has(id));
    if (added.length) {
      await tx.incidentTeamMember.createMany({ data: added.map((staffId) => ({ locationId, weekStart, staffId })) });
    }
    await recordAudit(tx, actor, {
      action: "incident_team.set",
      subjectType: "Location",
      subjectId: locationId,
      locationId,
      data: { weekStart, staffIds },
      at: now,
    });
    return incidentTeam(tx, locationId, weekStart);
  });
  ctx.events.publish("incident_team.changed", { locationId, weekStart });
  return team;
}

export interface Responders {
  staffIds: string[];
  /** "team": this week's team members present; "present": nobody of the team is in, so everyone present; "none": nobody is in. */
  basis: "team" | "present" | "none";
  /** The name of each of `staffIds` (a page shows the responder's own row by name). */
  names: Map<string, string>;
}

/**
 * Who is paged at a location now: the present members of this week's team, else all present staff.
 * On the path from press to pager: two queries at once, neither with a list of ids as parameters
 * (the week's team is small; it is matched with the present staff here).
 */
export async function respondersFor(
  db: Db | Tx,
  location: { id: string; timeZone: string },
  now: Date,
): Promise<Responders> {
  const [present, team] = await readAll(db, [
    () =>
      db.staffMember.findMany({
        where: { active: true, presence: { some: { locationId: location.id, signedOutAt: null } } },
        select: { id: true, name: true },
      }),
    () =>
      db.incidentTeamMember.findMany({
        where: { locationId: location.id, weekStart: currentWeek(now, location.timeZone) },
        select: { staffId: true },
      }),
  ] as const);
  const names = new Map(present.map((p) => [p.id, p.name]));
  if (!names.size) return { staffIds: [], basis: "none", names };
  const teamPresent = [...new Set(team.map((t) => t.staffId))].filter((id) => names.has(id));
  return teamPresent.length
    ? { staffIds: teamPresent.sort(), basis: "team", names }
    : { staffIds: [...names.keys()].sort(), basis: "present", names };
}

export interface PagingTargets {
  staffIds: string[];
  /**
   * As Responders.basis, plus the fallbacks for a building where nobody is signed in (not every
   * location registers presence yet, and an alarm must never page nobody): "team_absent" this
   * week's whole team, "location" every active staff member of the location.
   */
  basis: Responders["basis"] | "team_absent" | "location";
  names: Map<string, string>;
}

/** Whom an alarm pages now: `respondersFor`, and when nobody is present, the team, else the location's staff. */
export async function pagingTargets(
  db: Db | Tx,
  location: { id: string; timeZone: string },
  now: Date,
): Promise<PagingTargets> {
  const responders = await respondersFor(db, location, now);
  if (responders.staffIds.length) return responders;
  const week = currentWeek(now, location.timeZone);
  const team = await db.staffMember.findMany({
    where: { active: true, incidentTeams: { some: { locationId: location.id, weekStart: week } } },
    select: { id: true, name: true },
  });
  if (team.length) return targets(team, "team_absent");
  const all = await db.staffMember.findMany({
    where: { active: true, locations: { some: { locationId: location.id } } },
    select: { id: true, name: true },
  });
  return targets(all, "location");
}

function targets(staff: { id: string; name: string }[], basis: PagingTargets["basis"]): PagingTargets {
  const names = new Map(staff.map((s) => [s.id, s.name]));
  return { staffIds: [...names.keys()].sort(), basis, names };
}
