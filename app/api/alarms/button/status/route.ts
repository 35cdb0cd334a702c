// The hardware buttons' MQTT link as the desk shows it (staff with alarms.manage): whether a broker
// is configured, and connected or disconnected since when. The desk banner polls this.
import { requirePermission } from "@/src/domain/access/permissions";
import { getStaffActor } from "@/src/server/auth/get-actor";
import { handle } from "@/src/server/http";
import { runtime } from "@/src/server/runtime";

export const dynamic = "force-dynamic";

export const GET = handle(async () => {
  requirePermission(await getStaffActor(), "alarms.manage");
  const link = runtime().buttonLink?.status() ?? null;
  return Response.json({
    ok: true,
    configured: link !== null,
    state: link?.state ?? null,
    since: link?.since ?? null,
  });
});
