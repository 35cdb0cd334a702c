// Builders for the alarm tests: a location with two rooms, a room tablet bound to the consult room,
// an incident team, staff of every role, and presence.
import type { Actor } from "@/src/domain/access/actor";
import { currentWeek } from "@/src/domain/alarms/incident-team";
import { sha256 } from "@/src/domain/crypto";
import type { Db } from "@/src/domain/db";
import type { Role } from "@/src/generated/prisma/enums";

export const LOC = "loc-alarm";
export const CONSULT = `${LOC}-consult`;
export const OTHER_ROOM = `${LOC}-other`;
export const TABLET_CREDENTIAL = "tablet-credential-0123456789";

export type StaffActor = Actor & { type: "STAFF" };
export type DeviceActor = Actor & { type: "DEVICE" };

export interface AlarmSite {
  locationId: string;
  tablet: DeviceActor;
  otherTablet: DeviceActor;
  /** This week's incident team. */
  team: [StaffActor, StaffActor];
  /** Staff, not on the team. */
  colleague: StaffActor;
  reception: StaffActor;
  manager: StaffActor;
  staffOfElsewhere: StaffActor;
}

async function staff(db: Db, id: string, role: Role, locationId: string): Promise<StaffActor> {
  await db.staffMember.create({
    data: {
      id,
      name: `Staff ${id}`,
      email: `${id}@example.test`,
      role,
      passwordHash: "x",
      locations: { create: [{ locationId }] },
    },
  });
  return { type: "STAFF", id, role, locationIds: [locationId] };
}

export async function makeAlarmSite(db: Db, now: Date): Promise<AlarmSite> {
  await db.organisation.upsert({ where: { id: "org-test" }, create: { id: "org-test", name: "Test" }, update: {} });
  await db.location.create({
    data: {
      id: LOC,
      organisationId: "org-test",
      name: "Locatie Alarm",
      kind: "APPOINTMENT",
      deskPhone: "020-555 0100",
      emergencyContacts: "Veiligheidscoördinator 06-1234 5678\nWijkagent 0900-8844",
    },
  });
  await db.location.create({
    data: { id: "loc-elsewhere", organisationId: "org-test", name: "Elders", kind: "APPOINTMENT" },
  });
  await db.room.create({
    data: { id: CONSULT, locationId: LOC, name: "Spreekkamer 1", floor: "1e verdieping", kind: "CONSULT" },
  });
  await db.room.create({
    data: { id: OTHER_ROOM, locationId: LOC, name: "Spreekkamer 2", floor: "begane grond", kind: "CONSULT" },
  });
  const tablet = await db.device.create({
    data: {
      id: "tablet-consult",
      name: "Tablet spreekkamer 1",
      kind: "ROOM_TABLET",
      locationId: LOC,
      roomId: CONSULT,
      credentialHash: sha256(TABLET_CREDENTIAL),
      pairedAt: now,
    },
  });
  const other = await db.device.create({
    data: {
      id: "tablet-other",
      name: "Tablet spreekkamer 2",
      kind: "ROOM_TABLET",
      locationId: LOC,
      roomId: OTHER_ROOM,
      credentialHash: sha256(`${TABLET_CREDENTIAL}-other`),
      pairedAt: now,
    },
  });
  const team: [StaffActor, StaffActor] = [
    await staff(db, "team-a", "STAFF", LOC),
    await staff(db, "team-b", "STAFF", LOC),
  ];
  const weekStart = currentWeek(now, "Europe/Amsterdam");
  for (const t of team) await db.incidentTeamMember.create({ data: { locationId: LOC, weekStart, staffId: t.id } });
  return {
    locationId: LOC,
    tablet: { type: "DEVICE", id: tablet.id, kind: "ROOM_TABLET", locationId: LOC, roomId: CONSULT },
    otherTablet: { type: "DEVICE", id: other.id, kind: "ROOM_TABLET", locationId: LOC, roomId: OTHER_ROOM },
    team,
    colleague: await staff(db, "colleague", "STAFF", LOC),
    reception: await staff(db, "reception", "RECEPTION", LOC),
    manager: await staff(db, "manager", "MANAGER", LOC),
    staffOfElsewhere: await staff(db, "elsewhere", "STAFF", "loc-elsewhere"),
  };
}

/** Signs staff in at the location (open StaffPresence), as the register does. */
export async function makePresent(db: Db, at: Date, ...staffIds: string[]) {
  for (const staffId of staffIds) {
    await db.staffPresence.create({ data: { staffId, locationId: LOC, signedInAt: at, signedInBy: "DASHBOARD" } });
  }
}
