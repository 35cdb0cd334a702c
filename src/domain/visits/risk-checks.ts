// Risky conversations (risicogesprek, issue 4 part 6), as the framework describes them: before a
// risky conversation colleagues are told the room, and they check in on it. The conversation
// starts when the host picks the visitor up (WAITING → WITH_HOST): before that the visitor sits
// in the waiting room under the desk's eyes, and only then is the host alone with them in a room.
// From then on, every Location.riskCheckMinutes (default 10) the colleagues present get a prompt
// ("alles goed?") until the visit ends; check-out cancels the chain (stopVisitFollowUps).
//
// Colleagues present = open StaffPresence rows (signedOutAt null) at the location, host excluded.
// While nobody is signed in (presence is new and not every location uses badges yet) the events
// go to the location's whole staff room instead (RiskAudience.staffIds empty), so a prompt is
// never sent to nobody.
import { type Actor, systemActor } from "@/src/domain/access/actor";
import { canSeeLocation, requirePermission } from "@/src/domain/access/permissions";
import { publishRaised, raiseAlarmInTx } from "@/src/domain/alarms/alarms";
import { recordAudit } from "@/src/domain/audit/record-audit";
import type { Db, DomainContext, Tx } from "@/src/domain/db";
import {
  clearVisitAlerts,
  type DeskAlertView,
  publishAlertsCleared,
  publishDeskAlert,
  raiseDeskAlert,
} from "@/src/domain/desk/desk-alerts";
import { AppError } from "@/src/domain/errors";
import type { RiskAudience } from "@/src/domain/events/domain-events";
import { scheduleJob } from "@/src/domain/scheduler/jobs";
import { riskCheckKey } from "@/src/domain/visits/visit-follow-ups";

export const RISK_CHECK_JOB = "visit.risk_check";
const MINUTE = 60_000;

/** When the next prompt is due after `from` (the start of the conversation or the previous prompt). */
export function nextRiskCheckAt(from: Date, intervalMinutes: number): Date {
  return new Date(from.getTime() + intervalMinutes * MINUTE);
}

/** Inside the caller's transaction (the pick-up): schedules the first prompt. */
export function startRiskChecks(tx: Tx, visitId: string, at: Date, intervalMinutes: number) {
  return scheduleJob(tx, {
    kind: RISK_CHECK_JOB,
    key: riskCheckKey(visitId, 1),
    dueAt: nextRiskCheckAt(at, intervalMinutes),
    payload: { visitId, seq: 1 },
  });
}

/** Who hears about a risky visit, with the room and host as they are now. */
export async function riskAudience(db: Db | Tx, visitId: string): Promise<RiskAudience | null> {
  const v = await db.visit.findUnique({
    where: { id: visitId },
    select: {
      id: true,
      locationId: true,
      hostId: true,
      host: { select: { name: true } },
      room: { select: { name: true } },
    },
  });
  if (!v) return null;
  const present = await db.staffPresence.findMany({
    where: { locationId: v.locationId, signedOutAt: null, ...(v.hostId ? { staffId: { not: v.hostId } } : {}) },
    select: { staffId: true },
  });
  return {
    visitId: v.id,
    locationId: v.locationId,
    hostId: v.hostId,
    hostName: v.host?.name ?? null,
    roomName: v.room?.name ?? null,
    staffIds: [...new Set(present.map((p) => p.staffId))],
  };
}

/**
 * The job: while the conversation goes on (visit WITH_HOST), writes a new prompt, flags at the desk
 * when the previous one went unanswered, and schedules the next. Ended visits: nothing.
 */
