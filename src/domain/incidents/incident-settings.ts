// Per-location incident settings: the safety officer (veiligheidsfunctionaris, a staff member of
// the location who then sees and handles its incidents), the neighbourhood police officer
// (wijkagent), the other contacts (the same list the desk sees when an alarm escalates) and the
// days before the second aftercare question. Managers of the location and admins.
import type { Actor } from "@/src/domain/access/actor";
import { canSeeLocation, requirePermission } from "@/src/domain/access/permissions";
import { recordAudit } from "@/src/domain/audit/record-audit";
import type { DomainContext } from "@/src/domain/db";
import { AppError } from "@/src/domain/errors";
import { AFTERCARE_FINAL_DAYS, clampFollowUpDays } from "@/src/domain/incidents/step-plan";

export interface IncidentSettings {
  safetyOfficerId: string | null;
  neighbourhoodOfficer: string;
  emergencyContacts: string;
  aftercareFollowUpDays: number;
}

const CONTACTS_MAX = 1000;

export async function loadIncidentSettings(ctx: DomainContext, actor: Actor, locationId: string) {
  requirePermission(actor, "incidents.manage");
  if (!canSeeLocation(actor, locationId)) throw new AppError("NOT_FOUND");
  const [location, staff] = await Promise.all([
    ctx.db.location.findUnique({ where: { id: locationId } }),
    ctx.db.staffMember.findMany({
      where: { active: true, locations: { some: { locationId } } },
      select: { id: true, name: true },
      orderBy: { name: "asc" },
    }),
  ]);
  if (!location) throw new AppError("NOT_FOUND");
  const settings: IncidentSettings = {
    safetyOfficerId: location.safetyOfficerId,
    neighbourhoodOfficer: location.neighbourhoodOfficer ?? "",
    emergencyContacts: location.emergencyContacts,
    aftercareFollowUpDays: clampFollowUpDays(location.aftercareFollowUpDays),
  };
  return { settings, staff };
}

export async function saveIncidentSettings(
  ctx: DomainContext,
  actor: Actor,
  locationId: string,
  input: IncidentSettings,
): Promise<void> {
  requirePermission(actor, "incidents.manage");
  if (!canSeeLocation(actor, locationId))
    throw new AppError("VALIDATION", "Unknown location", { locationId: ["invalid_value"] });
  const errors: Record<string, string[]> = {};
  if (input.neighbourhoodOfficer.length > CONTACTS_MAX) errors.neighbourhoodOfficer = ["too_long"];
  if (input.emergencyContacts.length > CONTACTS_MAX) errors.emergencyContacts = ["too_long"];
  if (
    !Number.isInteger(input.aftercareFollowUpDays) ||
    input.aftercareFollowUpDays < 1 ||
    input.aftercareFollowUpDays >= AFTERCARE_FINAL_DAYS
  ) {
    errors.aftercareFollowUpDays = ["invalid"];
  }
  if (input.safetyOfficerId) {
    const member = await ctx.db.staffLocation.findUnique({
      where: { staffId_locationId: { staffId: input.safetyOfficerId, locationId } },
    });
    if (!member) errors.safetyOfficerId = ["invalid_value"];
  }
  if (Object.keys(errors).length) throw new AppError("VALIDATION", "Invalid settings", errors);
  const now = ctx.clock.now();
  await ctx.db.$transaction(async (tx) => {
    await tx.location.update({
      where: { id: locationId },
      data: {
        safetyOfficerId: input.safetyOfficerId || null,
        neighbourhoodOfficer: input.neighbourhoodOfficer.trim(),
        emergencyContacts: input.emergencyContacts.trim(),
        aftercareFollowUpDays: input.aftercareFollowUpDays,
      },
    });
    await recordAudit(tx, actor, {
      action: "incident.settings_saved",
      subjectType: "Location",
      subjectId: locationId,
      locationId,
      data: {
        safetyOfficerId: input.safetyOfficerId || null,
        aftercareFollowUpDays: input.aftercareFollowUpDays,
      },
      at: now,
    });
  });
}
