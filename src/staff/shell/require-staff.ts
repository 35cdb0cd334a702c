// Guards for staff pages: a signed-out visitor goes to the sign-in page, a staff member without
// the permission gets a 403 page. Server actions use requirePermission on getStaffActor() instead.
import { forbidden } from "next/navigation";
import type { Actor } from "@/src/domain/access/actor";
import { can, type Permission } from "@/src/domain/access/permissions";
import { redirect } from "@/src/i18n/navigation";
import { getStaffActor } from "@/src/server/auth/get-actor";

export type StaffActor = Actor & { type: "STAFF" };

export async function requireStaff(
  locale: string,
  permission: Permission = "dashboard.view",
  next?: string,
): Promise<StaffActor> {
  const actor = await getStaffActor();
  if (!actor) {
    const query = next ? `?next=${encodeURIComponent(next)}` : "";
    return redirect({ href: `/login${query}`, locale });
  }
  if (!can(actor, permission)) forbidden();
  return actor;
}
