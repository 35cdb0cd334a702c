import { identifyAtKiosk } from "@/src/domain/visits/kiosk-check-in";
import { identifySchema } from "@/src/kiosk/api/kiosk-schemas";
import { requireDevice } from "@/src/server/auth/device-request";
import { handle, readJson } from "@/src/server/http";
import { spendKioskRequest } from "@/src/server/kiosk-budget";
import { domain } from "@/src/server/runtime";

/** A kiosk identifies a visitor (scan or walk-in form); the answer is the kiosk's next screen. */
export const POST = handle(async (req) => {
  const device = await requireDevice(req, "kiosk.use");
  const ctx = await domain();
  spendKioskRequest(ctx, device.id);
  const body = await readJson(req, identifySchema);
  return Response.json(await identifyAtKiosk(ctx, device, body.input, body.language));
});
