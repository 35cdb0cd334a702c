// Every way into Portier from outside — server actions, route handlers — and the permission that
// lets an actor through (any one of a list). tests/integration/permission-matrix.test.ts walks
// each of them with every role and device kind and checks allow/deny exactly as this table and
// the permission table say; docs/permissions.md prints it. A new entry point must be added here
// (the test finds the ones on disk and fails for a missing one).
// A list: staff with a session holding one of the permissions, or — for permissions only devices
// hold (kiosk.use, alarms.raise, …) — a paired device of such a kind. "public": anyone, also
// signed out; "signed-in": any staff member; "any-device": any paired device; "own-secret": a
// credential of its own (a hardware button's webhook secret), never a role.
import type { Permission } from "@/src/domain/access/permissions";

export type EntryRule = readonly Permission[] | "public" | "signed-in" | "any-device" | "own-secret";

export const ENTRY_POINTS: Record<string, EntryRule> = {
  // Server actions (file#export).
  "src/staff/admin-alarm-buttons/actions.ts#registerAlarmButtonAction": ["alarm_buttons.manage"],
  "src/staff/admin-alarm-buttons/actions.ts#revokeAlarmButtonAction": ["alarm_buttons.manage"],
  "src/staff/admin-devices/actions.ts#registerDeviceAction": ["devices.manage"],
  "src/staff/admin-devices/actions.ts#newPairingCodeAction": ["devices.manage"],
  "src/staff/admin-devices/actions.ts#revokeDeviceAction": ["devices.manage"],
  "src/staff/admin-staff/actions.ts#createStaffAction": ["staff.manage"],
  "src/staff/admin-staff/actions.ts#updateStaffAction": ["staff.manage"],
  "src/staff/admin-staff/actions.ts#resetPasswordAction": ["staff.manage"],
  "src/staff/admin-staff/actions.ts#setBadgeAction": ["staff.manage"],
  "src/staff/admin-staff/actions.ts#setStaffActiveAction": ["staff.manage"],
  "src/staff/alarm-settings/actions.ts#saveAlarmSettingsAction": ["incident_team.manage"],
  "src/staff/alarms/actions.ts#runTestAlarmAction": ["alarms.test"],
  "src/staff/alarms/actions.ts#respondToAlarmAction": ["alarms.respond"],
  "src/staff/alarms/actions.ts#closeAlarmAction": ["alarms.respond", "alarms.manage"],
  "src/staff/appointments/actions.ts#saveAppointmentAction": ["appointments.manage", "appointments.own"],
  "src/staff/appointments/actions.ts#cancelAppointmentAction": ["appointments.manage", "appointments.own"],
  "src/staff/appointments/actions.ts#noShowAction": ["appointments.manage", "appointments.own"],
  "src/staff/appointments/actions.ts#reissueInviteAction": ["appointments.manage", "appointments.own"],
  "src/staff/audit/actions.ts#verifyAuditAction": ["audit.verify"],
  "src/staff/bans/actions.ts#createBanAction": ["bans.manage"],
  "src/staff/bans/actions.ts#endBanAction": ["bans.manage"],
  "src/staff/desk/actions.ts#acknowledgeAlertAction": ["desk.use"],
  "src/staff/desk/actions.ts#checkOutVisitAction": ["visits.check_out"],
  "src/staff/desk/actions.ts#pickUpVisitAction": ["visits.manage", "visits.host"],
  "src/staff/desk/actions.ts#moveVisitAction": ["visits.manage", "visits.host"],
  "src/staff/desk/actions.ts#noShowVisitAction": ["visits.manage", "visits.host"],
  "src/staff/doors/actions.ts#releaseDoorAction": ["doors.operate"],
  "src/staff/doors/actions.ts#lockDoorAction": ["doors.operate"],
  "src/staff/doors/actions.ts#overrideDoorAction": ["doors.operate"],
  "src/staff/doors/actions.ts#badgeAtDoorAction": ["doors.operate"],
  "src/staff/doors/actions.ts#simulateDoorAction": ["doors.operate"],
  "src/staff/doors/actions.ts#emergencyReleaseAction": ["doors.emergency"],
  "src/staff/doors/actions.ts#saveDoorAction": ["doors.configure"],
  "src/staff/doors/actions.ts#removeDoorAction": ["doors.configure"],
  "src/staff/home/actions.ts#setMyPresenceAction": ["presence.self"],
  "src/staff/house-rules/actions.ts#saveHouseRulesAction": ["house_rules.manage"],
  "src/staff/incident-team/actions.ts#setIncidentTeamAction": ["incident_team.manage"],
  "src/staff/notices/actions.ts#loadRiskPromptsAction": "signed-in",
  "src/staff/notices/actions.ts#answerRiskCheckAction": ["risk_checks.answer"],
  "src/staff/privacy/actions.ts#searchSubjectsAction": ["privacy.subject_requests"],
  "src/staff/privacy/actions.ts#eraseVisitorAction": ["privacy.subject_requests"],
  "src/staff/register/actions.ts#signInColleagueAction": ["presence.manage"],
  "src/staff/register/actions.ts#signOutColleagueAction": ["presence.manage"],
  "src/staff/register/actions.ts#confirmEndOfDayAction": ["presence.manage"],
  "src/staff/register/actions.ts#deskBadgeScanAction": ["presence.manage"],
  "src/staff/visitors/actions.ts#searchVisitorsAction": ["visitors.manage"],
  "src/staff/visitors/actions.ts#issuePassAction": ["visitors.manage"],
  // Route handlers (file#method). Devices authenticate with their cookie, staff with a session.
  "app/api/alarms/[id]/cancel/route.ts#POST": ["alarms.raise"],
  "app/api/alarms/route.ts#POST": ["alarms.raise"],
  "app/api/alarms/route.ts#GET": ["alarms.raise"],
  "app/api/alarms/button/route.ts#POST": "own-secret",
  "app/api/alarms/button/status/route.ts#GET": ["alarms.manage"],
  "app/api/appointments/[id]/letter/route.ts#GET": ["appointments.manage", "appointments.own"],
  "app/api/appointments/[id]/qr/route.ts#GET": ["appointments.manage", "appointments.own"],
  "app/api/devices/me/route.ts#GET": "any-device",
  "app/api/devices/credential/route.ts#POST": "any-device",
  "app/api/devices/pair/route.ts#POST": "public",
  "app/api/devices/unpair/route.ts#POST": "public",
  "app/api/devices/unpair/route.ts#DELETE": "public",
  "app/api/health/route.ts#GET": "public",
  "app/api/kiosk/check-in/route.ts#POST": ["kiosk.use"],
  "app/api/kiosk/check-out/route.ts#POST": ["kiosk.use"],
  "app/api/kiosk/identify/route.ts#POST": ["kiosk.use"],
  "app/api/kiosk/state/route.ts#GET": ["kiosk.use"],
  "app/api/privacy/subjects/[kind]/[id]/export/route.ts#GET": ["privacy.subject_requests"],
  "app/api/staff/activity/route.ts#POST": "signed-in",
  "app/api/visitors/[id]/pass/route.ts#GET": ["visitors.manage"],
};
