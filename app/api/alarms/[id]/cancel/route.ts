import { tabletActor } from "@/app/api/alarms/tablet-actor";
import { cancelAlarm } from "@/src/domain/alarms/alarms";
import { handle } from "@/src/server/http";
import { domain } from "@/src/server/runtime";

/** The presser's tablet cancels its alarm inside the cancel window (409 once it has opened). */
export const POST = handle(async (req, { params }: { params: Promise<{ id: string }> }) => {
  const actor = await tabletActor(req);
  const alarm = await cancelAlarm(await domain(), actor, (await params).id);
  return Response.json({ ok: true, alarm });
});
