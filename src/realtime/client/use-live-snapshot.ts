"use client";
// What every live staff screen needs around its server snapshot: socket.io delivers at most once,
// so after a lost connection (and every REFRESH_MS, in case an event slipped by) the page re-reads
// its data with router.refresh(); and times are shown against the server's clock, which may run
// ahead of the browser's (the browser tests move it), ticking every TICK_MS.
import { useEffect, useRef, useState } from "react";
import { useRouter } from "@/src/i18n/navigation";
import { useRealtime } from "@/src/realtime/client/realtime-provider";

const REFRESH_MS = 60_000;
const TICK_MS = 20_000;

/** Returns the server's current time in ms, kept ticking; `renderedAt` is the snapshot's server time. */
export function useLiveSnapshot(renderedAt: string, tickMs = TICK_MS): number {
  const router = useRouter();
  const { state: connection } = useRealtime();
  const lost = useRef(false);
  const [now, setNow] = useState(() => new Date(renderedAt).getTime());

  useEffect(() => {
    if (connection === "disconnected") lost.current = true;
    if (connection === "connected" && lost.current) {
      lost.current = false;
      router.refresh();
    }
  }, [connection, router]);

  useEffect(() => {
    const skew = new Date(renderedAt).getTime() - Date.now();
    setNow(Date.now() + skew);
    const tick = setInterval(() => setNow(Date.now() + skew), tickMs);
    const reload = setInterval(() => router.refresh(), REFRESH_MS);
    return () => {
      clearInterval(tick);
      clearInterval(reload);
    };
  }, [renderedAt, router, tickMs]);

  return now;
}
