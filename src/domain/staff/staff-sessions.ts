// Staff sessions and the idle timeout. A sign-in starts a StaffSession row; its id travels in the
// signed next-auth JWT. A session ends at sign-out, or once nobody has been active for the idle
// timeout (PORTIER_STAFF_IDLE_MINUTES, default 30). "Active" is what the staff screens report
// (POST /api/staff/activity, src/staff/shell/use-staff-activity.ts):
//   - interactive screens (visitors, bans, audit, admin …) report only while the person types,
//     taps or clicks — a screen left alone is signed out after the timeout;
//   - screens of duty (the pager /staff/alarms, the desk, the doorman console, the register) are
//     meant to stay open all day: they report by themselves while open and mark the session "on
//     duty", which has no idle timeout — an open pager keeps receiving alarms however long nobody
//     touches it, also when a phone's browser froze it in the background for an hour. The next
//     report from an interactive screen takes the mark off again.
// The screen itself says whether it is a screen of duty: the timeout protects against a screen
// forgotten on a shared computer, not against the account holder keeping their own session on.
// Paired devices (kiosk, room tablet, desk screen) are no staff sessions and never time out.
// Times come from the domain clock.
import { randomToken } from "@/src/domain/crypto";
import type { DomainContext } from "@/src/domain/db";

/** The default idle timeout (PORTIER_STAFF_IDLE_MINUTES). */
export const DEFAULT_STAFF_IDLE_MS = 30 * 60_000;
/** A report within this long of the last one is not written again (one write a minute at most per session). */
export const TOUCH_EVERY_MS = 30_000;
/** Ended or idle sessions are deleted after this long (they hold sign-in times: personal data). */
export const SESSION_KEEP_MS = 30 * 24 * 60 * 60 * 1000;

export type SessionState = "active" | "idle" | "ended" | "unknown";

/** Starts a session at sign-in; returns its id (for the JWT). Old sessions are pruned here. */
export async function startStaffSession(ctx: DomainContext, staffId: string): Promise<string> {
  const now = ctx.clock.now();
  const id = randomToken();
  await ctx.db.staffSession.create({ data: { id, staffId, startedAt: now, lastActiveAt: now } });
  await ctx.db.staffSession.deleteMany({ where: { lastActiveAt: { lt: new Date(now.getTime() - SESSION_KEEP_MS) } } });
  return id;
}

/** Whether this session may still act; a session found idle is ended (reason IDLE). */
export async function staffSessionState(
  ctx: DomainContext,
  sid: string,
  staffId: string,
  idleMs: number,
): Promise<SessionState> {
  const s = await ctx.db.staffSession.findUnique({ where: { id: sid } });
  const now = ctx.clock.now();
  const state = stateOf(s, staffId, now, idleMs);
  if (state === "idle" && !s?.endedAt) await endIdle(ctx, [sid], now);
  return state;
}

type SessionRow = {
  staffId: string;
  endedAt: Date | null;
  endReason: string | null;
  onDuty: boolean;
  lastActiveAt: Date;
};

/** Pure: the state of a session row for a staff member at `now`. */
function stateOf(s: SessionRow | null, staffId: string, now: Date, idleMs: number): SessionState {
  if (!s || s.staffId !== staffId) return "unknown";
  if (s.endedAt) return s.endReason === "IDLE" ? "idle" : "ended";
  return s.onDuty || now.getTime() - s.lastActiveAt.getTime() < idleMs ? "active" : "idle";
}

async function endIdle(ctx: DomainContext, sids: string[], now: Date) {
  await ctx.db.staffSession.updateMany({
    where: { id: { in: sids }, endedAt: null },
    data: { endedAt: now, endReason: "IDLE" },
  });
}

/**
 * Many sessions at once (the realtime layer's sweep of its open staff sockets): the state of each
 * (sid → state; a session of someone else is "unknown"), in one read; the idle ones are ended.
 */
export async function staffSessionStates(
  ctx: DomainContext,
  sessions: { sid: string; staffId: string }[],
  idleMs: number,
): Promise<Map<string, SessionState>> {
  const now = ctx.clock.now();
  const out = new Map<string, SessionState>();
  for (let i = 0; i < sessions.length; i += 500) {
    const chunk = sessions.slice(i, i + 500);
    const rows = await ctx.db.staffSession.findMany({ where: { id: { in: chunk.map((c) => c.sid) } } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    const newlyIdle: string[] = [];
    for (const { sid, staffId } of chunk) {
      const row = byId.get(sid) ?? null;
      const state = stateOf(row, staffId, now, idleMs);
      if (state === "idle" && row && !row.endedAt) newlyIdle.push(sid);
      out.set(sid, state);
    }
    if (newlyIdle.length) await endIdle(ctx, newlyIdle, now);
  }
  return out;
}

/**
 * A sign of activity from a staff screen (`onDuty`: a screen of duty): keeps an active session
 * alive and sets or clears its duty mark. Answers the state before the touch.
 */
export async function touchStaffSession(
  ctx: DomainContext,
  sid: string,
  staffId: string,
  idleMs: number,
  onDuty = false,
): Promise<SessionState> {
  const state = await staffSessionState(ctx, sid, staffId, idleMs);
  if (state !== "active") return state;
  const now = ctx.clock.now();
  await ctx.db.staffSession.updateMany({
    where: {
      id: sid,
      endedAt: null,
      OR: [{ lastActiveAt: { lt: new Date(now.getTime() - TOUCH_EVERY_MS) } }, { onDuty: !onDuty }],
    },
    data: { lastActiveAt: now, onDuty },
  });
  return state;
}

/** Sign-out: the session ends at once (its JWT, if kept somewhere, no longer works). */
export async function endStaffSession(ctx: DomainContext, sid: string): Promise<void> {
  await ctx.db.staffSession.updateMany({
    where: { id: sid, endedAt: null },
    data: { endedAt: ctx.clock.now(), endReason: "SIGNED_OUT" },
  });
}
