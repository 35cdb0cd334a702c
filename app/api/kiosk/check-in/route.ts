import { completeCheckIn } from "@/src/domain/visits/kiosk-check-in";
import { checkInSchema } from "@/src/kiosk/api/kiosk-schemas";
import { requireDevice } from "@/src/server/auth/device-request";
import { handle, readJson } from "@/src/server/http";
import { domain } from "@/src/server/runtime";

/** The visitor accepted or declined the house rules. */
export const POST = handle(async (req) => {
  const device = await requireDevice(req, "kiosk.use");
  const body = await readJson(req, checkInSchema);
  return Response.json(await completeCheckIn(await domain(), device, body.pending, body.decision));
});
