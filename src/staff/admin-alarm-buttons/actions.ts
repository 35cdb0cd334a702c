"use server";
// Server actions of the panic-button admin page. Each checks `alarm_buttons.manage` first, then
// validates, then calls the domain. A webhook secret goes back to the admin's browser once and is
// stored only as a hash.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requirePermission } from "@/src/domain/access/permissions";
import { registerAlarmButton, revokeAlarmButton } from "@/src/domain/alarms/buttons";
import { type ActionResult, runAction } from "@/src/server/action-result";
import { getStaffActor } from "@/src/server/auth/get-actor";
import { asForm } from "@/src/server/form-data";
import { domain } from "@/src/server/runtime";
import type { IssuedSecret } from "@/src/staff/admin-alarm-buttons/types";

const id = z.string().trim().min(1).max(100);
const registerSchema = z.object({
  name: z.string().max(200),
  locationId: id,
  roomId: z.string().trim().max(100),
  level: z.enum(["ASSISTANCE", "EMERGENCY"]),
  mqttTopic: z.string().max(500),
  webhook: z.boolean(),
});

async function admin() {
  return requirePermission(await getStaffActor(), "alarm_buttons.manage");
}

function refresh() {
  revalidatePath("/[locale]/staff/admin/alarm-buttons", "page");
}

export async function registerAlarmButtonAction(formData: FormData): Promise<ActionResult<IssuedSecret | null>> {
  const result = await runAction(async () => {
    const actor = await admin();
    const form = asForm(formData);
    const input = registerSchema.parse({
      name: form.get("name") ?? "",
      locationId: form.get("locationId"),
      roomId: form.get("roomId") ?? "",
      level: form.get("level"),
      mqttTopic: form.get("mqttTopic") ?? "",
      webhook: form.get("webhook") === "on",
    });
    const { button, secret } = await registerAlarmButton(await domain(), actor, input);
    return secret ? { buttonId: button.id, name: button.name, secret } : null;
  });
  if (result.ok) refresh();
  return result;
}

export async function revokeAlarmButtonAction(input: {
  buttonId: string;
}): Promise<ActionResult<{ buttonId: string }>> {
  const result = await runAction(async () => {
    const actor = await admin();
    const { buttonId } = z.object({ buttonId: id }).parse(input);
    await revokeAlarmButton(await domain(), actor, buttonId);
    return { buttonId };
  });
  if (result.ok) refresh();
  return result;
}
