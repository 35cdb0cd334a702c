import type { Actor } from "@/src/domain/access/actor";
import { recordAudit } from "@/src/domain/audit/record-audit";
import { humanCode, normaliseCode, randomToken, sha256 } from "@/src/domain/crypto";
import type { DomainContext } from "@/src/domain/db";
import { AppError } from "@/src/domain/errors";
import { scheduleJob } from "@/src/domain/scheduler/jobs";
import type { DeviceKind } from "@/src/generated/prisma/enums";

export const PAIRING_CODE_TTL_MS = 10 * 60 * 1000;
/** A device that sent nothing for this long counts as offline even if its socket looked open. */
export const DEVICE_ONLINE_WINDOW_MS = 30 * 1000;

export interface RegisterDeviceInput {
  name: string;
  kind: DeviceKind;
  locationId: string;
  roomId?: string | null;
}

/** Registers a device and returns its first one-time pairing code (shown once, stored hashed). */
export async function registerDevice(ctx: DomainContext, actor: Actor, input: RegisterDeviceInput) {
  const now = ctx.clock.now();
  const location = await ctx.db.location.findUnique({ where: { id: input.locationId } });
  if (!location) throw new AppError("VALIDATION", "Unknown location", { locationId: ["unknown"] });
  if (input.kind === "ROOM_TABLET" && !input.roomId) {
    throw new AppError("VALIDATION", "A room tablet needs a room", { roomId: ["required"] });
  }
  if (input.roomId) {
    const room = await ctx.db.room.findUnique({ where: { id: input.roomId } });
    if (!room || room.locationId !== input.locationId) {
      throw new AppError("VALIDATION", "Unknown room", { roomId: ["unknown"] });
    }
  }
  const code = humanCode();
  const expiresAt = new Date(now.getTime() + PAIRING_CODE_TTL_MS);
  const device = await ctx.db.$transaction(async (tx) => {
    const d = await tx.device.create({
      data: {
        name: input.name,
        kind: input.kind,
        locationId: input.locationId,
        roomId: input.roomId ?? null,
        pairingCodeHash: sha256(code),
        pairingExpiresAt: expiresAt,
      },
    });
    await recordAudit(tx, actor, {
      action: "device.registered",
      subjectType: "Device",
      subjectId: d.id,
      locationId: d.locationId,
      data: { name: d.name, kind: d.kind, roomId: d.roomId },
      at: now,
    });
    await scheduleJob(tx, {
      kind: "device.pairing_expiry",
      dueAt: expiresAt,
      key: `pairing-expiry:${d.id}`,
      payload: { deviceId: d.id },
    });
    return d;
  });
  ctx.events.publish("device.registered", {
    deviceId: device.id,
    locationId: device.locationId,
    kind: device.kind,
    name: device.name,
  });
  return { device, pairingCode: code, expiresAt };
}

/** Issues a fresh pairing code (replacing any earlier one) for re-pairing or replacing a device. */
export async function issuePairingCode(ctx: DomainContext, actor: Actor, deviceId: string) {
  const now = ctx.clock.now();
  const code = humanCode();
  const expiresAt = new Date(now.getTime() + PAIRING_CODE_TTL_MS);
  await ctx.db.$transaction(async (tx) => {
    const d = await tx.device.findUnique({ where: { id: deviceId } });
    if (!d) throw new AppError("NOT_FOUND");
    await tx.device.update({
      where: { id: deviceId },
      data: { pairingCodeHash: sha256(code), pairingExpiresAt: expiresAt },
    });
    await recordAudit(tx, actor, {
      action: "device.pairing_code_issued",
      subjectType: "Device",
      subjectId: deviceId,
      locationId: d.locationId,
      at: now,
    });
    await scheduleJob(tx, {
      kind: "device.pairing_expiry",
      dueAt: expiresAt,
      key: `pairing-expiry:${deviceId}`,
      payload: { deviceId },
    });
  });
  return { pairingCode: code, expiresAt };
}

/**
 * Exchanges a one-time pairing code for a long-lived credential. The code works once and only
 * within its ten minutes; the credential is returned once and stored only as a hash.
 */
export async function pairDevice(ctx: DomainContext, typedCode: string) {
  const now = ctx.clock.now();
  const code = normaliseCode(typedCode);
  if (!/^[0-9A-Z]{8}$/.test(code)) throw new AppError("PAIRING_CODE_INVALID");
  const credential = randomToken();
  const device = await ctx.db.$transaction(async (tx) => {
    const d = await tx.device.findUnique({ where: { pairingCodeHash: sha256(code) } });
    if (!d || !d.pairingExpiresAt || d.pairingExpiresAt <= now) throw new AppError("PAIRING_CODE_INVALID");
    const updated = await tx.device.update({
      where: { id: d.id },
      data: {
        credentialHash: sha256(credential),
        credentialIssuedAt: now,
        previousCredentialHash: null,
        previousCredentialUntil: null,
        pairingCodeHash: null,
        pairingExpiresAt: null,
        pairedAt: now,
        revokedAt: null,
        lastSeenAt: now,
      },
    });
    await recordAudit(
      tx,
      { type: "DEVICE", id: d.id, kind: d.kind, locationId: d.locationId, roomId: d.roomId },
      {
        action: "device.paired",
        subjectType: "Device",
        subjectId: d.id,
        locationId: d.locationId,
        at: now,
      },
    );
    await tx.scheduledJob.deleteMany({ where: { key: `pairing-expiry:${d.id}`, status: "PENDING" } });
    return updated;
  });
  ctx.events.publish("device.paired", {
    deviceId: device.id,
    locationId: device.locationId,
    kind: device.kind,
    name: device.name,
  });
  return { device, credential };
}

