"use server";
// Server actions of the appointment screens: create, edit, cancel, no-show, re-issue the invite.
// The domain checks who may touch which appointment (appointments.manage / appointments.own).
import { revalidatePath } from "next/cache";
import { getLocale } from "next-intl/server";
import { can } from "@/src/domain/access/permissions";
import {
  type AppointmentInput,
  cancelAppointment,
  createAppointment,
  issueInvite,
  markNoShow,
  updateAppointment,
} from "@/src/domain/appointments/appointments";
import { AppError } from "@/src/domain/errors";
import { zonedInstant } from "@/src/domain/local-day";
import { redirect } from "@/src/i18n/navigation";
import { type ActionResult, runAction } from "@/src/server/action-result";
import { getStaffActor } from "@/src/server/auth/get-actor";
import { formValues } from "@/src/server/form-data";
import { fieldErrorsOf } from "@/src/server/http";
import { domain } from "@/src/server/runtime";
import { appointmentSchema, idSchema } from "@/src/staff/appointments/schemas";

/** Staff who keep appointments (everyone's, or their own): checked before any input is read. */
async function staff() {
  const actor = await getStaffActor();
  if (!actor) throw new AppError("UNAUTHORIZED");
  if (!can(actor, "appointments.manage") && !can(actor, "appointments.own")) throw new AppError("FORBIDDEN");
  return actor;
}

function refresh() {
  revalidatePath("/[locale]/staff/appointments", "page");
}

async function inputFrom(formData: FormData): Promise<{ id?: string; input: AppointmentInput }> {
  const values = formValues(formData);
  const parsed = appointmentSchema.safeParse(values);
  if (!parsed.success) {
    // Report every missing field at once, the visitor's name included (the domain would name it later).
    const errors = fieldErrorsOf(parsed.error);
    const blank = (k: string) => typeof values[k] !== "string" || !(values[k] as string).trim();
    if (blank("visitorId")) for (const k of ["firstName", "lastName"]) if (blank(k)) errors[k] ??= ["required"];
    throw new AppError("VALIDATION", "Invalid appointment", errors);
  }
  const v = parsed.data;
  const ctx = await domain();
  const location = await ctx.db.location.findUnique({ where: { id: v.locationId }, select: { timeZone: true } });
  if (!location) throw new AppError("VALIDATION", "Unknown location", { locationId: ["invalid_value"] });
  const startsAt = zonedInstant(v.day, v.startTime, location.timeZone);
  const endsAt = v.endTime ? zonedInstant(v.day, v.endTime, location.timeZone) : null;
  const newVisitor =
    !v.visitorId && (v.firstName || v.lastName || v.dateOfBirth)
      ? { firstName: v.firstName ?? "", lastName: v.lastName ?? "", dateOfBirth: v.dateOfBirth ?? null }
      : null;
  return {
    id: v.id,
    input: {
      locationId: v.locationId,
      hostId: v.hostId,
      roomId: v.roomId ?? null,
      startsAt,
      endsAt,
      purpose: v.purpose ?? null,
      risky: v.risky,
      visitorId: v.visitorId ?? null,
      newVisitor,
    },
  };
}

/** The domain names start/end; the form shows them at its time fields. */
function mapFieldErrors(err: unknown): never {
  if (err instanceof AppError && err.fieldErrors) {
    const f = { ...err.fieldErrors };
    if (f.startsAt) f.startTime = f.startsAt;
    if (f.endsAt) f.endTime = f.endsAt;
    delete f.startsAt;
    delete f.endsAt;
    throw new AppError(err.code, err.message, f);
  }
  throw err;
}

export async function saveAppointmentAction(_prev: unknown, formData: FormData): Promise<ActionResult<{ id: string }>> {
  const result = await runAction(async () => {
    const actor = await staff();
    const { id, input } = await inputFrom(formData);
    const ctx = await domain();
    try {
      if (id) {
        const { appointment, inviteRotated } = await updateAppointment(ctx, actor, id, input);
        return { id: appointment.id, kind: inviteRotated ? "rescheduled" : "updated", locationId: input.locationId };
      }
      const a = await createAppointment(ctx, actor, input);
      return { id: a.id, kind: "created", locationId: input.locationId };
    } catch (err) {
      return mapFieldErrors(err);
    }
  });
  if (!result.ok) return result;
  refresh();
  const { id, kind, locationId } = result.data;
  return redirect({
    href: `/staff/appointments?location=${encodeURIComponent(locationId)}&${kind}=${encodeURIComponent(id)}`,
    locale: await getLocale(),
  });
}

export async function cancelAppointmentAction(
  _prev: unknown,
  formData: FormData,
): Promise<ActionResult<{ id: string }>> {
  const result = await runAction(async () => {
    const { id, reason } = idSchema.parse(formValues(formData));
    const a = await cancelAppointment(await domain(), await staff(), id, reason ?? null);
    return { id, locationId: a.locationId };
  });
  if (!result.ok) return result;
  refresh();
  return redirect({
    href: `/staff/appointments?location=${encodeURIComponent(result.data.locationId)}&cancelled=${encodeURIComponent(result.data.id)}`,
    locale: await getLocale(),
  });
}

export async function noShowAction(_prev: unknown, formData: FormData): Promise<ActionResult<{ id: string }>> {
  const result = await runAction(async () => {
    const { id } = idSchema.parse(formValues(formData));
    await markNoShow(await domain(), await staff(), id);
    return { id };
  });
  if (result.ok) refresh();
  return result;
}

/** A new invite for a lost letter: the old letter stops working at the kiosk. */
export async function reissueInviteAction(_prev: unknown, formData: FormData): Promise<ActionResult<{ id: string }>> {
  const result = await runAction(async () => {
    const { id } = idSchema.parse(formValues(formData));
    await issueInvite(await domain(), await staff(), id, { rotate: true, via: "reissue" });
    return { id };
  });
  if (result.ok) refresh();
  return result;
}
