// Messages are split per area (one JSON file per namespace and language) so modules own their
// texts; this file merges them. Every namespace must exist in both languages (a unit test checks).

import enAdminStaff from "@/src/i18n/messages/en/admin-staff.json";
import enAlarmAdmin from "@/src/i18n/messages/en/alarm-admin.json";
import enAlarms from "@/src/i18n/messages/en/alarms.json";
import enAppointments from "@/src/i18n/messages/en/appointments.json";
import enAudit from "@/src/i18n/messages/en/audit.json";
import enAuth from "@/src/i18n/messages/en/auth.json";
import enBans from "@/src/i18n/messages/en/bans.json";
import enBriefing from "@/src/i18n/messages/en/briefing.json";
import enCommon from "@/src/i18n/messages/en/common.json";
import enDesk from "@/src/i18n/messages/en/desk.json";
import enDevices from "@/src/i18n/messages/en/devices.json";
import enDoors from "@/src/i18n/messages/en/doors.json";
import enErrors from "@/src/i18n/messages/en/errors.json";
import enEvacuation from "@/src/i18n/messages/en/evacuation.json";
import enHouseRules from "@/src/i18n/messages/en/house-rules.json";
import enIncidentTeam from "@/src/i18n/messages/en/incident-team.json";
import enIncidents from "@/src/i18n/messages/en/incidents.json";
import enPrivacy from "@/src/i18n/messages/en/privacy.json";
import enRegister from "@/src/i18n/messages/en/register.json";
import enStaff from "@/src/i18n/messages/en/staff.json";
import enVisitors from "@/src/i18n/messages/en/visitors.json";
import enVisits from "@/src/i18n/messages/en/visits.json";
import nlAdminStaff from "@/src/i18n/messages/nl/admin-staff.json";
import nlAlarmAdmin from "@/src/i18n/messages/nl/alarm-admin.json";
import nlAlarms from "@/src/i18n/messages/nl/alarms.json";
import nlAppointments from "@/src/i18n/messages/nl/appointments.json";
import nlAudit from "@/src/i18n/messages/nl/audit.json";
import nlAuth from "@/src/i18n/messages/nl/auth.json";
import nlBans from "@/src/i18n/messages/nl/bans.json";
import nlBriefing from "@/src/i18n/messages/nl/briefing.json";
import nlCommon from "@/src/i18n/messages/nl/common.json";
import nlDesk from "@/src/i18n/messages/nl/desk.json";
import nlDevices from "@/src/i18n/messages/nl/devices.json";
import nlDoors from "@/src/i18n/messages/nl/doors.json";
import nlErrors from "@/src/i18n/messages/nl/errors.json";
import nlEvacuation from "@/src/i18n/messages/nl/evacuation.json";
import nlHouseRules from "@/src/i18n/messages/nl/house-rules.json";
import nlIncidentTeam from "@/src/i18n/messages/nl/incident-team.json";
import nlIncidents from "@/src/i18n/messages/nl/incidents.json";
import nlPrivacy from "@/src/i18n/messages/nl/privacy.json";
import nlRegister from "@/src/i18n/messages/nl/register.json";
import nlStaff from "@/src/i18n/messages/nl/staff.json";
import nlVisitors from "@/src/i18n/messages/nl/visitors.json";
import nlVisits from "@/src/i18n/messages/nl/visits.json";
import type { Locale } from "@/src/i18n/routing";

export const messages = {
  nl: {
    common: nlCommon,
    errors: nlErrors,
    auth: nlAuth,
    staff: nlStaff,
    adminStaff: nlAdminStaff,
    devices: nlDevices,
    houseRules: nlHouseRules,
    bans: nlBans,
    desk: nlDesk,
    doors: nlDoors,
    register: nlRegister,
    visits: nlVisits,
    appointments: nlAppointments,
    visitors: nlVisitors,
    briefing: nlBriefing,
    incidentTeam: nlIncidentTeam,
    alarms: nlAlarms,
    audit: nlAudit,
    alarmAdmin: nlAlarmAdmin,
    privacy: nlPrivacy,
    incidents: nlIncidents,
    evacuation: nlEvacuation,
  },
  en: {
    common: enCommon,
    errors: enErrors,
    auth: enAuth,
    staff: enStaff,
    adminStaff: enAdminStaff,
    devices: enDevices,
    houseRules: enHouseRules,
    bans: enBans,
    desk: enDesk,
    doors: enDoors,
    register: enRegister,
    visits: enVisits,
    appointments: enAppointments,
    visitors: enVisitors,
    briefing: enBriefing,
    incidentTeam: enIncidentTeam,
    alarms: enAlarms,
    audit: enAudit,
    alarmAdmin: enAlarmAdmin,
    privacy: enPrivacy,
    incidents: enIncidents,
    evacuation: enEvacuation,
  },
} satisfies Record<Locale, Record<string, unknown>>;

export type Messages = (typeof messages)["nl"];
