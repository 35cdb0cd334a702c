// Door configuration per location (doors.configure): kind, zones, interlock group, driver and
// topics, safe state, release and held-open seconds. Validated with the interlock's own rule
// (validateDoorGroups: at most one fail-safe door per group), audited, and published.
import { z } from "zod";
import type { Actor } from "@/src/domain/access/actor";
import { canSeeLocation, requirePermission } from "@/src/domain/access/permissions";
import { recordAudit } from "@/src/domain/audit/record-audit";
import type { DomainContext } from "@/src/domain/db";
import { doorSnapshot } from "@/src/domain/doors/doors";
import { validateDoorGroups } from "@/src/domain/doors/interlock";
import { AppError } from "@/src/domain/errors";

const topic = z
  .string()
  .trim()
  .max(200)
  .regex(/^[^#+\s]*$/, "no wildcards")
  .transform((v) => v || null)
  .nullable()
  .optional();

export const doorInput = z.object({
  id: z.string().trim().max(100).optional().nullable(),
  locationId: z.string().trim().min(1).max(100),
  name: z.string().trim().min(1).max(100),
  kind: z.enum(["ENTRANCE_OUTER", "ENTRANCE_INNER", "STAFF_ONLY", "EXIT"]),
  fromZone: z.enum(["OUTSIDE", "PUBLIC", "WAITING", "STAFF_ONLY"]),
  toZone: z.enum(["OUTSIDE", "PUBLIC", "WAITING", "STAFF_ONLY"]),
  interlockGroup: z
    .string()
    .trim()
    .max(50)
    .transform((v) => v || null)
    .nullable()
    .optional(),
  driver: z.enum(["SIMULATOR", "MQTT"]),
  commandTopic: topic,
  stateTopic: topic,
  availabilityTopic: topic,
  safeState: z.enum(["LOCKED", "RELEASED"]),
  releaseSeconds: z.coerce.number().int().min(1).max(300),
  heldOpenAlertSeconds: z.coerce.number().int().min(5).max(3600),
  sortOrder: z.coerce.number().int().min(0).max(999).default(0),
});

export async function saveDoor(ctx: DomainContext, actor: Actor, raw: unknown) {
  requirePermission(actor, "doors.configure");
  const input = doorInput.parse(raw);
  if (!canSeeLocation(actor, input.locationId)) throw new AppError("FORBIDDEN");
  if (input.driver === "MQTT" && !input.commandTopic)
    throw new AppError("VALIDATION", "MQTT doors need a command topic", { commandTopic: ["required"] });
  const now = ctx.clock.now();
  const { id, ...data } = input;
  const door = await ctx.db.$transaction(async (tx) => {
    if (id) {
      const existing = await tx.door.findUnique({ where: { id } });
      if (!existing || existing.locationId !== input.locationId || !existing.active) throw new AppError("NOT_FOUND");
    }
    const others = await tx.door.findMany({
      where: { locationId: input.locationId, active: true, ...(id ? { id: { not: id } } : {}) },
      select: { id: true, interlockGroup: true, safeState: true },
    });
    const bad = validateDoorGroups([
      ...others.map((o) => ({ id: o.id, group: o.interlockGroup, safeState: o.safeState })),
      { id: id ?? "new", group: input.interlockGroup ?? null, safeState: input.safeState },
    ]);
    if (bad.length) throw new AppError("VALIDATION", "one fail-safe door per group", { safeState: ["groupFailSafe"] });
    const saved = id
      ? await tx.door.update({ where: { id }, data })
      : await tx.door.create({ data: { ...data, interlockGroup: data.interlockGroup ?? null } });
    await recordAudit(tx, actor, {
      action: id ? "door.updated" : "door.created",
      subjectType: "Door",
      subjectId: saved.id,
      locationId: input.locationId,
      data: { ...data },
      at: now,
    });
    return saved;
  });
  ctx.events.publish("door.state_changed", await doorSnapshot(ctx.db, door.locationId));
  return door;
}

/** Removes a door from service (kept for the audit trail). */
export async function removeDoor(ctx: DomainContext, actor: Actor, doorId: string) {
  requirePermission(actor, "doors.configure");
  const door = await ctx.db.door.findUnique({ where: { id: doorId } });
  if (!door || !door.active) throw new AppError("NOT_FOUND");
  if (!canSeeLocation(actor, door.locationId)) throw new AppError("FORBIDDEN");
  await ctx.db.$transaction(async (tx) => {
    await tx.door.update({ where: { id: doorId }, data: { active: false, queuedReason: null, queuedVisitId: null } });
    await recordAudit(tx, actor, {
      action: "door.removed",
      subjectType: "Door",
      subjectId: doorId,
      locationId: door.locationId,
      data: { name: door.name },
      at: ctx.clock.now(),
    });
  });
  ctx.events.publish("door.state_changed", await doorSnapshot(ctx.db, door.locationId));
}
