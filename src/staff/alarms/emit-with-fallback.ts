// Socket requests with an answer and a time limit: `null` when the socket is not connected, the
// answer did not come in time, or the socket failed. Callers decide on a fallback.
import type { ClientSocket } from "@/src/realtime/client/realtime-provider";
import type { AlarmAckResult } from "@/src/realtime/events";

type AlarmRequest = "alarm.raise" | "alarm.cancel" | "alarm.seen" | "alarm.respond" | "alarm.close";

export async function alarmRequest<K extends AlarmRequest>(
  socket: ClientSocket | null,
  name: K,
  payload: Parameters<import("@/src/realtime/events").ClientToServerEvents[K]>[0],
  timeoutMs: number,
): Promise<AlarmAckResult | null> {
  if (!socket?.connected) return null;
  try {
    // biome-ignore lint/suspicious/noExplicitAny: socket.io's typed emitWithAck cannot follow a generic event name
    return (await (socket.timeout(timeoutMs) as any).emitWithAck(name, payload)) as AlarmAckResult;
  } catch {
    return null;
  }
}
