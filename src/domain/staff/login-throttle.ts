import type { Db } from "@/src/domain/db";

/** After this many failures within the window, the key is blocked for BLOCK_MS. */
export const LIMITS = { perAccount: 5, perAddress: 20 } as const;
export const WINDOW_MS = 15 * 60 * 1000;
export const BLOCK_MS = 15 * 60 * 1000;

export const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
export const addressKey = (ip: string) => `address:${ip}`;

/** Returns when the first blocked key unblocks, or null when none is blocked. */
export async function blockedUntil(db: Db, keys: string[], now: Date): Promise<Date | null> {
  const rows = await db.loginThrottle.findMany({ where: { key: { in: keys }, blockedUntil: { gt: now } } });
  if (!rows.length) return null;
  return new Date(Math.max(...rows.map((r) => r.blockedUntil!.getTime())));
}

/** Counts one failure against each key; blocks a key that reaches its limit. */
export async function recordFailure(db: Db, keys: { key: string; limit: number }[], now: Date): Promise<void> {
  for (const { key, limit } of keys) {
    const row = await db.loginThrottle.findUnique({ where: { key } });
    const fresh = !row || now.getTime() - row.firstFailureAt.getTime() > WINDOW_MS;
    const failures = fresh ? 1 : row.failures + 1;
    const blocked = failures >= limit ? new Date(now.getTime() + BLOCK_MS) : null;
    await db.loginThrottle.upsert({
      where: { key },
      create: { key, failures, firstFailureAt: now, blockedUntil: blocked },
      update: {
        failures,
        firstFailureAt: fresh ? now : row.firstFailureAt,
        blockedUntil: blocked ?? row?.blockedUntil ?? null,
      },
    });
  }
}

export async function clearFailures(db: Db, key: string): Promise<void> {
  await db.loginThrottle.deleteMany({ where: { key } });
}
