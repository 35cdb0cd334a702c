// Data for the appointment screens (server only): the location's appointments today (expected
// first) and in the coming days, in the location's time zone; the form's choices.
import { can } from "@/src/domain/access/permissions";
import { getAppointment, hostOptions, listAppointments } from "@/src/domain/appointments/appointments";
import { addDays, localDay, startOfDay } from "@/src/domain/local-day";
import { domain } from "@/src/server/runtime";
import { loadStaffLocations, pickLocation } from "@/src/staff/desk/staff-locations";
import type { StaffActor } from "@/src/staff/shell/require-staff";

export const UPCOMING_DAYS = 14;

export const mayUseAppointments = (actor: StaffActor) =>
  can(actor, "appointments.manage") || can(actor, "appointments.own");

export async function loadAppointments(actor: StaffActor, requested: string | string[] | undefined) {
  const ctx = await domain();
  const locations = await loadStaffLocations(actor);
  const location = pickLocation(locations, requested);
  if (!location) return { locations, location: null, today: [], upcoming: [], now: ctx.clock.now().toISOString() };
  const now = ctx.clock.now();
  const day = localDay(now, location.timeZone);
  const tomorrow = startOfDay(addDays(day, 1), location.timeZone);
  const [today, upcoming] = await Promise.all([
    listAppointments(ctx, actor, {
      locationId: location.id,
      from: startOfDay(day, location.timeZone),
      to: tomorrow,
      includeClosed: true,
    }),
    listAppointments(ctx, actor, {
      locationId: location.id,
      from: tomorrow,
      to: startOfDay(addDays(day, UPCOMING_DAYS + 1), location.timeZone),
    }),
  ]);
  // Today's expected (still to come or arrived) first, then the ones already settled.
  const rank = (s: string) => (s === "SCHEDULED" ? 0 : s === "ARRIVED" ? 1 : 2);
  today.sort((a, b) => rank(a.status) - rank(b.status) || a.startsAt.localeCompare(b.startsAt));
  return { locations, location, today, upcoming, day, now: now.toISOString() };
}

/** Choices of the appointment form at a location. */
export async function loadFormChoices(actor: StaffActor, locationId: string) {
  const ctx = await domain();
  const [hosts, rooms, location] = await Promise.all([
    hostOptions(ctx, actor, locationId),
    ctx.db.room.findMany({
      where: { locationId, kind: { in: ["CONSULT", "PUBLIC"] } },
      select: { id: true, name: true },
      orderBy: { name: "asc" },
    }),
    ctx.db.location.findUniqueOrThrow({ where: { id: locationId }, select: { timeZone: true } }),
  ]);
  return { hosts, rooms, today: localDay(ctx.clock.now(), location.timeZone) };
}

export async function loadAppointment(actor: StaffActor, id: string) {
  return getAppointment(await domain(), actor, id);
}

/** A visitor's name for "new appointment for …" (from the visitors page), if the actor may see them. */
export async function visitorForForm(actor: StaffActor, id: string | string[] | undefined) {
  if (typeof id !== "string" || !id || !can(actor, "visitors.manage")) return null;
  const ctx = await domain();
  const { getVisitor } = await import("@/src/domain/visitors/visitors");
  try {
    const v = await getVisitor(ctx, actor, id);
    return { id: v.id, name: [v.firstName, v.lastName].filter(Boolean).join(" ") };
  } catch {
    return null;
  }
}
