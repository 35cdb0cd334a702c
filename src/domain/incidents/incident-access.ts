// Who may see and handle an incident registration (need to know): its author, the affected staff
// member, the managers of its location (admins everywhere) and the location's safety officer
// (veiligheidsfunctionaris, Location.safetyOfficerId). Everyone else gets NOT_FOUND, so an id
// says nothing about whether an incident exists.
import type { Actor } from "@/src/domain/access/actor";
import { canSeeLocation } from "@/src/domain/access/permissions";
import type { Db, Tx } from "@/src/domain/db";

export interface IncidentAccess {
  view: boolean;
  /** Handle it: aftercare, the response to the perpetrator, close it, export the summary. */
  manage: boolean;
  /** The author (who opened or registered it): their own reads are not audited. */
  author: boolean;
}

type IncidentRef = {
  locationId: string;
  createdById: string | null;
  registeredById: string | null;
  affectedStaffId: string | null;
};

export function isLocationManager(actor: Actor, locationId: string): boolean {
  if (actor.type === "SYSTEM") return true;
  if (actor.type !== "STAFF") return false;
  if (actor.role === "ADMIN") return true;
  return actor.role === "MANAGER" && canSeeLocation(actor, locationId);
}

export async function safetyOfficerOf(db: Db | Tx, locationId: string): Promise<string | null> {
  const l = await db.location.findUnique({ where: { id: locationId }, select: { safetyOfficerId: true } });
  return l?.safetyOfficerId ?? null;
}

/** The locations where the actor is the safety officer. */
export async function safetyOfficerLocations(db: Db | Tx, actor: Actor): Promise<string[]> {
  if (actor.type !== "STAFF") return [];
  const rows = await db.location.findMany({
    where: { safetyOfficerId: actor.id, id: { in: actor.locationIds } },
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

export async function incidentAccess(db: Db | Tx, actor: Actor, incident: IncidentRef): Promise<IncidentAccess> {
  if (actor.type === "SYSTEM") return { view: true, manage: true, author: false };
  if (actor.type !== "STAFF") return { view: false, manage: false, author: false };
  const author = incident.createdById === actor.id || incident.registeredById === actor.id;
  const affected = incident.affectedStaffId === actor.id;
  let manage = isLocationManager(actor, incident.locationId);
  if (!manage && canSeeLocation(actor, incident.locationId)) {
    manage = (await safetyOfficerOf(db, incident.locationId)) === actor.id;
  }
  return { view: manage || author || affected, manage, author };
}
