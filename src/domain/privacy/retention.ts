// Retention (bewaartermijnen), enforced by the system: a daily job per location deletes what has
// outlived its period, except what an active ban or an open incident still holds, and leaves an
// audit event with the counts. Periods (docs/privacy.md):
// - Location.retentionDays (28): visits (with their risk checks and desk alerts), appointments,
//   queue numbers, staff presence, finished scheduler jobs;
// - Location.alarmRetentionDays (365): closed or cancelled alarms (with their pages), unless an
//   incident registration that is not closed holds them;
// - Location.incidentRetentionDays (1825): closed incident registrations;
// - Organisation.visitorRetentionDays (365): a visitor record (name, client pass, document hash)
//   with no visit or appointment left, counted from the last visit (noted on the record when its
//   visits expire) or its creation; never while a ban that is still in force names it.
import type { Actor } from "@/src/domain/access/actor";
import { recordAudit } from "@/src/domain/audit/record-audit";
import type { Db, DomainContext, Tx } from "@/src/domain/db";
import { addDays, localDay, localInstant } from "@/src/domain/local-day";
import { scheduleJob } from "@/src/domain/scheduler/jobs";

export const RETENTION_JOB = "privacy.retention";
export const retentionJobKey = (locationId: string, day: string) => `${RETENTION_JOB}:${locationId}:${day}`;
/** Local time of the daily run: a quiet hour at every kind of location (03:30). */
export const RETENTION_RUN_MINUTES = 3 * 60 + 30;

const DAY_MS = 24 * 60 * 60 * 1000;
const SYSTEM: Actor = { type: "SYSTEM", id: RETENTION_JOB };

export interface RetentionCounts {
  visits: number;
  appointments: number;
  queueTickets: number;
  deskAlerts: number;
  staffPresence: number;
  alarms: number;
  incidents: number;
  visitors: number;
  jobs: number;
}

interface RetentionLocation {
  id: string;
  timeZone: string;
  retentionDays: number;
  alarmRetentionDays: number;
  incidentRetentionDays: number;
  organisation: { visitorRetentionDays: number };
}

const before = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS);

/** Bans in force now: they hold the visits that matched them and the visitor records they name. */
async function bansInForce(tx: Tx, now: Date) {
  return tx.ban.findMany({
    where: { endedAt: null, startsAt: { lte: now }, endsAt: { gt: now } },
    select: { id: true, visitorId: true, passId: true, documentHash: true },
  });
}

/**
 * Deletes what has expired at one location (and visitor records nobody holds any more), in one
 * transaction with one audit event. Idempotent: a second run finds nothing.
 */
export async function runRetention(ctx: DomainContext, locationId: string): Promise<RetentionCounts | null> {
  const now = ctx.clock.now();
  const location = await ctx.db.location.findUnique({
    where: { id: locationId },
    select: {
      id: true,
      timeZone: true,
      retentionDays: true,
      alarmRetentionDays: true,
      incidentRetentionDays: true,
      organisation: { select: { visitorRetentionDays: true } },
    },
  });
  if (!location) return null;
  return ctx.db.$transaction(async (tx) => {
    const counts = await purgeLocation(tx, location, now);
    await recordAudit(tx, SYSTEM, {
      action: "privacy.retention_run",
      subjectType: "Location",
      subjectId: location.id,
      locationId: location.id,
      data: { ...counts },
      at: now,
    });
    await ensureRetentionJob(tx, location, now);
    return counts;
  });
}

