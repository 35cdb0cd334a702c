"use server";
// Sets a week's incident team (permission incident_team.manage; the domain checks the location,
// the week and that every member works there, and writes the audit trail).
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requirePermission } from "@/src/domain/access/permissions";
import { setIncidentTeam } from "@/src/domain/alarms/incident-team";
import { AppError } from "@/src/domain/errors";
import { type ActionResult, runAction } from "@/src/server/action-result";
import { getStaffActor } from "@/src/server/auth/get-actor";
import { asForm } from "@/src/server/form-data";
import { domain } from "@/src/server/runtime";

const teamSchema = z.object({
  locationId: z.string().min(1).max(100),
  weekStart: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  staffIds: z.array(z.string().min(1).max(100)).max(200),
});

export async function setIncidentTeamAction(
  _prev: unknown,
  formData: FormData,
): Promise<ActionResult<{ count: number }>> {
  return runAction(async () => {
    const actor = requirePermission(await getStaffActor(), "incident_team.manage");
    const form = asForm(formData);
    const parsed = teamSchema.safeParse({
      locationId: form.get("locationId"),
      weekStart: form.get("weekStart"),
      staffIds: form.getAll("staffIds"),
    });
    if (!parsed.success) throw new AppError("VALIDATION", "Invalid team");
    const team = await setIncidentTeam(await domain(), actor, parsed.data);
    revalidatePath("/[locale]/staff/incident-team", "page");
    return { count: team.length };
  });
}
