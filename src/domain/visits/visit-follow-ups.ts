// What a visit leaves running in the background: wait-time alert jobs and alerts, and the
// risky-conversation check-in chain. One place to stop them, so pick-up, check-out (staff or
// kiosk) and no-show cannot forget one.
import type { Tx } from "@/src/domain/db";
import { clearVisitAlerts, type DeskAlertKind } from "@/src/domain/desk/desk-alerts";

/** Scheduler keys; `visit.wait_alert:<visitId>:<level>` and `visit.risk_check:<visitId>:<seq>`. */
export const waitAlertKey = (visitId: string, level: number) => `visit.wait_alert:${visitId}:${level}`;
export const riskCheckKey = (visitId: string, seq: number) => `visit.risk_check:${visitId}:${seq}`;

/**
 * Inside the caller's transaction: cancels the visit's pending wait-alert jobs and closes its open
 * wait alerts (the visitor no longer waits). When the visit `ended`, also the risk-check chain and
 * any "check went unanswered" flag; a "not OK" alert stays until someone acknowledges it.
 * Returns the closed alerts, to publish after commit (publishAlertsCleared).
 */
export async function stopVisitFollowUps(tx: Tx, visitId: string, at: Date, opts: { ended: boolean }) {
  await tx.scheduledJob.deleteMany({
    where: {
      status: "PENDING",
      OR: [
        { key: { startsWith: `visit.wait_alert:${visitId}:` } },
        ...(opts.ended ? [{ key: { startsWith: `visit.risk_check:${visitId}:` } }] : []),
      ],
    },
  });
  const kinds: DeskAlertKind[] = opts.ended ? ["WAIT_TIME", "RISK_UNANSWERED"] : ["WAIT_TIME"];
  return clearVisitAlerts(tx, visitId, kinds, at);
}
