import type { Actor } from "@/src/domain/access/actor";
import { recordAudit } from "@/src/domain/audit/record-audit";
import { hmac } from "@/src/domain/crypto";
import type { DomainContext } from "@/src/domain/db";
import { AppError } from "@/src/domain/errors";
import { hashPassword, MIN_PASSWORD_LENGTH } from "@/src/domain/staff/passwords";
import type { Prisma } from "@/src/generated/prisma/client";
import type { Role } from "@/src/generated/prisma/enums";

export interface StaffInput {
  name: string;
  email: string;
  role: Role;
  locale: "nl" | "en";
  locationIds: string[];
}

export interface StaffKeys {
  /** Server secret for the badge-code HMAC. */
  hmacKey: string;
}

const normaliseEmail = (email: string) => email.trim().toLowerCase();

function checkPassword(password: string) {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new AppError("VALIDATION", "Password too short", { password: ["too_short"] });
  }
}

async function checkLocations(ctx: DomainContext, ids: string[]) {
  const found = await ctx.db.location.count({ where: { id: { in: ids } } });
  if (found !== new Set(ids).size) throw new AppError("VALIDATION", "Unknown location", { locationIds: ["unknown"] });
}

async function emailTaken(ctx: DomainContext, email: string, exceptId?: string) {
  const other = await ctx.db.staffMember.findUnique({ where: { email } });
  return !!other && other.id !== exceptId;
}

export async function createStaff(ctx: DomainContext, actor: Actor, input: StaffInput & { password: string }) {
  const now = ctx.clock.now();
  const email = normaliseEmail(input.email);
  checkPassword(input.password);
  await checkLocations(ctx, input.locationIds);
  if (await emailTaken(ctx, email)) throw new AppError("CONFLICT", "E-mail in use", { email: ["taken"] });
  const passwordHash = await hashPassword(input.password);
  const staff = await ctx.db.$transaction(async (tx) => {
    const s = await tx.staffMember.create({
      data: {
        name: input.name.trim(),
        email,
        role: input.role,
        locale: input.locale,
        passwordHash,
        locations: { create: input.locationIds.map((locationId) => ({ locationId })) },
      },
    });
    await recordAudit(tx, actor, {
      action: "staff.created",
      subjectType: "StaffMember",
      subjectId: s.id,
      data: { name: s.name, email: s.email, role: s.role, locationIds: input.locationIds },
      at: now,
    });
    return s;
  });
  ctx.events.publish("staff.changed", { staffId: staff.id });
  return staff;
}

export async function updateStaff(ctx: DomainContext, actor: Actor, id: string, input: StaffInput) {
  const now = ctx.clock.now();
  const email = normaliseEmail(input.email);
  await checkLocations(ctx, input.locationIds);
  if (await emailTaken(ctx, email, id)) throw new AppError("CONFLICT", "E-mail in use", { email: ["taken"] });
  const staff = await ctx.db.$transaction(async (tx) => {
    const before = await tx.staffMember.findUnique({ where: { id }, include: { locations: true } });
    if (!before) throw new AppError("NOT_FOUND");
    if (actor.type === "STAFF" && actor.id === id && input.role !== before.role) {
      throw new AppError("VALIDATION", "You cannot change your own role", { role: ["own_role"] });
    }
    await tx.staffLocation.deleteMany({ where: { staffId: id } });
    const s = await tx.staffMember.update({
      where: { id },
      data: {
        name: input.name.trim(),
        email,
        role: input.role,
        locale: input.locale,
        locations: { create: input.locationIds.map((locationId) => ({ locationId })) },
      },
    });
    await recordAudit(tx, actor, {
      action: "staff.updated",
      subjectType: "StaffMember",
      subjectId: id,
      data: {
        before: {
          name: before.name,
          email: before.email,
          role: before.role,
          locationIds: before.locations.map((l) => l.locationId),
        },
        after: { name: s.name, email: s.email, role: s.role, locationIds: input.locationIds },
      },
      at: now,
    });
    return s;
  });
  ctx.events.publish("staff.changed", { staffId: id });
  return staff;
}

