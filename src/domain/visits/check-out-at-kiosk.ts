import { hmac } from "@/src/domain/crypto";
import type { DomainContext } from "@/src/domain/db";
import { EVACUATION_OUTCOME, evacuationRunning } from "@/src/domain/evacuation/kiosk-guard";
import { localDay } from "@/src/domain/local-day";
import { OPEN_VISIT } from "@/src/domain/visits/capacity";
import { checkOutVisit } from "@/src/domain/visits/check-out";
import { verifyInvite } from "@/src/domain/visits/invite-token";
import type { KioskDevice } from "@/src/domain/visits/kiosk-check-in";
import type { CheckOutInput, KioskOutcome } from "@/src/domain/visits/kiosk-outcome";
import { recordLeaveCodeMiss, refuseBlockedLeaveCode } from "@/src/domain/visits/leave-code-throttle";
import { documentHashKey, parseMrz } from "@/src/domain/visits/mrz";
import { classifyScan } from "@/src/domain/visits/scan-classify";

/** A repeated check-out within this time answers "goodbye" again instead of "ask the desk". */
const REPEAT_WINDOW_MS = 2 * 60 * 1000;

/** Which visitor is leaving: by their pass, invite or document, or the leave code shown at check-in. */
async function visitorWhere(ctx: DomainContext, input: CheckOutInput) {
  if (input.kind === "leave-code") return /^\d{6,7}$/.test(input.code) ? { leaveCode: input.code } : null;
  const scan = classifyScan(input.text);
  if (scan.kind === "pass") return { visitor: { passId: scan.passId } };
  if (scan.kind === "invite") {
    const claims = verifyInvite(ctx.hmacKey, scan.token);
    return claims ? { appointmentId: claims.appointmentId } : null;
  }
  if (scan.kind === "mrz") {
    const doc = parseMrz(scan.lines.join("\n"), localDay(ctx.clock.now(), "Europe/Amsterdam"));
    return doc.ok
      ? { visitor: { documentHash: hmac(ctx.hmacKey, documentHashKey(doc.documentNumber, doc.issuingState)) } }
      : null;
  }
  return null;
}

export async function checkOutAtKiosk(
  ctx: DomainContext,
  device: KioskDevice,
  input: CheckOutInput,
): Promise<KioskOutcome> {
  // Guessing leave codes: blocked at this kiosk after too many misses (leave-code-throttle.ts).
  if (input.kind === "leave-code") await refuseBlockedLeaveCode(ctx, device);
  const where = await visitorWhere(ctx, input);
  if (!where) return nobodyToCheckOut(ctx, device);
  const actor = {
    type: "DEVICE" as const,
    id: device.id,
    kind: "KIOSK" as const,
    locationId: device.locationId,
    roomId: null,
  };
  const open = await ctx.db.visit.findFirst({
    where: { ...where, locationId: device.locationId, status: OPEN_VISIT },
    include: { visitor: { select: { firstName: true } } },
  });
  if (open) {
    await checkOutVisit(ctx, actor, open.id);
    return { step: "checked-out", firstName: open.visitor?.firstName ?? null };
  }
  if (input.kind === "leave-code") {
    await recordLeaveCodeMiss(ctx, device);
    return nobodyToCheckOut(ctx, device);
  }
  const recent = await ctx.db.visit.findFirst({
    where: {
      ...where,
      locationId: device.locationId,
      status: "CHECKED_OUT",
      checkedOutAt: { gte: new Date(ctx.clock.now().getTime() - REPEAT_WINDOW_MS) },
    },
    include: { visitor: { select: { firstName: true } } },
  });
  return recent ? { step: "checked-out", firstName: recent.visitor?.firstName ?? null } : nobodyToCheckOut(ctx, device);
}

/**
 * No visit to end: "please see the desk" — but not during an evacuation, when the desk is leaving
 * the building too. Then the kiosk shows the evacuation screen again (leave by the nearest exit):
 * a newcomer's scan there is taken as a check-out and must not send them inside to the desk.
 */
async function nobodyToCheckOut(ctx: DomainContext, device: KioskDevice): Promise<KioskOutcome> {
  return (await evacuationRunning(ctx.db, device.locationId))
    ? EVACUATION_OUTCOME
    : { step: "see-desk", reason: "code" };
}
