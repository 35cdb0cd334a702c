// The hardware button webhook: `POST /api/alarms/button` with `Authorization: Bearer <secret>` and
// an optional JSON body `{ "level": "ASSISTANCE" | "EMERGENCY" }` raises (or joins) the alarm of the
// button's room, like a press on its room tablet but without a cancel window. Without a valid
// secret: 401 and an audit event with the client address (never the secret); an address with too
// many failures: 429 — but a valid secret is never held back. See src/domain/alarms/buttons.ts.
import { z } from "zod";
import { authenticateWebhook, BUTTON_LEVELS, bearerSecret, pressButton } from "@/src/domain/alarms/buttons";
import { isAppError } from "@/src/domain/errors";
import type { AlarmLevel } from "@/src/generated/prisma/enums";
import { CLIENT_ADDRESS_HEADER } from "@/src/server/client-address";
import { errorResponse, handle, readJson } from "@/src/server/http";
import { domain } from "@/src/server/runtime";

const bodySchema = z.object({ level: z.enum(BUTTON_LEVELS as [AlarmLevel, ...AlarmLevel[]]).optional() });

/** The body's level, if it names a valid one. A body we cannot read never stops the alarm. */
async function requestedLevel(req: Request): Promise<{ level?: AlarmLevel; bodyIgnored: boolean }> {
  if (req.body === null || req.headers.get("content-length") === "0") return { bodyIgnored: false };
  try {
    const body = await readJson(req, bodySchema);
    return { level: body.level, bodyIgnored: false };
  } catch (err) {
    if (!isAppError(err)) throw err;
    return { bodyIgnored: true };
  }
}

export const POST = handle(async (req) => {
  const ctx = await domain();
  const address = req.headers.get(CLIENT_ADDRESS_HEADER) ?? "unknown";
  const auth = await authenticateWebhook(ctx, { secret: bearerSecret(req.headers.get("authorization")), address });
  if (!auth.ok) {
    console.warn(`[alarm-button] webhook rejected from ${address}: ${auth.reason}${auth.retryAt ? " (blocked)" : ""}`);
    const res = errorResponse(req, auth.code);
    if (auth.retryAt) {
      const seconds = Math.max(1, Math.ceil((auth.retryAt.getTime() - ctx.clock.now().getTime()) / 1000));
      res.headers.set("retry-after", String(seconds));
    }
    return res;
  }
  const { level, bodyIgnored } = await requestedLevel(req);
  if (bodyIgnored) console.warn(`[alarm-button] ${auth.button.id}: unreadable body ignored, raising at its own level`);
  const { alarm, joined } = await pressButton(ctx, auth.button, { source: "BUTTON_WEBHOOK", level });
  // A button is told what happened, not who was paged.
  return Response.json(
    { ok: true, alarmId: alarm.id, status: alarm.status, level: alarm.level, joined, bodyIgnored },
    { status: joined ? 200 : 201 },
  );
});
