// Every scheduled job kind and the domain function that runs it. Modules add theirs here.
import {
  ALARM_ESCALATE_JOB,
  ALARM_OPEN_JOB,
  ALARM_TEST_END_JOB,
  endTestAlarm,
  escalateAlarm,
  openAlarm,
} from "@/src/domain/alarms/alarms";
import { AUDIT_PRUNE_JOB, auditPruneJob } from "@/src/domain/audit/audit-retention";
import { expirePairingCode } from "@/src/domain/devices/devices";
import { TABLET_WATCH_JOB, tabletWatchJob } from "@/src/domain/devices/tablet-watch";
import { DOOR_HELD_OPEN_JOB, DOOR_RELEASE_TIMEOUT_JOB, heldOpenCheck, releaseTimedOut } from "@/src/domain/doors/doors";
import {
  aftercareDue,
  INCIDENT_AFTERCARE_JOB,
  INCIDENT_RESPONSE_OVERDUE_JOB,
  INCIDENT_RESPONSE_REMINDER_JOB,
  responseOverdue,
  responseReminder,
} from "@/src/domain/incidents/incidents";
import { runEndOfDay } from "@/src/domain/presence/presence";
import { END_OF_DAY_JOB } from "@/src/domain/presence/rules";
import { RETENTION_JOB, runRetention } from "@/src/domain/privacy/retention";
import type { JobHandlers } from "@/src/domain/scheduler/run-due-jobs";
import { expireCalledTicket } from "@/src/domain/visits/capacity";
import { promptRiskCheck, RISK_CHECK_JOB } from "@/src/domain/visits/risk-checks";
import { fireWaitAlert, WAIT_ALERT_JOB } from "@/src/domain/visits/wait-alerts";

export const jobHandlers: JobHandlers = {
  "device.pairing_expiry": (ctx, p) => expirePairingCode(ctx, String(p.deviceId)),
  "queue.called_expiry": (ctx, p) => expireCalledTicket(ctx, String(p.ticketId)),
  [END_OF_DAY_JOB]: async (ctx, p) => {
    await runEndOfDay(ctx, { locationId: String(p.locationId), day: String(p.day) });
  },
  [WAIT_ALERT_JOB]: (ctx, p) => fireWaitAlert(ctx, String(p.visitId), Number(p.level)),
  [RISK_CHECK_JOB]: (ctx, p) => promptRiskCheck(ctx, String(p.visitId), Number(p.seq)),
  [ALARM_OPEN_JOB]: async (ctx, p) => {
    await openAlarm(ctx, String(p.alarmId));
  },
  [ALARM_ESCALATE_JOB]: async (ctx, p) => {
    await escalateAlarm(ctx, String(p.alarmId), Number(p.step));
  },
  [ALARM_TEST_END_JOB]: (ctx, p) => endTestAlarm(ctx, String(p.alarmId)),
  [TABLET_WATCH_JOB]: (ctx) => tabletWatchJob(ctx),
  [AUDIT_PRUNE_JOB]: (ctx, p) => auditPruneJob(ctx, Number(p.keepDays)),
  [RETENTION_JOB]: async (ctx, p) => {
    await runRetention(ctx, String(p.locationId));
  },
  [DOOR_RELEASE_TIMEOUT_JOB]: (ctx, p) => releaseTimedOut(ctx, String(p.doorId), String(p.until)),
  [DOOR_HELD_OPEN_JOB]: async (ctx, p) => {
    await heldOpenCheck(ctx, String(p.doorId), String(p.openedAt));
  },
  [INCIDENT_AFTERCARE_JOB]: async (ctx, p) => {
    await aftercareDue(ctx, String(p.taskId));
  },
  [INCIDENT_RESPONSE_REMINDER_JOB]: async (ctx, p) => {
    await responseReminder(ctx, String(p.incidentId));
  },
  [INCIDENT_RESPONSE_OVERDUE_JOB]: async (ctx, p) => {
    await responseOverdue(ctx, String(p.incidentId));
  },
};
