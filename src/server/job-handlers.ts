// Every scheduled job kind and the domain function that runs it. Modules add theirs here.
import { expirePairingCode } from "@/src/domain/devices/devices";
import type { JobHandlers } from "@/src/domain/scheduler/run-due-jobs";
import { expireCalledTicket } from "@/src/domain/visits/capacity";

export const jobHandlers: JobHandlers = {
  "device.pairing_expiry": (ctx, p) => expirePairingCode(ctx, String(p.deviceId)),
  "queue.called_expiry": (ctx, p) => expireCalledTicket(ctx, String(p.ticketId)),
};
