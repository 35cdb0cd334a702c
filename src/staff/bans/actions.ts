"use server";
// Server actions of the ban screens. Each checks `bans.manage` first, then validates the form,
// then calls the domain (which checks the location and the dates, and writes the audit trail).
import { revalidatePath } from "next/cache";
import { getLocale } from "next-intl/server";
import { requirePermission } from "@/src/domain/access/permissions";
import { createBan, endBan } from "@/src/domain/bans/manage-bans";
import { AppError } from "@/src/domain/errors";
import { endOfDay, localDay, startOfDay } from "@/src/domain/local-day";
import { redirect } from "@/src/i18n/navigation";
import { type ActionResult, runAction } from "@/src/server/action-result";
import { getStaffActor } from "@/src/server/auth/get-actor";
import { formValues } from "@/src/server/form-data";
import { fieldErrorsOf } from "@/src/server/http";
import { domain } from "@/src/server/runtime";
import { createBanSchema, endBanSchema } from "@/src/staff/bans/schemas";

async function manager() {
  const actor = requirePermission(await getStaffActor(), "bans.manage");
  if (actor.type !== "STAFF") throw new AppError("FORBIDDEN");
  return actor;
}

function refresh() {
  revalidatePath("/[locale]/staff/bans", "page");
}

/** Creates a ban, then opens the list (which names the new ban). */
export async function createBanAction(_prev: unknown, formData: FormData): Promise<ActionResult<{ id: string }>> {
  const result = await runAction(async () => {
    const actor = await manager();
    const values = formValues(formData);
    const parsed = createBanSchema.safeParse(values);
    // Report every missing field at once, "who" included (the domain would only name it later).
    const who = parsed.success ? parsed.data : null;
    const errors = parsed.success ? {} : fieldErrorsOf(parsed.error);
    const blank = (k: string) => typeof values[k] !== "string" || !(values[k] as string).trim();
    if (blank("visitorId")) {
      for (const k of ["firstName", "lastName", "dateOfBirth"]) if (blank(k)) errors[k] ??= ["required"];
    }
    if (!who || Object.keys(errors).length) throw new AppError("VALIDATION", "Invalid ban", errors);
    const input = who;
    const ctx = await domain();
    const location = await ctx.db.location.findUnique({
      where: { id: input.locationId },
      select: { timeZone: true },
    });
    if (!location) throw new AppError("VALIDATION", "Unknown location", { locationId: ["invalid_value"] });
    const tz = location.timeZone;
    if (input.dateOfBirth && input.dateOfBirth > localDay(ctx.clock.now(), tz)) {
      throw new AppError("VALIDATION", "Date of birth in the future", { dateOfBirth: ["future"] });
    }
    // A ban runs from the start of its first day up to and including its end day (location time).
    const ban = await createBan(ctx, actor, {
      locationId: input.locationId,
      scope: input.scope,
      reasonCategory: input.reasonCategory,
      startsAt: startOfDay(input.startsAt, tz),
      endsAt: endOfDay(input.endsAt, tz),
      reviewAt: startOfDay(input.reviewAt, tz),
      contactName: input.contactName,
      contactPhone: input.contactPhone ?? null,
      notes: input.notes ?? null,
      visitorId: input.visitorId ?? null,
      firstName: input.firstName ?? null,
      lastName: input.lastName ?? null,
      dateOfBirth: input.dateOfBirth ?? null,
    });
    return { id: ban.id };
  });
  if (!result.ok) return result;
  refresh();
  // Outside runAction: redirect works by throwing.
  return redirect({ href: `/staff/bans?created=${encodeURIComponent(result.data.id)}`, locale: await getLocale() });
}

/** Ends a ban now, with the reason in the audit trail; back to the list, which names it. */
export async function endBanAction(_prev: unknown, formData: FormData): Promise<ActionResult<{ id: string }>> {
  const result = await runAction(async () => {
    const actor = await manager();
    const { id, reason, filter } = endBanSchema.parse(formValues(formData));
    await endBan(await domain(), actor, id, reason);
    return { id, filter };
  });
  if (!result.ok) return result;
  refresh();
  const query = `filter=${result.data.filter}&ended=${encodeURIComponent(result.data.id)}`;
  return redirect({ href: `/staff/bans?${query}`, locale: await getLocale() });
}
