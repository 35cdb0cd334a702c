import type { VisitSummary } from "@/src/domain/events/domain-events";
import type { Visit, Visitor } from "@/src/generated/prisma/client";

/** First name and the initial of the last name: enough for the desk, no more. */
export function displayName(v: Pick<Visitor, "firstName" | "lastName"> | null): string {
  if (!v) return "?";
  return v.lastName ? `${v.firstName} ${v.lastName.charAt(0)}.` : v.firstName;
}

export function visitSummary(visit: Visit, visitor: Pick<Visitor, "firstName" | "lastName"> | null): VisitSummary {
  return {
    visitId: visit.id,
    locationId: visit.locationId,
    visitorName: displayName(visitor),
    method: visit.method,
    status: visit.status,
    hostId: visit.hostId,
    roomId: visit.roomId,
    checkedInAt: visit.checkedInAt.toISOString(),
    banAlert: visit.banAlert,
    rulesDeclined: visit.rulesDeclined,
    pickedUpAt: visit.pickedUpAt?.toISOString() ?? null,
    risky: visit.risky,
    waitAlertLevel: visit.waitAlertLevel,
  };
}
