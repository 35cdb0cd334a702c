"use client";
// Per responder of an alarm: paged, delivered, seen, coming or can't. Shown on the presser's
// tablet, at the desk, and on the pager's list for those who answered (src/domain/alarms/pager-view.ts).
import { useTranslations } from "next-intl";
import type { AlarmView } from "@/src/domain/alarms/alarm-view";
import { type ResponderState, responderState } from "@/src/staff/alarms/responder-state";

const BADGE: Record<ResponderState, string> = {
  waiting: "badge-warn",
  delivered: "badge-off",
  seen: "badge-off",
  coming: "badge-ok",
  cant: "badge-danger",
};

/** "Spreekkamer 1, verdieping 2" — or the room alone, or "no room" (a test alarm). */
export function useRoomLabel() {
  const t = useTranslations("alarms");
  return (a: Pick<AlarmView, "roomName" | "floor">) =>
    a.roomName ? (a.floor ? t("roomFloor", { room: a.roomName, floor: a.floor }) : a.roomName) : t("noRoom");
}

export function ResponderList({ alarm, large = false }: { alarm: AlarmView; large?: boolean }) {
  const t = useTranslations("alarms");
  if (!alarm.responders.length) return null;
  return (
    <ul
      className="stack"
      style={{ listStyle: "none", padding: 0, margin: 0, gap: "0.4rem", fontSize: large ? "1.25rem" : undefined }}
      data-testid="alarm-responders"
    >
      {alarm.responders.map((r) => {
        const state = responderState(r);
        return (
          <li
            key={r.staffId}
            className="row"
            style={{ justifyContent: "space-between", gap: "0.75rem" }}
            data-testid="alarm-responder"
            data-staff-id={r.staffId}
            data-state={state}
          >
            <span>{r.name}</span>
            <span className={`badge ${BADGE[state]}`}>{t(`responder.${state}`)}</span>
          </li>
        );
      })}
    </ul>
  );
}
