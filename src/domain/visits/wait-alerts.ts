// Wait-time alerts (issue 4, part 4). A visitor who waits longer than the location's threshold
// (Location.waitAlertMinutes, default 10) raises a desk alert and a reminder to the host; again at
// twice the threshold. Driven by the persistent scheduler (a ScheduledJob row written in the
// visit's own transaction), so an alert due while the server was down fires after the restart.
//
// Only at appointment-based locations, where a visitor waits to be fetched. At a walk-in shelter
// or a residential location a checked-in guest is simply in (nobody comes to fetch them), so a
// wait alert there would fire for every guest.
//
// Banned visitors and visitors who declined the house rules get no wait alerts: the desk already
// has an open alert for them that must be handled first, and a reminder to the host could send
// the host to fetch someone the desk has to speak to (or keep out) first.
import { systemActor } from "@/src/domain/access/actor";
import { recordAudit } from "@/src/domain/audit/record-audit";
import type { DomainContext, Tx } from "@/src/domain/db";
import {
  clearVisitAlerts,
  publishAlertsCleared,
  publishDeskAlert,
  raiseDeskAlert,
} from "@/src/domain/desk/desk-alerts";
import { scheduleJob } from "@/src/domain/scheduler/jobs";
import { waitAlertKey } from "@/src/domain/visits/visit-follow-ups";
import { visitSummary } from "@/src/domain/visits/visit-summary";
import type { LocationKind } from "@/src/generated/prisma/enums";

export const WAIT_ALERT_JOB = "visit.wait_alert";
/** Level 1 at the threshold, level 2 at twice the threshold; nothing after that. */
export const MAX_WAIT_ALERT_LEVEL = 2;
const MINUTE = 60_000;

/** When wait alert `level` falls due for a visitor checked in at `checkedInAt`. */
export function waitAlertDueAt(checkedInAt: Date, thresholdMinutes: number, level: number): Date {
  return new Date(checkedInAt.getTime() + level * thresholdMinutes * MINUTE);
}

/** The alert level a visitor still waiting at `now` has reached (0, 1 or 2). Exactly at the threshold counts. */
export function waitAlertLevelAt(checkedInAt: Date, now: Date, thresholdMinutes: number): number {
  let level = 0;
  while (level < MAX_WAIT_ALERT_LEVEL && now >= waitAlertDueAt(checkedInAt, thresholdMinutes, level + 1)) level++;
  return level;
}

/** Wait alerts belong to locations where visitors wait to be fetched (see the comment at the top). */
export const locationHasWaitAlerts = (kind: LocationKind) => kind === "APPOINTMENT";

/** Whether a new visit gets wait alerts at all (see the comment at the top). */
export const wantsWaitAlerts = (v: { banAlert?: boolean; rulesDeclined?: boolean }) => !v.banAlert && !v.rulesDeclined;

/** Schedules wait alert `level` inside the caller's transaction (one upsert). */
export function scheduleWaitAlert(
  tx: Tx,
  visit: { id: string; checkedInAt: Date },
  thresholdMinutes: number,
  level = 1,
) {
  return scheduleJob(tx, {
    kind: WAIT_ALERT_JOB,
    key: waitAlertKey(visit.id, level),
    dueAt: waitAlertDueAt(visit.checkedInAt, thresholdMinutes, level),
    payload: { visitId: visit.id, level },
  });
}

/**
 * The job: if the visitor still waits and this level was not raised yet, raises the desk alert
 * (replacing the level-1 card at level 2), tells the host, records the level on the visit and
 * schedules the next level. A visit picked up, gone or already at this level: nothing happens.
 */
export async function fireWaitAlert(ctx: DomainContext, visitId: string, level: number): Promise<void> {
  const now = ctx.clock.now();
  const result = await ctx.db.$transaction(async (tx) => {
    const v = await tx.visit.findUnique({
      where: { id: visitId },
      include: {
        visitor: { select: { firstName: true, lastName: true } },
        location: { select: { waitAlertMinutes: true } },
      },
    });
    if (!v || v.status !== "WAITING") return null;
    const threshold = v.location.waitAlertMinutes;
    // After a long stop the visitor may already be past the next level: say what is true now.
    level = Math.max(level, waitAlertLevelAt(v.checkedInAt, now, threshold));
    if (v.waitAlertLevel >= level) return null;
    const visit = await tx.visit.update({ where: { id: visitId }, data: { waitAlertLevel: level } });
    const summary = visitSummary(visit, v.visitor);
    const cleared = level > 1 ? await clearVisitAlerts(tx, visitId, ["WAIT_TIME"], now) : [];
    const minutes = threshold * level;
    const alert = await raiseDeskAlert(tx, {
      locationId: v.locationId,
      kind: "WAIT_TIME",
      visitId,
      data: { level, minutes, visitorName: summary.visitorName, hostId: v.hostId },
      at: now,
    });
    if (level < MAX_WAIT_ALERT_LEVEL) await scheduleWaitAlert(tx, v, threshold, level + 1);
    else await tx.scheduledJob.deleteMany({ where: { key: waitAlertKey(visitId, 2), status: "PENDING" } });
    await recordAudit(tx, systemActor, {
      action: "visit.wait_alert",
      subjectType: "Visit",
      subjectId: visitId,
      locationId: v.locationId,
      data: { level, minutes },
      at: now,
    });
    return { summary, cleared, alert, minutes };
  });
  if (!result) return;
  const { summary, cleared, alert, minutes } = result;
  publishAlertsCleared(ctx, cleared);
  publishDeskAlert(ctx, alert);
  ctx.events.publish("visit.updated", summary);
  if (summary.hostId) {
    ctx.events.publish("visit.wait_reminder", {
      visitId,
      locationId: summary.locationId,
      hostId: summary.hostId,
      visitorName: summary.visitorName,
      level,
      minutes,
    });
  }
}