async function purgeLocation(tx: Tx, location: RetentionLocation, now: Date): Promise<RetentionCounts> {
  const where = { locationId: location.id };
  const visitCutoff = before(now, location.retentionDays);
  const bans = await bansInForce(tx, now);
  const heldByBan = bans.map((b) => b.id);

  // Visits: their risk checks go with them (cascade), their desk alerts and pending jobs here.
  const visits = await tx.visit.findMany({
    // (SQL's NOT IN is never true for a null banId: hence the explicit null.)
    where: { ...where, checkedInAt: { lt: visitCutoff }, OR: [{ banId: null }, { banId: { notIn: heldByBan } }] },
    select: { id: true, visitorId: true, checkedInAt: true },
  });
  const visitIds = visits.map((v) => v.id);
  await noteLastVisits(tx, visits);
  const visitAlerts = await tx.deskAlert.deleteMany({ where: { visitId: { in: visitIds } } });
  // In slices: SQLite refuses an expression deeper than 1,000 terms (a first run on old data).
  for (let i = 0; i < visitIds.length; i += 200) {
    const slice = visitIds.slice(i, i + 200);
    await tx.scheduledJob.deleteMany({ where: { status: "PENDING", OR: slice.map((id) => jobsOfVisit(id)) } });
  }
  const deletedVisits = await tx.visit.deleteMany({ where: { id: { in: visitIds } } });

  const appointments = await tx.appointment.deleteMany({
    where: { ...where, startsAt: { lt: visitCutoff }, visit: { is: null } },
  });
  const queueTickets = await tx.queueTicket.deleteMany({ where: { ...where, createdAt: { lt: visitCutoff } } });
  // Other old alerts go too, except those of visits kept for a ban in force.
  const oldAlerts = await tx.deskAlert.findMany({
    where: { ...where, createdAt: { lt: visitCutoff } },
    select: { id: true, visitId: true },
  });
  const alertVisits = oldAlerts.flatMap((a) => (a.visitId ? [a.visitId] : []));
  const keptVisits = new Set(
    (await tx.visit.findMany({ where: { id: { in: alertVisits } }, select: { id: true } })).map((v) => v.id),
  );
  const otherAlerts = await tx.deskAlert.deleteMany({
    where: { id: { in: oldAlerts.filter((a) => !a.visitId || !keptVisits.has(a.visitId)).map((a) => a.id) } },
  });
  const staffPresence = await tx.staffPresence.deleteMany({
    where: { ...where, signedOutAt: { lt: visitCutoff } },
  });

  const heldAlarms = await tx.incident.findMany({
    where: { ...where, status: { not: "CLOSED" }, alarmId: { not: null } },
    select: { alarmId: true },
  });
  const expiredAlarms = await tx.alarm.findMany({
    where: {
      ...where,
      raisedAt: { lt: before(now, location.alarmRetentionDays) },
      status: { in: ["CLOSED", "CANCELLED"] },
      id: { notIn: heldAlarms.flatMap((i) => (i.alarmId ? [i.alarmId] : [])) },
    },
    select: { id: true },
  });
  // Their pages with them (AlarmPage has no foreign key to cascade: see the schema).
  const alarmIds = expiredAlarms.map((a) => a.id);
  await tx.alarmPage.deleteMany({ where: { alarmId: { in: alarmIds } } });
  const alarms = await tx.alarm.deleteMany({ where: { id: { in: alarmIds } } });
  const incidents = await tx.incident.deleteMany({
    where: { ...where, status: "CLOSED", createdAt: { lt: before(now, location.incidentRetentionDays) } },
  });

  const visitors = await purgeVisitors(tx, before(now, location.organisation.visitorRetentionDays), bans);
  const jobs = await tx.scheduledJob.deleteMany({
    where: { status: { not: "PENDING" }, finishedAt: { lt: visitCutoff } },
  });
  return {
    visits: deletedVisits.count,
    appointments: appointments.count,
    queueTickets: queueTickets.count,
    deskAlerts: visitAlerts.count + otherAlerts.count,
    staffPresence: staffPresence.count,
    alarms: alarms.count,
    incidents: incidents.count,
    visitors,
    jobs: jobs.count,
  };
}

/** A visit's pending follow-ups (wait alerts, risk checks) carry its id in their key. */
const jobsOfVisit = (visitId: string) => ({ key: { contains: `:${visitId}:` } });

/** Keeps the date of each visitor's latest expiring visit, so the visitor's own period can run from it. */
async function noteLastVisits(tx: Tx, visits: { visitorId: string | null; checkedInAt: Date }[]) {
  const latest = new Map<string, Date>();
  for (const v of visits) {
    if (!v.visitorId) continue;
    const seen = latest.get(v.visitorId);
    if (!seen || seen < v.checkedInAt) latest.set(v.visitorId, v.checkedInAt);
  }
  for (const [id, at] of latest) {
    await tx.visitor.updateMany({
      where: { id, OR: [{ lastVisitAt: null }, { lastVisitAt: { lt: at } }] },
      data: { lastVisitAt: at },
    });
  }
}

async function purgeVisitors(
  tx: Tx,
  cutoff: Date,
  bans: { visitorId: string | null; passId: string | null; documentHash: string | null }[],
): Promise<number> {
  const named = new Set(bans.flatMap((b) => [b.visitorId, b.passId, b.documentHash]).filter((k) => k != null));
  // The visitor an incident registration names is held while it is not closed (issue 8).
  const heldByIncident = await tx.incident.findMany({
    where: { status: { not: "CLOSED" }, visitorId: { not: null } },
    select: { visitorId: true },
  });
  for (const i of heldByIncident) if (i.visitorId) named.add(i.visitorId);
  const candidates = await tx.visitor.findMany({
    where: {
      visits: { none: {} },
      appointments: { none: {} },
      OR: [{ lastVisitAt: { lt: cutoff } }, { lastVisitAt: null, createdAt: { lt: cutoff } }],
    },
    select: { id: true, passId: true, documentHash: true },
  });
  const expired = candidates.filter((v) => ![v.id, v.passId, v.documentHash].some((k) => k != null && named.has(k)));
  const ids = expired.map((v) => v.id);
  if (ids.length === 0) return 0;
  await tx.rulesAcceptance.deleteMany({ where: { visitorId: { in: ids } } });
  const { count } = await tx.visitor.deleteMany({ where: { id: { in: ids } } });
  return count;
}

/** The location's next daily run at 03:30 local time (idempotent: keyed by location and day). */
export async function ensureRetentionJob(db: Db | Tx, location: { id: string; timeZone: string }, now: Date) {
  let day = localDay(now, location.timeZone);
  let at = localInstant(day, RETENTION_RUN_MINUTES, location.timeZone);
  if (at.getTime() <= now.getTime()) {
    day = addDays(day, 1);
    at = localInstant(day, RETENTION_RUN_MINUTES, location.timeZone);
  }
  const key = retentionJobKey(location.id, day);
  const existing = await db.scheduledJob.findUnique({ where: { key }, select: { id: true } });
  if (existing) return;
  await scheduleJob(db, { kind: RETENTION_JOB, key, dueAt: at, payload: { locationId: location.id } });
}

/** At start-up: every location has its next retention run scheduled. */
export async function ensureRetentionJobs(ctx: DomainContext): Promise<void> {
  const now = ctx.clock.now();
  const locations = await ctx.db.location.findMany({ select: { id: true, timeZone: true } });
  for (const l of locations) await ensureRetentionJob(ctx.db, l, now);
}
