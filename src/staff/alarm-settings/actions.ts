"use server";
// Saves a location's alarm settings (permission incident_team.manage; the domain checks the
// location, the bounds and that the 112 step comes after the all-staff step, and audits).
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requirePermission } from "@/src/domain/access/permissions";
import { updateAlarmSettings } from "@/src/domain/alarms/alarm-settings";
import { type ActionResult, runAction } from "@/src/server/action-result";
import { getStaffActor } from "@/src/server/auth/get-actor";
import { asForm } from "@/src/server/form-data";
import { domain } from "@/src/server/runtime";

const seconds = z.coerce.number().int("range").min(0, "range").max(100_000, "range");
const settingsSchema = z.object({
  locationId: z.string().trim().min(1).max(100),
  alarmEscalateAllSeconds: seconds,
  alarmCall112Seconds: seconds,
  emergencyContacts: z.string().max(10_000),
  deskPhone: z.string().max(200),
});

export async function saveAlarmSettingsAction(
  _prev: unknown,
  formData: FormData,
): Promise<ActionResult<{ saved: true }>> {
  return runAction(async () => {
    const actor = requirePermission(await getStaffActor(), "incident_team.manage");
    const form = asForm(formData);
    const input = settingsSchema.parse({
      locationId: form.get("locationId"),
      alarmEscalateAllSeconds: form.get("alarmEscalateAllSeconds"),
      alarmCall112Seconds: form.get("alarmCall112Seconds"),
      emergencyContacts: form.get("emergencyContacts") ?? "",
      deskPhone: form.get("deskPhone") ?? "",
    });
    await updateAlarmSettings(await domain(), actor, input.locationId, {
      alarmEscalateAllSeconds: input.alarmEscalateAllSeconds,
      alarmCall112Seconds: input.alarmCall112Seconds,
      emergencyContacts: input.emergencyContacts,
      deskPhone: input.deskPhone || null,
    });
    revalidatePath("/[locale]/staff/alarm-settings", "page");
    return { saved: true as const };
  });
}
