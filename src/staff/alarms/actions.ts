"use server";
// Server actions of the alarm screens: a manager's weekly test alarm, and the HTTP way for the
// answer and the all clear when the page's socket is not connected (the socket is the fast path).
import { z } from "zod";
import { requirePermission } from "@/src/domain/access/permissions";
import type { AlarmView } from "@/src/domain/alarms/alarm-view";
import { ALARM_OUTCOMES, ALARM_RESPONSES, closeAlarm, respondToAlarm } from "@/src/domain/alarms/alarms";
import { runTestAlarm } from "@/src/domain/alarms/test-alarm";
import { AppError } from "@/src/domain/errors";
import { type ActionResult, runAction } from "@/src/server/action-result";
import { getStaffActor } from "@/src/server/auth/get-actor";
import { domain } from "@/src/server/runtime";

const id = z.string().trim().min(1).max(100);

/** Pages the location's team marked TEST; answers how many were paged. */
export async function runTestAlarmAction(
  locationId: string,
): Promise<ActionResult<{ alarmId: string; paged: number }>> {
  return runAction(async () => {
    const actor = requirePermission(await getStaffActor(), "alarms.test");
    if (actor.type !== "STAFF") throw new AppError("FORBIDDEN");
    const { alarm } = await runTestAlarm(await domain(), actor, id.parse(locationId));
    return { alarmId: alarm.id, paged: alarm.responders.length };
  });
}

/** Anyone who may be paged: checked before any input is read. */
async function staffActor() {
  return requirePermission(await getStaffActor(), "alarms.respond");
}

/** "Ik kom eraan" / "Kan niet" (the domain checks that this person was paged). */
export async function respondToAlarmAction(alarmId: string, response: string): Promise<ActionResult<AlarmView>> {
  return runAction(async () => {
    const actor = await staffActor();
    const r = z.enum(ALARM_RESPONSES as [string, ...string[]]).parse(response) as "COMING" | "CANT";
    return respondToAlarm(await domain(), actor, id.parse(alarmId), r);
  });
}

/** The all clear with an outcome and a note (the domain checks who may close it). */
export async function closeAlarmAction(
  alarmId: string,
  outcome: string,
  note?: string,
): Promise<ActionResult<{ alarm: AlarmView; incidentId: string | null }>> {
  return runAction(async () => {
    const actor = await staffActor();
    const o = z.enum(ALARM_OUTCOMES as [string, ...string[]]).parse(outcome) as
      | "RESOLVED"
      | "FALSE_ALARM"
      | "POLICE_CALLED";
    const n = z.string().max(2000).optional().parse(note);
    return closeAlarm(await domain(), actor, id.parse(alarmId), { outcome: o, note: n });
  });
}
