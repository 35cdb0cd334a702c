import { completeCheckIn } from "@/src/domain/visits/kiosk-check-in";
import { checkInSchema } from "@/src/kiosk/api/kiosk-schemas";
import { requireDevice } from "@/src/server/auth/device-request";
import { handle, readJson } from "@/src/server/http";
import { spendKioskRequest } from "@/src/server/kiosk-budget";
import { domain } from "@/src/server/runtime";

/** The visitor accepted or declined the house rules. */
export const POST = handle(async (req) => {
  const device = await requireDevice(req, "kiosk.use");
  const ctx = await domain();
  spendKioskRequest(ctx, device.id);
  const body = await readJson(req, checkInSchema);
  return Response.json(await completeCheckIn(ctx, device, body.pending, body.decision));
});
