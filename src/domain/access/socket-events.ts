// Every client-to-server socket.io event and the permission that lets a socket's actor through
// (any one of a list). The realtime layer checks it first, before reading the payload or acting
// (src/realtime/attach.ts, src/realtime/alarm-delivery.ts); tests/integration/socket-permission-matrix.test.ts connects as
// every role and device kind over real socket.io and checks allow/deny exactly as this table
// says; docs/permissions.md prints it beside the other entry points. Unlike route handlers, a
// socket's actor is whoever its cookie says (a staff session or a paired device), and a device
// holding a permission that staff hold too (a desk screen's alarms.manage) is let through.
// A socket without a valid session or device credential is refused when it connects.
import type { Actor } from "@/src/domain/access/actor";
import { can, type Permission } from "@/src/domain/access/permissions";

export const SOCKET_EVENTS = {
  /** A paired device's keep-alive (last seen, presence). */
  "device.heartbeat": ["device.heartbeat"],
  /** The room tablet's panic button. */
  "alarm.raise": ["alarms.raise"],
  /** The raising tablet cancels its own alarm in the cancel window (its own: checked in the domain). */
  "alarm.cancel": ["alarms.raise"],
  /** How many responders the tablet would reach now. */
  "tablet.status": ["alarms.raise"],
  /** A pager: the page is on screen (only someone paged for that alarm: checked in the domain). */
  "alarm.seen": ["alarms.respond"],
  /** A pager: "Ik kom eraan" / "Kan niet" (only someone paged). */
  "alarm.respond": ["alarms.respond"],
  /** A pager asks for every open alarm it is paged for. */
  "alarm.sync": ["alarms.respond"],
  /** All clear: a paged responder, or the desk (staff or desk screen) of that location. */
  "alarm.close": ["alarms.respond", "alarms.manage"],
} as const satisfies Record<string, readonly Permission[]>;

export type SocketEventName = keyof typeof SOCKET_EVENTS;

/** Whether a socket's actor may send this event at all (before any further, per-record check). */
export function socketMaySend(actor: Actor | null | undefined, event: SocketEventName): boolean {
  if (!actor) return false;
  return (SOCKET_EVENTS[event] as readonly Permission[]).some((p) => can(actor, p));
}