export async function promptRiskCheck(ctx: DomainContext, visitId: string, seq: number): Promise<void> {
  const now = ctx.clock.now();
  const result = await ctx.db.$transaction(async (tx) => {
    const v = await tx.visit.findUnique({
      where: { id: visitId },
      select: { status: true, risky: true, locationId: true, location: { select: { riskCheckMinutes: true } } },
    });
    if (!v || !v.risky || v.status !== "WITH_HOST") return null;
    const audience = await riskAudience(tx, visitId);
    if (!audience) return null;
    const missed = await tx.riskCheck.count({ where: { visitId, answeredAt: null } });
    let alert: DeskAlertView | null = null;
    let cleared: { alertId: string; locationId: string }[] = [];
    if (missed > 0) {
      // One open "unanswered" card per visit, refreshed with the latest count.
      cleared = await clearVisitAlerts(tx, visitId, ["RISK_UNANSWERED"], now);
      alert = await raiseDeskAlert(tx, {
        locationId: v.locationId,
        kind: "RISK_UNANSWERED",
        visitId,
        data: { roomName: audience.roomName, hostName: audience.hostName, missed },
        at: now,
      });
    }
    const check = await tx.riskCheck.create({ data: { visitId, promptedAt: now } });
    await recordAudit(tx, systemActor, {
      action: "risk_check.prompted",
      subjectType: "Visit",
      subjectId: visitId,
      locationId: v.locationId,
      data: { riskCheckId: check.id, missed, colleagues: audience.staffIds.length },
      at: now,
    });
    await scheduleJob(tx, {
      kind: RISK_CHECK_JOB,
      key: riskCheckKey(visitId, seq + 1),
      dueAt: nextRiskCheckAt(now, v.location.riskCheckMinutes),
      payload: { visitId, seq: seq + 1 },
    });
    return { audience, check, missed, alert, cleared };
  });
  if (!result) return;
  publishAlertsCleared(ctx, result.cleared);
  if (result.alert) publishDeskAlert(ctx, result.alert);
  ctx.events.publish("risk_check.prompted", {
    ...result.audience,
    riskCheckId: result.check.id,
    promptedAt: now.toISOString(),
    missed: result.missed,
  });
}

/**
 * A colleague answered "not OK" during a risky conversation: an ASSISTANCE alarm for the visit's
 * room, raised through the alarm pipeline (source RISK_CHECK: no cancel window, the incident team
 * is paged at once; a second "not OK" joins the room's open alarm). Without a room there is no
 * place to send anyone to, so the desk gets the prominent RISK_NOT_OK alert (room unknown, host)
 * instead. Inside the caller's transaction; the caller publishes the result after commit
 * (publishRiskAssistance).
 */
export async function raiseRiskAssistance(
  tx: Tx,
  input: {
    locationId: string;
    visitId: string;
    riskCheckId: string;
    roomId: string | null;
    roomName: string | null;
    hostName: string | null;
    answeredById: string | null;
    at: Date;
  },
): Promise<RiskAssistance> {
  if (input.roomId) {
    const alarm = await raiseAlarmInTx(
      tx,
      systemActor,
      { locationId: input.locationId, roomId: input.roomId, level: "ASSISTANCE", source: "RISK_CHECK" },
      input.at,
    );
    return { alert: null, alarm };
  }
  const alert = await raiseDeskAlert(tx, {
    locationId: input.locationId,
    kind: "RISK_NOT_OK",
    visitId: input.visitId,
    data: {
      riskCheckId: input.riskCheckId,
      roomName: input.roomName,
      hostName: input.hostName,
      answeredById: input.answeredById,
    },
    at: input.at,
  });
  return { alert, alarm: null };
}

export interface RiskAssistance {
  alert: DeskAlertView | null;
  alarm: Awaited<ReturnType<typeof raiseAlarmInTx>> | null;
}

/** After the commit: the desk alert, or the alarm's events (pages first). */
export async function publishRiskAssistance(ctx: DomainContext, r: RiskAssistance): Promise<string | null> {
  if (r.alert) publishDeskAlert(ctx, r.alert);
  if (!r.alarm) return null;
  return (await publishRaised(ctx, r.alarm)).id;
}

/**
 * A colleague answers a prompt. The first answer closes the prompt for everyone; a later "not OK"
 * still raises the alert (one colleague's "all fine" never silences another's worry). Answering
 * also closes the "check went unanswered" flag of the visit.
 */
