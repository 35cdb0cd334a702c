// Device credentials rotate, so a copied cookie stops working. A paired device asks
// (POST /api/devices/credential, from its screen at load and every 15 minutes:
// src/devices/use-credential-rotation.ts) whether its credential is
// due; one older than ROTATE_AFTER_MS is replaced by a new random one, sent back in the cookie.
// The old one stays valid for GRACE_MS (requests already in flight, a lost answer), then stops.
// Someone holding a copy therefore loses access within a day; should they rotate first, the real
// device is the one refused (its screen shows "no longer paired"), which tells the staff that the
// device was copied: they revoke and pair again. A rotation is audited (never the credential).
import type { Actor } from "@/src/domain/access/actor";
import { recordAudit } from "@/src/domain/audit/record-audit";
import { randomToken, sha256 } from "@/src/domain/crypto";
import type { DomainContext } from "@/src/domain/db";
import { deviceByCredential } from "@/src/domain/devices/devices";

export const ROTATE_AFTER_MS = 24 * 60 * 60 * 1000;
export const GRACE_MS = 5 * 60 * 1000;

export type RenewResult =
  | { ok: false }
  | { ok: true; deviceId: string; kind: string; rotated: false }
  | { ok: true; deviceId: string; kind: string; rotated: true; credential: string };

/**
 * Rotates the presented credential when it is due: the current one after ROTATE_AFTER_MS, or the
 * previous one during its grace period (the answer to the last rotation got lost — the device
 * never received its new credential). Unknown, revoked or expired: `{ ok: false }`.
 */
export async function renewDeviceCredential(ctx: DomainContext, presented: string | undefined): Promise<RenewResult> {
  const device = await deviceByCredential(ctx, presented);
  if (!device || !presented) return { ok: false };
  const now = ctx.clock.now();
  const hash = sha256(presented);
  const isCurrent = device.credentialHash === hash;
  const issuedAt = device.credentialIssuedAt ?? device.pairedAt ?? device.createdAt;
  const due = !isCurrent || now.getTime() - issuedAt.getTime() >= ROTATE_AFTER_MS;
  if (!due) return { ok: true, deviceId: device.id, kind: device.kind, rotated: false };

  const credential = randomToken();
  const actor: Actor = {
    type: "DEVICE",
    id: device.id,
    kind: device.kind,
    locationId: device.locationId,
    roomId: device.roomId,
  };
  const rotated = await ctx.db.$transaction(async (tx) => {
    // Conditional on the credential we read: two rotations at once never both win.
    const changed = await tx.device.updateMany({
      where: isCurrent
        ? { id: device.id, credentialHash: hash, revokedAt: null }
        : { id: device.id, previousCredentialHash: hash, revokedAt: null },
      data: isCurrent
        ? {
            credentialHash: sha256(credential),
            credentialIssuedAt: now,
            previousCredentialHash: hash,
            previousCredentialUntil: new Date(now.getTime() + GRACE_MS),
          }
        : // The previous credential keeps its (not extended) grace; the unreceived one is dropped.
          { credentialHash: sha256(credential), credentialIssuedAt: now },
    });
    if (changed.count !== 1) return false;
    await recordAudit(tx, actor, {
      action: "device.credential_rotated",
      subjectType: "Device",
      subjectId: device.id,
      locationId: device.locationId,
      data: { reissued: !isCurrent },
      at: now,
    });
    return true;
  });
  if (!rotated) return { ok: true, deviceId: device.id, kind: device.kind, rotated: false };
  return { ok: true, deviceId: device.id, kind: device.kind, rotated: true, credential };
}