/** Deactivating keeps the record (audit, history) but ends sign-in and open sessions at once. */
export async function setStaffActive(ctx: DomainContext, actor: Actor, id: string, active: boolean) {
  const now = ctx.clock.now();
  if (!active && actor.type === "STAFF" && actor.id === id) {
    throw new AppError("VALIDATION", "You cannot deactivate yourself", { active: ["self"] });
  }
  await ctx.db.$transaction(async (tx) => {
    const s = await tx.staffMember.findUnique({ where: { id } });
    if (!s) throw new AppError("NOT_FOUND");
    await tx.staffMember.update({ where: { id }, data: { active } });
    await recordAudit(tx, actor, {
      action: active ? "staff.reactivated" : "staff.deactivated",
      subjectType: "StaffMember",
      subjectId: id,
      at: now,
    });
  });
  ctx.events.publish("staff.changed", { staffId: id });
}

export async function resetPassword(ctx: DomainContext, actor: Actor, id: string, password: string) {
  const now = ctx.clock.now();
  checkPassword(password);
  const passwordHash = await hashPassword(password);
  await ctx.db.$transaction(async (tx) => {
    const s = await tx.staffMember.findUnique({ where: { id } });
    if (!s) throw new AppError("NOT_FOUND");
    await tx.staffMember.update({ where: { id }, data: { passwordHash } });
    await recordAudit(tx, actor, {
      action: "staff.password_reset",
      subjectType: "StaffMember",
      subjectId: id,
      at: now,
    });
  });
}

/** Sets (or clears, with null) the staff badge; only its keyed hash is stored. */
export async function setBadge(
  ctx: DomainContext,
  actor: Actor,
  keys: StaffKeys,
  id: string,
  badgeCode: string | null,
) {
  const now = ctx.clock.now();
  const badgeHash = badgeCode ? hmac(keys.hmacKey, `badge:${badgeCode.trim()}`) : null;
  if (badgeHash) {
    const other = await ctx.db.staffMember.findUnique({ where: { badgeHash } });
    if (other && other.id !== id) throw new AppError("CONFLICT", "Badge in use", { badgeCode: ["taken"] });
  }
  await ctx.db.$transaction(async (tx) => {
    const s = await tx.staffMember.findUnique({ where: { id } });
    if (!s) throw new AppError("NOT_FOUND");
    await tx.staffMember.update({ where: { id }, data: { badgeHash } });
    await recordAudit(tx, actor, {
      action: badgeCode ? "staff.badge_set" : "staff.badge_cleared",
      subjectType: "StaffMember",
      subjectId: id,
      at: now,
    });
  });
}

const withLocations = { locations: { include: { location: { select: { id: true, name: true } } } } } as const;

type StaffWithLocations = Prisma.StaffMemberGetPayload<{ include: typeof withLocations }>;

/** A staff member as the admin screens show them: no password hash, no badge hash. */
function staffRow(s: StaffWithLocations) {
  return {
    id: s.id,
    name: s.name,
    email: s.email,
    role: s.role,
    locale: s.locale,
    active: s.active,
    hasBadge: !!s.badgeHash,
    needsEvacuationHelp: s.needsEvacuationHelp,
    locations: s.locations.map((l) => l.location),
  };
}

/** Staff list for the admin screen, without any secret. */
export async function listStaff(ctx: DomainContext) {
  const rows = await ctx.db.staffMember.findMany({
    orderBy: [{ active: "desc" }, { name: "asc" }],
    include: withLocations,
  });
  return rows.map(staffRow);
}

/** One staff member for the admin screen, without any secret; null when unknown. */
export async function findStaff(ctx: DomainContext, id: string) {
  const s = await ctx.db.staffMember.findUnique({ where: { id }, include: withLocations });
  return s ? staffRow(s) : null;
}

/** The staff member as an Actor: with current role and locations; null when gone or inactive. */
export async function staffActor(ctx: Pick<DomainContext, "db">, id: string): Promise<Actor | null> {
  const s = await ctx.db.staffMember.findUnique({ where: { id }, include: { locations: true } });
  if (!s || !s.active) return null;
  return { type: "STAFF", id: s.id, role: s.role, locationIds: s.locations.map((l) => l.locationId) };
}