export async function answerRiskCheck(
  ctx: DomainContext,
  actor: Actor,
  input: { riskCheckId: string; ok: boolean },
): Promise<{ ok: boolean; alertId: string | null; alarmId: string | null }> {
  requirePermission(actor, "risk_checks.answer");
  const now = ctx.clock.now();
  const answeredById = actor.type === "STAFF" ? actor.id : null;
  const result = await ctx.db.$transaction(async (tx) => {
    const check = await tx.riskCheck.findUnique({
      where: { id: input.riskCheckId },
      include: { visit: { select: { locationId: true, roomId: true } } },
    });
    if (!check) throw new AppError("NOT_FOUND");
    if (!canSeeLocation(actor, check.visit.locationId)) throw new AppError("FORBIDDEN");
    const audience = await riskAudience(tx, check.visitId);
    if (!audience) throw new AppError("NOT_FOUND");
    const first = !check.answeredAt;
    if (first) {
      await tx.riskCheck.update({ where: { id: check.id }, data: { answeredAt: now, answeredById, ok: input.ok } });
    }
    // Every earlier prompt of the visit counts as answered too: someone looked just now.
    await tx.riskCheck.updateMany({
      where: { visitId: check.visitId, answeredAt: null, promptedAt: { lte: check.promptedAt } },
      data: { answeredAt: now, answeredById, ok: input.ok },
    });
    const cleared = await clearVisitAlerts(tx, check.visitId, ["RISK_UNANSWERED"], now);
    const assistance = input.ok
      ? null
      : await raiseRiskAssistance(tx, {
          locationId: check.visit.locationId,
          visitId: check.visitId,
          riskCheckId: check.id,
          roomId: check.visit.roomId,
          roomName: audience.roomName,
          hostName: audience.hostName,
          answeredById,
          at: now,
        });
    await recordAudit(tx, actor, {
      action: input.ok ? "risk_check.ok" : "risk_check.not_ok",
      subjectType: "Visit",
      subjectId: check.visitId,
      locationId: check.visit.locationId,
      data: {
        riskCheckId: check.id,
        first,
        ...(assistance
          ? { alarmId: assistance.alarm?.effects.alarmId ?? null, deskAlertId: assistance.alert?.id ?? null }
          : {}),
      },
      at: now,
    });
    return { audience, cleared, assistance };
  });
  publishAlertsCleared(ctx, result.cleared);
  const alarmId = result.assistance ? await publishRiskAssistance(ctx, result.assistance) : null;
  ctx.events.publish("risk_check.answered", { ...result.audience, riskCheckId: input.riskCheckId, ok: input.ok });
  return { ok: input.ok, alertId: result.assistance?.alert?.id ?? null, alarmId };
}

/** Open prompts a colleague should see now (after a reload or reconnect): the newest per visit. */
export async function openRiskPrompts(
  db: Db,
  staff: { id: string; locationIds: string[]; role?: string },
): Promise<(RiskAudience & { riskCheckId: string; promptedAt: string; missed: number })[]> {
  const checks = await db.riskCheck.findMany({
    where: {
      answeredAt: null,
      visit: {
        status: "WITH_HOST",
        risky: true,
        ...(staff.role === "ADMIN" ? {} : { locationId: { in: staff.locationIds } }),
        OR: [{ hostId: null }, { hostId: { not: staff.id } }],
      },
    },
    orderBy: { promptedAt: "desc" },
    select: { id: true, visitId: true, promptedAt: true },
  });
  const newest = new Map<string, (typeof checks)[number]>();
  const missed = new Map<string, number>();
  for (const c of checks) {
    if (!newest.has(c.visitId)) newest.set(c.visitId, c);
    else missed.set(c.visitId, (missed.get(c.visitId) ?? 0) + 1);
  }
  const out = [];
  for (const c of newest.values()) {
    const audience = await riskAudience(db, c.visitId);
    // Sent to the present colleagues only, when anyone is present (see the comment at the top).
    if (!audience || (audience.staffIds.length > 0 && !audience.staffIds.includes(staff.id))) continue;
    out.push({
      ...audience,
      riskCheckId: c.id,
      promptedAt: c.promptedAt.toISOString(),
      missed: missed.get(c.visitId) ?? 0,
    });
  }
  return out;
}
