// The fire panel's webhook: `POST /api/evacuations/fire-panel` with `Authorization: Bearer <secret>`
// (the location's secret, issued on the evacuation settings page) and an optional JSON body
// `{ "drill": true, "reason": "…" }` starts an evacuation of that location (201), or answers the one
// already running (200). Without a valid secret: 401 and an audit event with the client address;
// an address with too many failures: 429 — but a valid secret is never held back. A body that
// cannot be read never stops the evacuation (it starts as real, without a reason).
import { z } from "zod";
import { bearerSecret } from "@/src/domain/alarms/buttons";
import { isAppError } from "@/src/domain/errors";
import { authenticateFirePanel, startFromFirePanel } from "@/src/domain/evacuation/evacuation-inputs";
import { CLIENT_ADDRESS_HEADER } from "@/src/server/client-address";
import { errorResponse, handle, readJson } from "@/src/server/http";
import { domain } from "@/src/server/runtime";

const bodySchema = z.object({ drill: z.boolean().optional(), reason: z.string().max(500).optional() });

async function body(req: Request): Promise<{ drill?: boolean; reason?: string; bodyIgnored: boolean }> {
  if (req.body === null || req.headers.get("content-length") === "0") return { bodyIgnored: false };
  try {
    return { ...(await readJson(req, bodySchema)), bodyIgnored: false };
  } catch (err) {
    if (!isAppError(err)) throw err;
    return { bodyIgnored: true };
  }
}

export const POST = handle(async (req) => {
  const ctx = await domain();
  const address = req.headers.get(CLIENT_ADDRESS_HEADER) ?? "unknown";
  const auth = await authenticateFirePanel(ctx, { secret: bearerSecret(req.headers.get("authorization")), address });
  if (!auth.ok) {
    console.warn(`[fire-panel] webhook rejected from ${address}${auth.retryAt ? " (blocked)" : ""}`);
    const res = errorResponse(req, auth.code);
    if (auth.retryAt) {
      const seconds = Math.max(1, Math.ceil((auth.retryAt.getTime() - ctx.clock.now().getTime()) / 1000));
      res.headers.set("retry-after", String(seconds));
    }
    return res;
  }
  const { drill, reason, bodyIgnored } = await body(req);
  const { rollCall, alreadyRunning } = await startFromFirePanel(ctx, auth.locationId, {
    drill,
    reason: reason ?? null,
    source: "WEBHOOK",
  });
  // The panel is told what happened, never who is inside.
  return Response.json(
    {
      ok: true,
      evacuationId: rollCall.evacuation.id,
      drill: rollCall.evacuation.drill,
      alreadyRunning,
      people: rollCall.counts.total,
      bodyIgnored,
    },
    { status: alreadyRunning ? 200 : 201 },
  );
});
