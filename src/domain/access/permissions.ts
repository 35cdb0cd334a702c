import type { Actor } from "@/src/domain/access/actor";
import { AppError } from "@/src/domain/errors";
import type { DeviceKind, Role } from "@/src/generated/prisma/enums";

/**
 * Every permission Portier checks, and who holds it. One table serves server actions, route
 * handlers and socket handlers; docs/permissions.md shows the same table.
 */
export const permissions = {
  "dashboard.view": { roles: ["RECEPTION", "STAFF", "MANAGER", "ADMIN", "PRIVACY"], devices: [] },
  "staff.manage": { roles: ["ADMIN"], devices: [] },
  "devices.manage": { roles: ["ADMIN"], devices: [] },
  "devices.view": { roles: ["RECEPTION", "MANAGER", "ADMIN"], devices: [] },
  "locations.view": { roles: ["RECEPTION", "STAFF", "MANAGER", "ADMIN"], devices: ["KIOSK", "ROOM_TABLET", "DESK"] },
  "device.heartbeat": { roles: [], devices: ["KIOSK", "ROOM_TABLET", "DESK"] },
  "kiosk.use": { roles: [], devices: ["KIOSK"] },
  "tablet.use": { roles: [], devices: ["ROOM_TABLET"] },
  "desk.use": { roles: ["RECEPTION", "MANAGER", "ADMIN"], devices: ["DESK"] },
  /** The audit trail viewer (managers: their locations' events). */
  "audit.view": { roles: ["MANAGER", "ADMIN", "PRIVACY"], devices: [] },
  /** Verify the audit trail's hash chain. */
  "audit.verify": { roles: ["ADMIN", "PRIVACY"], devices: [] },
  /** Subject requests (AVG art. 15 and 17): find, export and erase everything about one person. */
  "privacy.subject_requests": { roles: ["PRIVACY"], devices: [] },
  "visits.check_out": { roles: ["RECEPTION", "STAFF", "MANAGER", "ADMIN"], devices: ["KIOSK"] },
  "bans.view": { roles: ["RECEPTION", "MANAGER", "ADMIN"], devices: [] },
  "bans.manage": { roles: ["MANAGER", "ADMIN"], devices: [] },
  "house_rules.manage": { roles: ["MANAGER", "ADMIN"], devices: [] },
  // Staff dashboard (issue 4).
  /** The attendance register: everyone present at a location (staff and visitors). */
  "register.view": { roles: ["RECEPTION", "MANAGER", "ADMIN"], devices: ["DESK"] },
  /** Sign oneself in or out (one tap, or one's own badge at a kiosk or desk scanner). */
  "presence.self": { roles: ["RECEPTION", "STAFF", "MANAGER", "ADMIN"], devices: ["KIOSK", "DESK"] },
  /** Sign others in or out, confirm end-of-day sign-outs. */
  "presence.manage": { roles: ["RECEPTION", "MANAGER", "ADMIN"], devices: ["DESK"] },
  /** All open visits of a location, with host and purpose; act on any of them. */
  "visits.manage": { roles: ["RECEPTION", "MANAGER", "ADMIN"], devices: ["DESK"] },
  /** One's own visitors: see and pick up the visits one hosts. */
  "visits.host": { roles: ["STAFF", "MANAGER", "ADMIN"], devices: [] },
  /** Answer a risky-conversation check-in prompt as a colleague present. */
  "risk_checks.answer": { roles: ["RECEPTION", "STAFF", "MANAGER", "ADMIN"], devices: ["DESK"] },
  /** Appointments of everyone at one's locations (staff manage their own: appointments.own). */
  "appointments.manage": { roles: ["RECEPTION", "MANAGER", "ADMIN"], devices: [] },
  "appointments.own": { roles: ["STAFF", "MANAGER", "ADMIN"], devices: [] },
  /** Find visitors and clients, issue and print client passes. */
  "visitors.manage": { roles: ["RECEPTION", "MANAGER", "ADMIN"], devices: [] },
  /** A visitor's visit history (who came when, to whom): managers only. */
  "visitors.history": { roles: ["MANAGER", "ADMIN"], devices: [] },
  /** Why a visitor comes (the purpose): managers, and the host of that visit (checked in code). */
  "visits.purpose": { roles: ["MANAGER", "ADMIN"], devices: [] },
  /** Set the weekly incident team (incidententeam) of a location. */
  "incident_team.manage": { roles: ["MANAGER", "ADMIN"], devices: [] },
  /** The shift briefing (overdracht). */
  "briefing.view": { roles: ["RECEPTION", "STAFF", "MANAGER", "ADMIN"], devices: [] },
  // Alarms (issue 5).
  /** Press the panic button (noodknop): the room tablet, bound to its room. */
  "alarms.raise": { roles: [], devices: ["ROOM_TABLET"] },
  /** Be paged and answer a page ("Ik kom eraan" / "Kan niet"); see the location's open alarms. */
  "alarms.respond": { roles: ["RECEPTION", "STAFF", "MANAGER", "ADMIN"], devices: [] },
  /** Follow every alarm of a location per responder, be told to call 112, close an alarm. */
  "alarms.manage": { roles: ["RECEPTION", "MANAGER", "ADMIN"], devices: ["DESK"] },
  /** Run the weekly test alarm and read its reports; read any alarm's timeline. */
  "alarms.test": { roles: ["MANAGER", "ADMIN"], devices: [] },
  /** Register hardware panic buttons (MQTT topic, webhook secret). */
  "alarm_buttons.manage": { roles: ["ADMIN"], devices: [] },
  // Doors and the sluis (issue 7).
  /** Configure a location's doors (kind, zones, interlock group, driver and topics, safe state). */
  "doors.configure": { roles: ["MANAGER", "ADMIN"], devices: [] },
  /** The doorman console (portier): release, lock, override with a reason, the simulator panel, a staff door's badge reader. */
  "doors.operate": { roles: ["RECEPTION", "MANAGER", "ADMIN"], devices: ["DESK"] },
  /** Evacuation: release every door of a location (the evacuation module and the fire input call it too). */
  "doors.emergency": { roles: ["RECEPTION", "MANAGER", "ADMIN"], devices: ["DESK"] },
  // Incidents (issue 8).
  /** Register an incident; see the ones one wrote or is affected by (managers and the location's safety officer: all of the location, checked in code). */
  "incidents.register": { roles: ["RECEPTION", "STAFF", "MANAGER", "ADMIN"], devices: [] },
  /** A location's incident settings: safety officer, wijkagent, contacts, aftercare days. */
  "incidents.manage": { roles: ["MANAGER", "ADMIN"], devices: [] },
  /** The yearly evaluation (counts, charts, CSV export). */
  "incidents.evaluate": { roles: ["MANAGER", "ADMIN"], devices: [] },
  // Evacuation roll call (issue 6).
  /** Start and end an evacuation — further limited per location by its setting (default: reception, managers, admins). */
  "evacuation.start": { roles: ["RECEPTION", "STAFF", "MANAGER", "ADMIN"], devices: [] },
  /** Be a marshal: the live roll call (with who needs help), mark people safe / needs help / not found. */
  "evacuation.marshal": { roles: ["RECEPTION", "STAFF", "MANAGER", "ADMIN"], devices: [] },
  /** Past evacuations' summaries (PDF, CSV), drills apart. */
  "evacuation.reports": { roles: ["MANAGER", "ADMIN"], devices: [] },
  /** Who may start an evacuation at a location, the fire panel's MQTT topic and webhook secret. */
  "evacuation.configure": { roles: ["MANAGER", "ADMIN"], devices: [] },
  /** Declare one's own "needs help to evacuate". */
  "evacuation.declare_help": { roles: ["RECEPTION", "STAFF", "MANAGER", "ADMIN", "PRIVACY"], devices: [] },
} as const satisfies Record<string, { roles: readonly Role[]; devices: readonly DeviceKind[] }>;

export type Permission = keyof typeof permissions;

export function can(actor: Actor | null | undefined, permission: Permission): boolean {
  if (!actor) return false;
  const rule = permissions[permission];
  if (actor.type === "SYSTEM") return true;
  if (actor.type === "STAFF") return (rule.roles as readonly Role[]).includes(actor.role);
  return (rule.devices as readonly DeviceKind[]).includes(actor.kind);
}

/** Throws UNAUTHORIZED when nobody is signed in, FORBIDDEN when the actor lacks the permission. */
export function requirePermission(actor: Actor | null | undefined, permission: Permission): Actor {
  if (!actor) throw new AppError("UNAUTHORIZED");
  if (!can(actor, permission)) throw new AppError("FORBIDDEN");
  return actor;
}

/** Staff see the locations they belong to (admins: all); a device sees its own location. */
export function canSeeLocation(actor: Actor, locationId: string): boolean {
  if (actor.type === "SYSTEM") return true;
  if (actor.type === "DEVICE") return actor.locationId === locationId;
  return actor.role === "ADMIN" || actor.locationIds.includes(locationId);
}
