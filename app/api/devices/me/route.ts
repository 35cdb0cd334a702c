// GET /api/devices/me — whether this browser's device credential is (still) valid. Device screens
// ask this when their socket is refused, to tell "revoked" from "server briefly unavailable".
import { AppError } from "@/src/domain/errors";
import { getDevice } from "@/src/server/auth/get-actor";
import { handle } from "@/src/server/http";

export const GET = handle(async () => {
  const device = await getDevice();
  if (!device) throw new AppError("UNAUTHORIZED");
  return Response.json(
    { ok: true, device: { id: device.id, kind: device.kind, name: device.name } },
    { headers: { "Cache-Control": "no-store" } },
  );
});
