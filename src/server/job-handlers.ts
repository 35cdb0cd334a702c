// Every scheduled job kind and the domain function that runs it. Modules add theirs here.
import { expirePairingCode } from "@/src/domain/devices/devices";
import { runEndOfDay } from "@/src/domain/presence/presence";
import { END_OF_DAY_JOB } from "@/src/domain/presence/rules";
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
};
