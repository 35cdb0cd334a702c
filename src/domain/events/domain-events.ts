import type { DeskAlertView } from "@/src/domain/desk/desk-alerts";
import type { DeviceKind, VisitMethod, VisitStatus } from "@/src/generated/prisma/enums";

/** A visit as the desk and the host see it arrive or change. */
export interface VisitSummary {
  visitId: string;
  locationId: string;
  visitorName: string;
  method: VisitMethod;
  status: VisitStatus;
  hostId: string | null;
  roomId: string | null;
  checkedInAt: string;
  banAlert: boolean;
  rulesDeclined: boolean;
}

export interface QueueSnapshot {
  locationId: string;
  waiting: { id: string; number: number; since: string }[];
  called: { id: string; number: number; since: string }[];
}

/**
 * Every domain event, named `{entity}.{past-tense verb}`. Domain code publishes them after its
 * transaction commits; src/realtime maps them to socket rooms. Later modules add their own.
 */
export interface DomainEvents {
  "device.registered": { deviceId: string; locationId: string; kind: DeviceKind; name: string };
  "device.paired": { deviceId: string; locationId: string; kind: DeviceKind; name: string };
  "device.revoked": { deviceId: string; locationId: string };
  "device.presence_changed": { deviceId: string; locationId: string; online: boolean; lastSeenAt: string };
  "staff.changed": { staffId: string };
  "visit.checked_in": VisitSummary;
  "visit.checked_out": VisitSummary;
  "desk.alert_raised": DeskAlertView;
  "desk.alert_acknowledged": { alertId: string; locationId: string };
  "queue.changed": QueueSnapshot;
  /** A checked-in visitor may pass the controlled entrance (the doors module acts on it). */
  "door.release_requested": { locationId: string; visitId: string; reason: "check_in" };
  "house_rules.published": { locationId: string; version: number };
  "incident_team.changed": { locationId: string; weekStart: string };
}

export type DomainEventName = keyof DomainEvents;
export type DomainEvent = { [K in DomainEventName]: { name: K; payload: DomainEvents[K] } }[DomainEventName];
