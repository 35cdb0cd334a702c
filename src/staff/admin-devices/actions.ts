"use server";
// Server actions of the device admin page. Each checks `devices.manage` first (a signed-out or
// non-admin caller gets UNAUTHORIZED / FORBIDDEN whatever it sent), then validates, then calls the
// domain. A pairing code goes back to the admin's browser once and is stored only as a hash.
import { revalidatePath } from "next/cache";
import { canSeeLocation, requirePermission } from "@/src/domain/access/permissions";
import { issuePairingCode, registerDevice, revokeDevice } from "@/src/domain/devices/devices";
import { AppError } from "@/src/domain/errors";
import { type ActionResult, runAction } from "@/src/server/action-result";
import { getStaffActor } from "@/src/server/auth/get-actor";
import { formValues } from "@/src/server/form-data";
import { fieldErrorsOf } from "@/src/server/http";
import { domain } from "@/src/server/runtime";
import { deviceIdSchema, registerDeviceSchema } from "@/src/staff/admin-devices/schemas";
import type { IssuedCode } from "@/src/staff/admin-devices/types";

async function manager() {
  return requirePermission(await getStaffActor(), "devices.manage");
}

function refresh() {
  revalidatePath("/[locale]/staff", "layout");
}

/** The device, if it exists at a location the actor may see (otherwise NOT_FOUND, no hint). */
async function visibleDevice(actor: Awaited<ReturnType<typeof manager>>, deviceId: string) {
  const ctx = await domain();
  const device = await ctx.db.device.findUnique({ where: { id: deviceId } });
  if (!device || !canSeeLocation(actor, device.locationId)) throw new AppError("NOT_FOUND");
  return device;
}

export async function registerDeviceAction(formData: FormData): Promise<ActionResult<IssuedCode>> {
  const result = await runAction(async () => {
    const actor = await manager();
    const raw = formValues(formData);
    const parsed = registerDeviceSchema.safeParse(raw);
    // A room tablet without a room is reported together with any other field errors.
    const missingRoom = raw.kind === "ROOM_TABLET" && !String(raw.roomId ?? "").trim();
    if (!parsed.success || missingRoom) {
      const errors = parsed.success ? {} : fieldErrorsOf(parsed.error);
      if (missingRoom) errors.roomId = ["required"];
      throw new AppError("VALIDATION", "Invalid input", errors);
    }
    const input = parsed.data;
    if (!canSeeLocation(actor, input.locationId)) {
      throw new AppError("VALIDATION", "Unknown location", { locationId: ["unknown"] });
    }
    const { device, pairingCode, expiresAt } = await registerDevice(await domain(), actor, input);
    return {
      deviceId: device.id,
      name: device.name,
      kind: device.kind,
      code: pairingCode,
      expiresAt: expiresAt.toISOString(),
    };
  });
  if (result.ok) refresh();
  return result;
}

export async function newPairingCodeAction(input: { deviceId: string }): Promise<ActionResult<IssuedCode>> {
  const result = await runAction(async () => {
    const actor = await manager();
    const { deviceId } = deviceIdSchema.parse(input);
    const device = await visibleDevice(actor, deviceId);
    const { pairingCode, expiresAt } = await issuePairingCode(await domain(), actor, device.id);
    return {
      deviceId: device.id,
      name: device.name,
      kind: device.kind,
      code: pairingCode,
      expiresAt: expiresAt.toISOString(),
    };
  });
  if (result.ok) refresh();
  return result;
}

export async function revokeDeviceAction(input: { deviceId: string }): Promise<ActionResult<{ deviceId: string }>> {
  const result = await runAction(async () => {
    const actor = await manager();
    const { deviceId } = deviceIdSchema.parse(input);
    const device = await visibleDevice(actor, deviceId);
    await revokeDevice(await domain(), actor, device.id);
    return { deviceId: device.id };
  });
  if (result.ok) refresh();
  return result;
}
