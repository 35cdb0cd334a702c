// One responder's progress on an alarm, as every alarm screen shows it (pure: unit-tested).
import type { AlarmResponderView, AlarmView } from "@/src/domain/alarms/alarm-view";

export type ResponderState = "waiting" | "delivered" | "seen" | "coming" | "cant";

/** The furthest step reached: an answer beats seen, seen beats delivered, delivered beats paged. */
export function responderState(r: Pick<AlarmResponderView, "response" | "seenAt" | "deliveredAt">): ResponderState {
  if (r.response === "COMING") return "coming";
  if (r.response === "CANT") return "cant";
  if (r.seenAt) return "seen";
  if (r.deliveredAt) return "delivered";
  return "waiting";
}

/** How many responders said "Ik kom eraan". */
export const comingCount = (alarm: Pick<AlarmView, "responders">) =>
  alarm.responders.filter((r) => r.response === "COMING").length;
