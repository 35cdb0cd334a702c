// The room tablet's HTTP fallback for the panic button (the socket is the fast path): the same
// domain functions, authenticated by the device cookie. A revoked device gets 401.
import { z } from "zod";
import { tabletActor } from "@/app/api/alarms/tablet-actor";
import { roomAlarm } from "@/src/domain/alarms/alarm-queries";
import { raiseAlarm } from "@/src/domain/alarms/alarms";
import { AppError } from "@/src/domain/errors";
import { handle, readJson } from "@/src/server/http";
import { domain } from "@/src/server/runtime";

const raiseSchema = z.object({ level: z.enum(["ASSISTANCE", "EMERGENCY"]) }).strict();

/** Press: raises an alarm for the tablet's room (or joins the room's open one). */
export const POST = handle(async (req) => {
  const actor = await tabletActor(req);
  const body = await readJson(req, raiseSchema);
  if (!actor.roomId) throw new AppError("FORBIDDEN", "The tablet is not bound to a room");
  const { alarm, joined } = await raiseAlarm(await domain(), actor, {
    locationId: actor.locationId,
    roomId: actor.roomId,
    level: body.level,
    source: "ROOM_TABLET",
    deviceId: actor.id,
  });
  return Response.json({ ok: true, alarm, joined }, { status: joined ? 200 : 201 });
});

/** The tablet's own alarm after a reload: the room's open alarm, or its own one still pending. */
export const GET = handle(async (req) => {
  const actor = await tabletActor(req);
  return Response.json({ ok: true, alarm: await roomAlarm(await domain(), actor) });
});
