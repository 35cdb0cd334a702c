"use client";
import { useEffect, useRef } from "react";
import { useRealtime } from "@/src/realtime/client/realtime-provider";
import type { ServerToClientEvents } from "@/src/realtime/events";

/** Calls `handler` for each `name` event; the latest handler is used without re-subscribing. */
export function useRealtimeEvent<K extends keyof ServerToClientEvents>(name: K, handler: ServerToClientEvents[K]) {
  const { socket } = useRealtime();
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => {
    if (!socket) return;
    const listener = ((...args: unknown[]) => (ref.current as (...a: unknown[]) => void)(...args)) as never;
    socket.on(name, listener);
    return () => {
      socket.off(name, listener);
    };
  }, [socket, name]);
}
