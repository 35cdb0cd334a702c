import type { DeviceKind } from "@/src/generated/prisma/enums";

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
}

export type DomainEventName = keyof DomainEvents;
export type DomainEvent = { [K in DomainEventName]: { name: K; payload: DomainEvents[K] } }[DomainEventName];
