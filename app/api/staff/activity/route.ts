// POST /api/staff/activity {duty?: boolean} — a staff screen reports activity
// (src/staff/shell/staff-activity.tsx): keeps the session alive; `duty: true` from a screen of duty
// (src/domain/staff/staff-sessions.ts). 401 when the session has ended or was idle too long: the
// screen then goes to the sign-in page and says why.
import { z } from "zod";
import { AppError } from "@/src/domain/errors";
import { touchStaffSession } from "@/src/domain/staff/staff-sessions";
import { getStaffActor, getStaffSession } from "@/src/server/auth/get-actor";
import { config } from "@/src/server/config";
import { handle, readJson } from "@/src/server/http";
import { domain } from "@/src/server/runtime";

const bodySchema = z.object({ duty: z.boolean().optional() });

export const POST = handle(async (req: Request) => {
  const session = await getStaffSession();
  if (!session) throw new AppError("UNAUTHORIZED");
  const { duty } = await readJson(req, bodySchema, 1024);
  const idleMs = config().staffIdleMs;
  if (session.sid) {
    const state = await touchStaffSession(await domain(), session.sid, session.staffId, idleMs, duty === true);
    if (state !== "active") throw new AppError("UNAUTHORIZED");
  }
  // Deactivated staff are refused like everywhere else.
  if (!(await getStaffActor())) throw new AppError("UNAUTHORIZED");
  return Response.json({ ok: true, idleMs }, { headers: { "Cache-Control": "no-store" } });
});
