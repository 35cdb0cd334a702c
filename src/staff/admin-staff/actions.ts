"use server";
// Server actions of the admin staff screens. Each checks `staff.manage` first (so a signed-out or
// non-admin caller gets UNAUTHORIZED / FORBIDDEN, whatever it sent), then validates the form,
// then calls the domain. Errors come back as an ActionResult for the form to show.
import { revalidatePath } from "next/cache";
import { getLocale } from "next-intl/server";
import { requirePermission } from "@/src/domain/access/permissions";
import { createStaff, resetPassword, setBadge, setStaffActive, updateStaff } from "@/src/domain/staff/manage-staff";
import { redirect } from "@/src/i18n/navigation";
import { type ActionResult, runAction } from "@/src/server/action-result";
import { getStaffActor } from "@/src/server/auth/get-actor";
import { config } from "@/src/server/config";
import { formValues } from "@/src/server/form-data";
import { domain } from "@/src/server/runtime";
import {
  createStaffSchema,
  resetPasswordSchema,
  setBadgeSchema,
  setStaffActiveSchema,
  updateStaffSchema,
} from "@/src/staff/admin-staff/schemas";

const STAFF_ARRAYS = ["locationIds"] as const;

async function admin() {
  return requirePermission(await getStaffActor(), "staff.manage");
}

function refresh() {
  revalidatePath("/[locale]/staff", "layout");
}

/** Creates a staff member, then opens the list (which names the new member). */
export async function createStaffAction(_prev: unknown, formData: FormData): Promise<ActionResult<{ id: string }>> {
  const result = await runAction(async () => {
    const actor = await admin();
    const input = createStaffSchema.parse(formValues(formData, STAFF_ARRAYS));
    const staff = await createStaff(await domain(), actor, input);
    return { id: staff.id };
  });
  if (!result.ok) return result;
  refresh();
  // Outside runAction: redirect works by throwing.
  return redirect({
    href: `/staff/admin/staff?created=${encodeURIComponent(result.data.id)}`,
    locale: await getLocale(),
  });
}

export async function updateStaffAction(_prev: unknown, formData: FormData): Promise<ActionResult> {
  const result = await runAction(async () => {
    const actor = await admin();
    const { id, ...input } = updateStaffSchema.parse(formValues(formData, STAFF_ARRAYS));
    await updateStaff(await domain(), actor, id, input);
    return undefined;
  });
  if (result.ok) refresh();
  return result;
}

export async function resetPasswordAction(_prev: unknown, formData: FormData): Promise<ActionResult> {
  return runAction(async () => {
    const actor = await admin();
    const { id, password } = resetPasswordSchema.parse(formValues(formData));
    await resetPassword(await domain(), actor, id, password);
    return undefined;
  });
}

/** Sets (intent "set") or clears (intent "clear") the staff badge; answers whether one is now set. */
export async function setBadgeAction(_prev: unknown, formData: FormData): Promise<ActionResult<{ hasBadge: boolean }>> {
  const result = await runAction(async () => {
    const actor = await admin();
    const input = setBadgeSchema.parse(formValues(formData));
    const code = input.intent === "set" ? input.badgeCode : null;
    await setBadge(await domain(), actor, { hmacKey: config().hmacKey }, input.id, code);
    return { hasBadge: code !== null };
  });
  if (result.ok) refresh();
  return result;
}

/** Deactivates or reactivates; answers the new state. */
export async function setStaffActiveAction(
  _prev: unknown,
  formData: FormData,
): Promise<ActionResult<{ active: boolean }>> {
  const result = await runAction(async () => {
    const actor = await admin();
    const { id, active } = setStaffActiveSchema.parse(formValues(formData));
    await setStaffActive(await domain(), actor, id, active);
    return { active };
  });
  if (result.ok) refresh();
  return result;
}
