import { recordAudit } from "@/src/domain/audit/record-audit";
import { randomToken } from "@/src/domain/crypto";
import type { DomainContext } from "@/src/domain/db";
import {
  accountKey,
  addressKey,
  blockedUntil,
  clearFailures,
  LIMITS,
  recordFailure,
} from "@/src/domain/staff/login-throttle";
import { hashPassword, verifyPassword } from "@/src/domain/staff/passwords";

// Checking a real hash for unknown accounts too keeps the answer's timing alike.
let dummyHash: Promise<string> | null = null;
const getDummyHash = () => {
  dummyHash ??= hashPassword(randomToken());
  return dummyHash;
};

export type SignInResult =
  | { ok: true; staff: { id: string; name: string; email: string; role: string; locale: string } }
  | { ok: false; reason: "invalid" | "throttled"; retryAt?: Date };

/**
 * Checks an e-mail address and password. The answer never tells whether the account exists;
 * repeated failures block the account key and the client address for a while.
 */
export async function signIn(
  ctx: DomainContext,
  email: string,
  password: string,
  address: string,
): Promise<SignInResult> {
  const now = ctx.clock.now();
  const keys = [accountKey(email), addressKey(address)];
  const until = await blockedUntil(ctx.db, keys, now);
  if (until) return { ok: false, reason: "throttled", retryAt: until };

  const staff = await ctx.db.staffMember.findUnique({ where: { email: email.trim().toLowerCase() } });
  const valid = await verifyPassword(staff?.passwordHash ?? (await getDummyHash()), password);
  if (!staff || !staff.active || !valid) {
    await recordFailure(
      ctx.db,
      [
        { key: keys[0], limit: LIMITS.perAccount },
        { key: keys[1], limit: LIMITS.perAddress },
      ],
      now,
    );
    if (staff) {
      await ctx.db.$transaction((tx) =>
        recordAudit(
          tx,
          { type: "SYSTEM" },
          { action: "staff.sign_in_failed", subjectType: "StaffMember", subjectId: staff.id, at: now },
        ),
      );
    }
    const blocked = await blockedUntil(ctx.db, keys, now);
    return blocked ? { ok: false, reason: "throttled", retryAt: blocked } : { ok: false, reason: "invalid" };
  }
  await clearFailures(ctx.db, keys[0]);
  await ctx.db.$transaction((tx) =>
    recordAudit(
      tx,
      { type: "STAFF", id: staff.id, role: staff.role, locationIds: [] },
      { action: "staff.signed_in", subjectType: "StaffMember", subjectId: staff.id, at: now },
    ),
  );
  return {
    ok: true,
    staff: { id: staff.id, name: staff.name, email: staff.email, role: staff.role, locale: staff.locale },
  };
}
