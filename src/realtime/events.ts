// Typed socket.io event maps, shared by the server (src/realtime/attach.ts) and the browser
// (src/realtime/client). Server-to-client events are the domain events, under the same names.
import type { DomainEventName, DomainEvents } from "@/src/domain/events/domain-events";

export type ServerToClientEvents = { [K in DomainEventName]: (payload: DomainEvents[K]) => void } & {
  /** Sent before the server closes a socket whose credential stopped being valid. */
  "session.ended": (payload: { reason: "revoked" | "deactivated" | "changed" }) => void;
};

export type Ack = (result: { ok: boolean }) => void;

export interface ClientToServerEvents {
  /** Devices send this every HEARTBEAT_INTERVAL_MS; the server keeps last-seen current. */
  "device.heartbeat": (ack?: Ack) => void;
}

export const HEARTBEAT_INTERVAL_MS = 10_000;

/** Room names: one place, so the server's joins and emits cannot drift apart. */
export const rooms = {
  staff: (staffId: string) => `staff:${staffId}`,
  device: (deviceId: string) => `device:${deviceId}`,
  locationStaff: (locationId: string) => `location:${locationId}:staff`,
  /** Staff who may see the location's device list (permission devices.view). */
  locationDevices: (locationId: string) => `location:${locationId}:devices`,
  /** The reception: staff with desk.use and desk-screen devices. Ban alerts go here only. */
  locationDesk: (locationId: string) => `location:${locationId}:desk`,
  /** The location's kiosks (queue numbers called, house rules changed). */
  locationKiosks: (locationId: string) => `location:${locationId}:kiosks`,
};
