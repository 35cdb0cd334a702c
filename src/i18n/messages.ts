// Messages are split per area (one JSON file per namespace and language) so modules own their
// texts; this file merges them. Every namespace must exist in both languages (a unit test checks).

import enAdminStaff from "@/src/i18n/messages/en/admin-staff.json";
import enAuth from "@/src/i18n/messages/en/auth.json";
import enCommon from "@/src/i18n/messages/en/common.json";
import enDevices from "@/src/i18n/messages/en/devices.json";
import enErrors from "@/src/i18n/messages/en/errors.json";
import enStaff from "@/src/i18n/messages/en/staff.json";
import nlAdminStaff from "@/src/i18n/messages/nl/admin-staff.json";
import nlAuth from "@/src/i18n/messages/nl/auth.json";
import nlCommon from "@/src/i18n/messages/nl/common.json";
import nlDevices from "@/src/i18n/messages/nl/devices.json";
import nlErrors from "@/src/i18n/messages/nl/errors.json";
import nlStaff from "@/src/i18n/messages/nl/staff.json";
import type { Locale } from "@/src/i18n/routing";

export const messages = {
  nl: {
    common: nlCommon,
    errors: nlErrors,
    auth: nlAuth,
    staff: nlStaff,
    adminStaff: nlAdminStaff,
    devices: nlDevices,
  },
  en: {
    common: enCommon,
    errors: enErrors,
    auth: enAuth,
    staff: enStaff,
    adminStaff: enAdminStaff,
    devices: enDevices,
  },
} satisfies Record<Locale, Record<string, unknown>>;

export type Messages = (typeof messages)["nl"];
