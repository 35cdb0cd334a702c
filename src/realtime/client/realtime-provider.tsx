"use client";
// One socket.io connection per page, shared through context. The session or device cookie
// authenticates it; socket.io reconnects by itself with back-off.
import { createContext, type ReactNode, useContext, useEffect, useRef, useState } from "react";
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "@/src/realtime/events";

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type ConnectionState = "connecting" | "connected" | "disconnected";

interface RealtimeValue {
  socket: ClientSocket | null;
  state: ConnectionState;
}

const RealtimeContext = createContext<RealtimeValue>({ socket: null, state: "connecting" });

export function RealtimeProvider({ children }: { children: ReactNode }) {
  const [value, setValue] = useState<RealtimeValue>({ socket: null, state: "connecting" });
  const socketRef = useRef<ClientSocket | null>(null);

  useEffect(() => {
    const socket: ClientSocket = io({ path: "/socket.io", transports: ["websocket"], withCredentials: true });
    socketRef.current = socket;
    const set = (state: ConnectionState) => setValue({ socket, state });
    socket.on("connect", () => set("connected"));
    socket.on("disconnect", () => set("disconnected"));
    socket.on("connect_error", () => set("disconnected"));
    socket.on("session.ended", () => {
      // The server closes the socket next; reconnect once so a changed session is authorised afresh.
      setTimeout(() => socket.connect(), 500);
    });
    setValue({ socket, state: "connecting" });
    return () => {
      socket.removeAllListeners();
      socket.close();
    };
  }, []);

  return <RealtimeContext.Provider value={value}>{children}</RealtimeContext.Provider>;
}

export const useRealtime = () => useContext(RealtimeContext);
