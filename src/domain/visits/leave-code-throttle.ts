// Guessing a leave code (6 digits, shown to a visitor at check-in) at a kiosk: every well-formed
// code that matches no open visit counts against that kiosk; LEAVE_CODE_MISS_LIMIT misses within
// 15 minutes block leave codes at that kiosk for 15 minutes (a pass, invite or document still
// checks out; the desk can always check anyone out, and nobody is ever kept inside). The counts
// live in the LoginThrottle table, so a restart or a second process does not reset them.
import { recordAudit } from "@/src/domain/audit/record-audit";
import type { DomainContext } from "@/src/domain/db";
import { AppError } from "@/src/domain/errors";
import { blockedUntil, recordFailure } from "@/src/domain/staff/login-throttle";
import type { KioskDevice } from "@/src/domain/visits/kiosk-check-in";

export const LEAVE_CODE_MISS_LIMIT = 10;

const leaveCodeKey = (deviceId: string) => `kiosk-leave-code:${deviceId}`;

/** Throws RATE_LIMITED (429) while leave codes are blocked at this kiosk. */
export async function refuseBlockedLeaveCode(ctx: DomainContext, device: KioskDevice): Promise<void> {
  if (await blockedUntil(ctx.db, [leaveCodeKey(device.id)], ctx.clock.now())) throw new AppError("RATE_LIMITED");
}

/** Counts a miss; the miss that starts a block leaves an audit event (never the code itself). */
export async function recordLeaveCodeMiss(ctx: DomainContext, device: KioskDevice): Promise<void> {
  const now = ctx.clock.now();
  const key = leaveCodeKey(device.id);
  await recordFailure(ctx.db, [{ key, limit: LEAVE_CODE_MISS_LIMIT }], now);
  const until = await blockedUntil(ctx.db, [key], now);
  if (!until) return;
  await ctx.db.$transaction((tx) =>
    recordAudit(
      tx,
      { type: "DEVICE", id: device.id, kind: "KIOSK", locationId: device.locationId, roomId: null },
      {
        action: "kiosk.leave_codes_blocked",
        subjectType: "Device",
        subjectId: device.id,
        locationId: device.locationId,
        data: { misses: LEAVE_CODE_MISS_LIMIT, until: until.toISOString() },
        at: now,
      },
    ),
  );
}
