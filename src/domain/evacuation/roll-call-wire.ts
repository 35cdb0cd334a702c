// The roll call as it travels to the marshals' devices at the start (`evacuation.started`): with
// 2,000 people the object form is ~400 KiB of repeated keys and nulls; packed as rows it is about a
// quarter of that, so socket.io encodes and every phone parses far less in the first seconds. Pure:
// the server packs, the marshal page unpacks.
import type { EvacuationInfo, RollCall, RollCallPerson } from "@/src/domain/evacuation/evacuations";
import { countStatuses } from "@/src/domain/evacuation/roll-call-rules";

/** [id, 0 staff | 1 visitor, name, index into rooms or -1, needs help 0 | 1] — everyone is MISSING at the start. */
export type PackedPerson = [string, 0 | 1, string, number, 0 | 1];

export interface PackedRollCall {
  evacuation: EvacuationInfo;
  /** [roomId, roomName] */
  rooms: [string, string][];
  people: PackedPerson[];
  renderedAt: string;
}

export function packRollCall(r: RollCall): PackedRollCall {
  const roomIndex = new Map<string, number>();
  const rooms: [string, string][] = [];
  const people = r.people.map((p): PackedPerson => {
    let room = -1;
    if (p.roomId) {
      room = roomIndex.get(p.roomId) ?? -1;
      if (room < 0) {
        room = rooms.length;
        roomIndex.set(p.roomId, room);
        rooms.push([p.roomId, p.roomName ?? ""]);
      }
    }
    return [p.id, p.kind === "STAFF" ? 0 : 1, p.name, room, p.needsHelp ? 1 : 0];
  });
  return { evacuation: r.evacuation, rooms, people, renderedAt: r.renderedAt };
}

export function unpackRollCall(w: PackedRollCall): RollCall {
  const people = w.people.map(
    ([id, kind, name, room, help]): RollCallPerson => ({
      id,
      kind: kind === 0 ? "STAFF" : "VISITOR",
      name,
      roomId: room >= 0 ? w.rooms[room][0] : null,
      roomName: room >= 0 ? w.rooms[room][1] || null : null,
      needsHelp: help === 1,
      status: "MISSING",
      statusAt: null,
      statusMarkId: null,
    }),
  );
  return {
    evacuation: w.evacuation,
    people,
    counts: countStatuses(people.map((p) => p.status)),
    renderedAt: w.renderedAt,
  };
}
