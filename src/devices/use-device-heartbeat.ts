"use client";
// A paired device tells the server every HEARTBEAT_INTERVAL_MS that it is still there; the server
// keeps "last seen" current and the device list shows it online. The answer (ack) is what the
// device's own status bar shows: when the server last confirmed it.
import { useEffect, useState } from "react";
import { useRealtime } from "@/src/realtime/client/realtime-provider";
import { HEARTBEAT_INTERVAL_MS } from "@/src/realtime/events";

export interface HeartbeatState {
  /** When the server last acknowledged a heartbeat (null: not yet on this connection). */
  lastAckAt: Date | null;
  /** Connected and acknowledged within two intervals. */
  healthy: boolean;
}

const ACK_TIMEOUT_MS = 5_000;

export function useDeviceHeartbeat(intervalMs = HEARTBEAT_INTERVAL_MS): HeartbeatState {
  const { socket, state } = useRealtime();
  const [lastAckAt, setLastAckAt] = useState<Date | null>(null);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    if (!socket || state !== "connected") return;
    const beat = () => {
      socket
        .timeout(ACK_TIMEOUT_MS)
        .emitWithAck("device.heartbeat")
        .then((result) => {
          if (result?.ok) setLastAckAt(new Date());
        })
        .catch(() => {}) // no answer in time: `healthy` turns false by itself
        .finally(() => setNow(Date.now()));
    };
    beat();
    const timer = setInterval(beat, intervalMs);
    return () => clearInterval(timer);
  }, [socket, state, intervalMs]);

  // Re-evaluate health even when no answer comes back at all.
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);

  const healthy = state === "connected" && !!lastAckAt && now - lastAckAt.getTime() <= 2 * intervalMs + ACK_TIMEOUT_MS;
  return { lastAckAt, healthy };
}
