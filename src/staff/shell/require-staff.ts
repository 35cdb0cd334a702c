// Guards for staff pages: a signed-out visitor goes to the sign-in page, a staff member without
// the permission gets a 403 page. Server actions use requirePermission on getStaffActor() instead.
import { forbidden } from "next/navigation";
import type { Actor } from "@/src/domain/access/actor";
import { can, type Permission } from "@/src/domain/access/permissions";
import { staffSessionState } from "@/src/domain/staff/staff-sessions";
import { redirect } from "@/src/i18n/navigation";
import { getStaffActor, getStaffSession } from "@/src/server/auth/get-actor";
import { config } from "@/src/server/config";
import { domain } from "@/src/server/runtime";

export type StaffActor = Actor & { type: "STAFF" };

export async function requireStaff(
  locale: string,
  permission: Permission = "dashboard.view",
  next?: string,
): Promise<StaffActor> {
  const actor = await getStaffActor();
  if (!actor) {
    const params = new URLSearchParams();
    if (next) params.set("next", next);
    // Signed out for inactivity: the sign-in page says so (src/domain/staff/staff-sessions.ts).
    const session = await getStaffSession();
    if (session?.sid) {
      const state = await staffSessionState(await domain(), session.sid, session.staffId, config().staffIdleMs);
      if (state === "idle") params.set("reason", "idle");
    }
    const query = params.size ? `?${params.toString()}` : "";
    return redirect({ href: `/login${query}`, locale });
  }
  if (!can(actor, permission)) forbidden();
  return actor;
}
