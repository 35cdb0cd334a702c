"use client";
// A paired device's screen asks at load and every ROTATION_CHECK_MS whether its credential is due
// for rotation (POST /api/devices/credential; src/domain/devices/credential-rotation.ts). When the
// server issued a new one (in the httpOnly cookie), the socket reconnects at once, so it is
// authenticated with the new credential long before the old one's grace period ends. A 401 means
// the device is no longer paired: reload, and the server shows the matching screen.
import { useEffect } from "react";
import { useRealtime } from "@/src/realtime/client/realtime-provider";

export const ROTATION_CHECK_MS = 15 * 60 * 1000;

export function useCredentialRotation(intervalMs = ROTATION_CHECK_MS) {
  const { socket } = useRealtime();
  useEffect(() => {
    let stopped = false;
    const check = async () => {
      try {
        const res = await fetch("/api/devices/credential", { method: "POST", cache: "no-store" });
        if (stopped) return;
        if (res.status === 401) {
          window.location.reload();
          return;
        }
        const body = (await res.json().catch(() => null)) as { rotated?: boolean } | null;
        if (body?.rotated && socket) {
          socket.disconnect();
          socket.connect();
        }
      } catch {
        // Offline: the next check tries again.
      }
    };
    void check();
    const timer = setInterval(() => void check(), intervalMs);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [socket, intervalMs]);
}
