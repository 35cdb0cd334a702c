"use client";
// How many responders the tablet can reach now: asked with `tablet.status` on every (re)connect
// and every STATUS_EVERY_MS; null while unknown (not connected, or no answer in time).
import { useEffect, useState } from "react";
import { useRealtime } from "@/src/realtime/client/realtime-provider";

export const STATUS_EVERY_MS = 5_000;
const STATUS_TIMEOUT_MS = 3_000;

export function useTabletStatus(): { reachable: number | null } {
  const { socket, state } = useRealtime();
  const [reachable, setReachable] = useState<number | null>(null);
  useEffect(() => {
    if (!socket || state !== "connected") {
      setReachable(null);
      return;
    }
    let stopped = false;
    const ask = () => {
      socket
        .timeout(STATUS_TIMEOUT_MS)
        .emitWithAck("tablet.status")
        .then((r) => {
          if (!stopped) setReachable(r?.ok ? r.reachable : null);
        })
        .catch(() => {
          if (!stopped) setReachable(null);
        });
    };
    ask();
    const timer = setInterval(ask, STATUS_EVERY_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [socket, state]);
  return { reachable };
}
