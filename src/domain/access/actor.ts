import type { DeviceKind, Role } from "@/src/generated/prisma/enums";

/** Who is doing something: a signed-in staff member, a paired device, or the system itself. */
export type Actor =
  | { type: "STAFF"; id: string; role: Role; locationIds: string[] }
  | { type: "DEVICE"; id: string; kind: DeviceKind; locationId: string; roomId: string | null }
  | { type: "SYSTEM"; id?: string };

export const systemActor: Actor = { type: "SYSTEM" };

export function actorRef(actor: Actor): { actorType: Actor["type"]; actorId: string | null } {
  return { actorType: actor.type, actorId: actor.id ?? null };
}
