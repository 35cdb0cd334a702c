import { declareEvacuationHelpAtKiosk } from "@/src/domain/evacuation/needs-help";
import { needsHelpSchema } from "@/src/kiosk/api/kiosk-schemas";
import { requireDevice } from "@/src/server/auth/device-request";
import { handle, readJson } from "@/src/server/http";
import { spendKioskRequest } from "@/src/server/kiosk-budget";
import { domain } from "@/src/server/runtime";

/** A visitor, right after checking in: "I may need help to leave the building in an emergency". */
export const POST = handle(async (req) => {
  const device = await requireDevice(req, "kiosk.use");
  const ctx = await domain();
  spendKioskRequest(ctx, device.id);
  const body = await readJson(req, needsHelpSchema);
  return Response.json({
    needsHelp: await declareEvacuationHelpAtKiosk(ctx, device, body.leaveCode, body.needsHelp),
  });
});
