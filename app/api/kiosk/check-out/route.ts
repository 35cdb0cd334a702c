import { checkOutAtKiosk } from "@/src/domain/visits/check-out-at-kiosk";
import { checkOutSchema } from "@/src/kiosk/api/kiosk-schemas";
import { requireDevice } from "@/src/server/auth/device-request";
import { handle, readJson } from "@/src/server/http";
import { spendKioskRequest } from "@/src/server/kiosk-budget";
import { domain } from "@/src/server/runtime";

/** "I'm leaving": by pass, invite, document or the leave code shown at check-in. */
export const POST = handle(async (req) => {
  const device = await requireDevice(req, "kiosk.use");
  const ctx = await domain();
  spendKioskRequest(ctx, device.id);
  const body = await readJson(req, checkOutSchema);
  return Response.json(await checkOutAtKiosk(ctx, device, body.input));
});
