import type { AlarmView } from "@/src/domain/alarms/alarm-view";
import type { DeskAlertView } from "@/src/domain/desk/desk-alerts";
import type { DoorSnapshot } from "@/src/domain/doors/doors";
import type { EvacuationInfo, RollCallMarked } from "@/src/domain/evacuation/evacuations";
import type { PackedRollCall } from "@/src/domain/evacuation/roll-call-wire";
import type {
  AppointmentStatus,
  DeviceKind,
  PresenceMethod,
  Role,
  VisitMethod,
  VisitStatus,
} from "@/src/generated/prisma/enums";

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
  /** When the host fetched the visitor (WAITING → WITH_HOST). */
  pickedUpAt: string | null;
  /** A risky conversation (risicogesprek). The purpose is never part of a summary: it is not for everyone. */
  risky: boolean;
  /** Wait-time alerts raised so far: 0, 1 (at the threshold) or 2 (at twice the threshold). */
  waitAlertLevel: number;
}

/** Colleagues to tell about a risky conversation: present staff (ids), or, while nobody is signed in, the whole location (empty list). */
export interface RiskAudience {
  visitId: string;
  locationId: string;
  hostId: string | null;
  hostName: string | null;
  roomName: string | null;
  /** Present colleagues (open StaffPresence, host excluded); empty: the location's staff room. */
  staffIds: string[];
}

/** A staff member signed in or out at a location (aanwezigheidsregister). Never carries a badge code. */
export interface PresenceChange {
  presenceId: string;
  locationId: string;
  staffId: string;
  name: string;
  role: Role;
  /** Signed in at this location now. */
  present: boolean;
  signedInAt: string;
  signedInBy: PresenceMethod;
  signedOutAt: string | null;
  signedOutBy: PresenceMethod | null;
  /** Signed out by the end-of-day rule and not yet confirmed by the desk. */
  needsConfirmation: boolean;
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
  /** Staff presence changed (sign-in, sign-out, end-of-day sign-out, its confirmation). */
  "presence.changed": PresenceChange;
  "visit.checked_in": VisitSummary;
  "visit.checked_out": VisitSummary;
  /** Picked up, moved to a room, no-show, wait alert level changed. Drop it from open lists unless WAITING/WITH_HOST. */
  "visit.updated": VisitSummary;
  /** A wait-time reminder for the host (level 1 at the threshold, 2 at twice it). */
  "visit.wait_reminder": {
    visitId: string;
    locationId: string;
    hostId: string;
    visitorName: string;
    level: number;
    minutes: number;
  };
  /** A risky conversation began (the host picked the visitor up): colleagues are told the room. */
  "risk_conversation.started": RiskAudience;
  /** A check-in prompt to the colleagues present ("alles goed?"); `missed` earlier prompts went unanswered. */
  "risk_check.prompted": RiskAudience & { riskCheckId: string; promptedAt: string; missed: number };
  /** Someone answered: the other colleagues' prompts close. */
  "risk_check.answered": RiskAudience & { riskCheckId: string; ok: boolean };
  "desk.alert_raised": DeskAlertView;
  "desk.alert_acknowledged": { alertId: string; locationId: string };
  "queue.changed": QueueSnapshot;
  /** A checked-in visitor may pass the controlled entrance (the doors module acts on it). */
  "door.release_requested": { locationId: string; visitId: string; reason: "check_in" };
  /** A location's doors changed (state, queue, evacuation): the whole console snapshot (src/domain/doors). */
  "door.state_changed": DoorSnapshot;
  /** A command for a door controller (the drivers in src/server/door-drivers act on it). */
  "door.commanded": { locationId: string; doorId: string; command: "release" | "lock"; seconds: number | null };
  "house_rules.published": { locationId: string; version: number };
  "incident_team.changed": { locationId: string; weekStart: string };
  /**
   * An incident task of the location became due (the response reminder, the 48-hour response
   * overdue, an aftercare step): screens that list them read them again. No details: who may see
   * which incident is decided by that read.
   */
  "incident.tasks_changed": { locationId: string };
  /** An appointment was created, edited, cancelled or marked no-show (never its purpose or visitor). */
  "appointment.changed": { appointmentId: string; locationId: string; hostId: string; status: AppointmentStatus };
  /** A room tablet's alarm is in its cancel window: only the raising device is told. */
  "alarm.pending": { alarm: AlarmView; deviceId: string };
  /** Responders to page now (first page, or escalation step 1): `staffIds` are the newly paged. */
  "alarm.paged": { alarm: AlarmView; staffIds: string[] };
  /** Anything else changed (joined, cancelled, opened, delivered, seen, answered, closed). */
  "alarm.updated": AlarmView;
  /** Escalation step 1 (all present staff paged) or 2 (the desk is told to call 112). */
  "alarm.escalated": { alarm: AlarmView; step: number; emergencyContacts: string; deskPhone: string | null };
  /** A hardware button was registered or revoked: the MQTT listener re-subscribes. */
  "alarm_button.changed": { buttonId: string; locationId: string };
  /** An evacuation started: the whole roll call (packed as rows: roll-call-wire.ts), for the location's marshals. */
  "evacuation.started": PackedRollCall;
  /** Marks were recorded (last mark wins): the marks, the people whose status changed, the counts. */
  "evacuation.marked": RollCallMarked;
  "evacuation.ended": EvacuationInfo;
  /** For kiosks and every screen of the location: an evacuation runs (or not). No names. */
  "evacuation.status_changed": { evacuationId: string; locationId: string; active: boolean; drill: boolean };
  /** The fire panel's MQTT topic changed: the listener re-subscribes. */
  "evacuation.inputs_changed": { locationId: string };
}

export type DomainEventName = keyof DomainEvents;
export type DomainEvent = { [K in DomainEventName]: { name: K; payload: DomainEvents[K] } }[DomainEventName];
