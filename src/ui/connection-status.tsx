"use client";
import { useTranslations } from "next-intl";
import { useRealtime } from "@/src/realtime/client/realtime-provider";

/** Always visible: whether this screen has its live connection to the server. */
export function ConnectionStatus() {
  const t = useTranslations("common.connection");
  const { state } = useRealtime();
  const cls = state === "connected" ? "badge-ok" : state === "connecting" ? "badge-warn" : "badge-danger";
  return (
    <span className={`badge ${cls}`} role="status" data-testid="connection-status" data-state={state}>
      {t(state)}
    </span>
  );
}
