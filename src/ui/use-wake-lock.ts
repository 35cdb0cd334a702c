"use client";
// Keeps the screen on while the page is open, where the browser allows it (navigator.wakeLock):
// the pager and the devices' screens (a sleeping tablet sends no heartbeat). The lock is released
// when the tab is hidden and taken again when it is shown.
import { useEffect, useState } from "react";

export function useScreenWakeLock(): { held: boolean; supported: boolean } {
  const [held, setHeld] = useState(false);
  const [supported, setSupported] = useState(true);
  useEffect(() => {
    if (!("wakeLock" in navigator)) {
      setSupported(false);
      return;
    }
    let lock: WakeLockSentinel | null = null;
    let stopped = false;
    const request = () => {
      if (document.visibilityState !== "visible") return;
      navigator.wakeLock
        .request("screen")
        .then((l) => {
          if (stopped) {
            void l.release();
            return;
          }
          lock = l;
          setHeld(true);
          l.addEventListener("release", () => setHeld(false));
        })
        .catch(() => setHeld(false));
    };
    request();
    document.addEventListener("visibilitychange", request);
    return () => {
      stopped = true;
      document.removeEventListener("visibilitychange", request);
      void lock?.release().catch(() => {});
    };
  }, []);
  return { held, supported };
}
