// Data for the admin staff pages (server only; callers have checked `staff.manage`).
import { findStaff, listStaff } from "@/src/domain/staff/manage-staff";
import { domain } from "@/src/server/runtime";

export type StaffRow = Awaited<ReturnType<typeof listStaff>>[number];

export async function loadStaffList(): Promise<StaffRow[]> {
  return listStaff(await domain());
}

/** One staff member for the edit page, without any secret; null when unknown. */
export async function loadStaffMember(id: string): Promise<StaffRow | null> {
  return findStaff(await domain(), id);
}

export interface LocationOption {
  id: string;
  name: string;
}

export async function loadLocationOptions(): Promise<LocationOption[]> {
  const ctx = await domain();
  return ctx.db.location.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } });
}
