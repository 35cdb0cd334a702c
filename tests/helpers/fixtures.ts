// Small builders for integration tests: a location with rooms, and staff with a known password.
import type { Actor } from "@/src/domain/access/actor";
import type { Db } from "@/src/domain/db";
import { hashPassword } from "@/src/domain/staff/passwords";
import type { Role } from "@/src/generated/prisma/enums";

export const PASSWORD = "correct horse battery";

// Argon2 takes tens of ms: hash each password once per test file.
const hashes = new Map<string, Promise<string>>();
const hashed = (password: string) => {
  let h = hashes.get(password);
  if (!h) {
    h = hashPassword(password);
    hashes.set(password, h);
  }
  return h;
};

export async function makeLocation(db: Db, id = "loc-a") {
  await db.organisation.upsert({ where: { id: "org-test" }, create: { id: "org-test", name: "Test" }, update: {} });
  const location = await db.location.create({
    data: { id, organisationId: "org-test", name: `Location ${id}`, kind: "APPOINTMENT" },
  });
  const consult = await db.room.create({
    data: { id: `${id}-consult`, locationId: id, name: "Spreekkamer", kind: "CONSULT" },
  });
  const waiting = await db.room.create({
    data: { id: `${id}-waiting`, locationId: id, name: "Wachtruimte", kind: "WAITING" },
  });
  return { location, consult, waiting };
}

export async function makeStaff(
  db: Db,
  input: { id: string; email?: string; role?: Role; password?: string; active?: boolean; locationIds?: string[] },
) {
  return db.staffMember.create({
    data: {
      id: input.id,
      name: `Staff ${input.id}`,
      email: input.email ?? `${input.id}@example.test`,
      role: input.role ?? "STAFF",
      active: input.active ?? true,
      passwordHash: await hashed(input.password ?? PASSWORD),
      locations: { create: (input.locationIds ?? []).map((locationId) => ({ locationId })) },
    },
  });
}

export const staffActorOf = (id: string, role: Role = "ADMIN", locationIds: string[] = []): Actor => ({
  type: "STAFF",
  id,
  role,
  locationIds,
});
