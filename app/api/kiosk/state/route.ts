import { loadKioskState } from "@/src/kiosk/api/load-kiosk-state";
import { requireDevice } from "@/src/server/auth/device-request";
import { handle } from "@/src/server/http";

export const dynamic = "force-dynamic";

/** What the kiosk shows while idle: its location, registration mode and called queue numbers. */
export const GET = handle(async (req) => {
  const device = await requireDevice(req, "kiosk.use");
  return Response.json(await loadKioskState(device.locationId));
});
