// Typed socket.io event maps, shared by the server (src/realtime/attach.ts) and the browser
// (src/realtime/client). Server-to-client events are the domain events, under the same names.
import type { AlarmResponse, AlarmView } from "@/src/domain/alarms/alarm-view";
import type { DomainEventName, DomainEvents } from "@/src/domain/events/domain-events";
import type { AlarmLevel, AlarmOutcome } from "@/src/generated/prisma/enums";

/** Alarm events reach sockets in their own shape (src/realtime/alarm-delivery.ts), not as the domain payload. */
type AlarmEventName = "alarm.pending" | "alarm.paged" | "alarm.updated" | "alarm.escalated";

/** A pager's receipt of `alarm.paged`: answering the socket.io acknowledgement marks the page delivered. */
export type PageAck = (result: { ok: boolean }) => void;

export interface AlarmServerToClientEvents {
  /** To the raising tablet only: its alarm is in the cancel window (until `confirmAt`). */
  "alarm.pending": (alarm: AlarmView) => void;
  /** To every socket of a paged responder; acknowledge it, or it is sent again after RESEND_AFTER_MS. */
  "alarm.paged": (alarm: AlarmView, ack: PageAck) => void;
  /** To the raising tablet, the location's desk and the paged responders. */
  "alarm.updated": (alarm: AlarmView) => void;
  /** To the location's desk: step 1 all present staff paged, step 2 call 112. */
  "alarm.escalated": (payload: DomainEvents["alarm.escalated"]) => void;
}

export type ServerToClientEvents = {
  [K in Exclude<DomainEventName, AlarmEventName>]: (payload: DomainEvents[K]) => void;
} & AlarmServerToClientEvents & {
    /** Sent before the server closes a socket whose credential stopped being valid ("ended": the staff session was signed out or idled out). */
    "session.ended": (payload: { reason: "revoked" | "deactivated" | "changed" | "ended" }) => void;
  };

/** `code` is "FORBIDDEN" when the socket's actor may not send the event (src/domain/access/socket-events.ts). */
export type Ack = (result: { ok: boolean; code?: string }) => void;

/** The answer to every alarm request: `code` is an AppError code when `ok` is false. */
export interface AlarmAckResult {
  ok: boolean;
  alarm?: AlarmView;
  /** alarm.raise: the press joined the room's open alarm. */
  joined?: boolean;
  /** alarm.close: the incident draft opened for it (null for a test alarm). */
  incidentId?: string | null;
  code?: string;
}
export type AlarmAck = (result: AlarmAckResult) => void;

export interface ClientToServerEvents {
  /** Devices send this every HEARTBEAT_INTERVAL_MS; the server keeps last-seen current. */
  "device.heartbeat": (ack?: Ack) => void;
  /** Room tablet: press the panic button (the room is the tablet's own). */
  "alarm.raise": (payload: { level: AlarmLevel }, ack: AlarmAck) => void;
  /** Room tablet: cancel its own alarm inside the cancel window. */
  "alarm.cancel": (payload: { alarmId: string }, ack: AlarmAck) => void;
  /** Pager: the alarm is on screen. */
  "alarm.seen": (payload: { alarmId: string }, ack: AlarmAck) => void;
  /** Pager: "Ik kom eraan" (COMING) or "Kan niet" (CANT). */
  "alarm.respond": (payload: { alarmId: string; response: AlarmResponse }, ack: AlarmAck) => void;
  /** A paged responder or the desk: all clear. */
  "alarm.close": (payload: { alarmId: string; outcome: AlarmOutcome; note?: string }, ack: AlarmAck) => void;
  /**
   * Pager: "my alarm.paged listener is ready" — every open alarm I am paged for is sent (again) at
   * once as alarm.paged, and listed in the ack. Emit it on every connect after registering the
   * listener: a page that arrived before the listener existed is otherwise only re-sent after
   * RESEND_AFTER_MS.
   */
  "alarm.sync": (ack: (result: { ok: boolean; alarms?: AlarmView[]; code?: string }) => void) => void;
  /** Room tablet: how many responders would be paged now and have a connected socket. */
  "tablet.status": (ack: (result: { ok: boolean; reachable: number; code?: string }) => void) => void;
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
  /** The room tablets bound to one room (its alarm's progress). */
  roomTablets: (roomId: string) => `room:${roomId}:tablets`,
  /** The location's kiosks (queue numbers called, house rules changed). */
  locationKiosks: (locationId: string) => `location:${locationId}:kiosks`,
  /** Staff who may be marshals in an evacuation (permission evacuation.marshal): the roll call. */
  locationMarshals: (locationId: string) => `location:${locationId}:marshals`,
};
