// The locations a staff member works at (admins: all), and which one a page shows.
import type { Permission } from "@/src/domain/access/permissions";
import { domain } from "@/src/server/runtime";
import { requireStaff, type StaffActor } from "@/src/staff/shell/require-staff";

export interface StaffLocation {
  id: string;
  name: string;
  kind: "APPOINTMENT" | "WALK_IN" | "RESIDENTIAL";
  capacity: number | null;
  timeZone: string;
  waitAlertMinutes: number;
}

export async function loadStaffLocations(actor: StaffActor): Promise<StaffLocation[]> {
  const ctx = await domain();
  return ctx.db.location.findMany({
    where: actor.role === "ADMIN" ? {} : { id: { in: actor.locationIds } },
    orderBy: { name: "asc" },
    select: { id: true, name: true, kind: true, capacity: true, timeZone: true, waitAlertMinutes: true },
  });
}

/** The requested location if the staff member may see it, else their first one (null: none). */
export function pickLocation<L extends { id: string }>(
  locations: L[],
  requested: string | string[] | undefined,
): L | null {
  const id = typeof requested === "string" ? requested : undefined;
  return locations.find((l) => l.id === id) ?? locations[0] ?? null;
}

/**
 * The start of every staff page about one location: the guard (sign-in, permission), the
 * locations the person may switch between, and the one shown (`?location=`, else their first).
 */
export async function requireStaffLocation(
  locale: string,
  permission: Permission,
  path: string,
  requested: string | string[] | undefined,
): Promise<{ actor: StaffActor; locations: StaffLocation[]; location: StaffLocation | null }> {
  const actor = await requireStaff(locale, permission, path);
  const locations = await loadStaffLocations(actor);
  return { actor, locations, location: pickLocation(locations, requested) };
}
