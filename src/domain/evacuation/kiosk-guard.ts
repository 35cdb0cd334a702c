// While a location is being evacuated its kiosks refuse check-ins with a clear code (and show the
// evacuation screen); check-outs still work and count as left (evacuations.ts). Kept apart from
// evacuations.ts so the kiosk's check-in imports one query, not the roll call and the doors.
import type { Db, Tx } from "@/src/domain/db";

export const EVACUATION_OUTCOME = { step: "evacuation", code: "EVACUATION_IN_PROGRESS" } as const;

export async function evacuationRunning(db: Db | Tx, locationId: string): Promise<boolean> {
  const e = await db.evacuation.findFirst({ where: { locationId, endedAt: null }, select: { id: true } });
  return !!e;
}