/** Cuts a device off at once: its credential stops working and its open sockets are closed. */
export async function revokeDevice(ctx: DomainContext, actor: Actor, deviceId: string) {
  const now = ctx.clock.now();
  const device = await ctx.db.$transaction(async (tx) => {
    const d = await tx.device.findUnique({ where: { id: deviceId } });
    if (!d) throw new AppError("NOT_FOUND");
    const updated = await tx.device.update({
      where: { id: deviceId },
      data: {
        revokedAt: now,
        credentialHash: null,
        previousCredentialHash: null,
        previousCredentialUntil: null,
        pairingCodeHash: null,
        pairingExpiresAt: null,
        connectedAt: null,
      },
    });
    await recordAudit(tx, actor, {
      action: "device.revoked",
      subjectType: "Device",
      subjectId: deviceId,
      locationId: d.locationId,
      at: now,
    });
    return updated;
  });
  ctx.events.publish("device.revoked", { deviceId, locationId: device.locationId });
  return device;
}

/**
 * The device that holds this credential, or null when unknown or revoked. The credential before
 * the last rotation still counts during its grace period (credential-rotation.ts).
 */
export async function deviceByCredential(
  ctx: Pick<DomainContext, "db"> & Partial<Pick<DomainContext, "clock">>,
  credential: string | undefined | null,
) {
  if (!credential || credential.length > 200) return null;
  const hash = sha256(credential);
  const d =
    (await ctx.db.device.findUnique({ where: { credentialHash: hash }, include: { location: true } })) ??
    (await ctx.db.device.findUnique({ where: { previousCredentialHash: hash }, include: { location: true } }));
  if (!d || d.revokedAt) return null;
  if (d.credentialHash !== hash) {
    const now = ctx.clock?.now() ?? new Date();
    if (!d.previousCredentialUntil || d.previousCredentialUntil <= now) return null;
  }
  return d;
}

/** The name of the room a device is bound to (room tablets), or null. */
export async function roomNameOf(ctx: Pick<DomainContext, "db">, roomId: string | null): Promise<string | null> {
  if (!roomId) return null;
  return (await ctx.db.room.findUnique({ where: { id: roomId }, select: { name: true } }))?.name ?? null;
}

/** Records a heartbeat or (dis)connection; publishes presence when online state flips. */
export async function markDevicePresence(
  ctx: DomainContext,
  deviceId: string,
  state: "connected" | "heartbeat" | "disconnected",
) {
  const now = ctx.clock.now();
  const before = await ctx.db.device.findUnique({ where: { id: deviceId } });
  if (!before || before.revokedAt) return;
  const wasOnline = isOnline(before, now);
  const data =
    state === "disconnected"
      ? { connectedAt: null, lastSeenAt: now }
      : { connectedAt: before.connectedAt && wasOnline ? before.connectedAt : now, lastSeenAt: now };
  // Conditional: the device may be deleted meanwhile (its socket's last disconnect): nothing to record.
  const { count } = await ctx.db.device.updateMany({ where: { id: deviceId }, data });
  if (count !== 1) return;
  const after = { ...before, ...data };
  const online = isOnline(after, now);
  if (online !== wasOnline) {
    ctx.events.publish("device.presence_changed", {
      deviceId,
      locationId: after.locationId,
      online,
      lastSeenAt: now.toISOString(),
    });
  }
}

export function isOnline(
  d: { connectedAt: Date | null; lastSeenAt: Date | null; revokedAt: Date | null },
  now: Date,
): boolean {
  return (
    !d.revokedAt &&
    !!d.connectedAt &&
    !!d.lastSeenAt &&
    now.getTime() - d.lastSeenAt.getTime() < DEVICE_ONLINE_WINDOW_MS
  );
}

/** Devices for the admin list, with their online state, at the locations the caller may see. */
export async function listDevices(ctx: DomainContext, locationIds: string[] | "all") {
  const now = ctx.clock.now();
  const devices = await ctx.db.device.findMany({
    where: locationIds === "all" ? {} : { locationId: { in: locationIds } },
    include: { location: { select: { name: true } }, room: { select: { name: true } } },
    orderBy: [{ locationId: "asc" }, { kind: "asc" }, { name: "asc" }],
  });
  return devices.map((d) => ({
    id: d.id,
    name: d.name,
    kind: d.kind,
    locationId: d.locationId,
    locationName: d.location.name,
    roomName: d.room?.name ?? null,
    paired: !!d.credentialHash,
    revoked: !!d.revokedAt,
    pairingPending: !!d.pairingExpiresAt && d.pairingExpiresAt > now,
    lastSeenAt: d.lastSeenAt?.toISOString() ?? null,
    online: isOnline(d, now),
  }));
}

/** Scheduler job: a pairing code that was never used expires (its hash is removed). */
export async function expirePairingCode(ctx: DomainContext, deviceId: string) {
  const now = ctx.clock.now();
  await ctx.db.$transaction(async (tx) => {
    const d = await tx.device.findUnique({ where: { id: deviceId } });
    if (!d?.pairingExpiresAt || d.pairingExpiresAt > now) return;
    await tx.device.update({ where: { id: deviceId }, data: { pairingCodeHash: null, pairingExpiresAt: null } });
    await recordAudit(
      tx,
      { type: "SYSTEM" },
      {
        action: "device.pairing_code_expired",
        subjectType: "Device",
        subjectId: deviceId,
        locationId: d.locationId,
        at: now,
      },
    );
  });
}
