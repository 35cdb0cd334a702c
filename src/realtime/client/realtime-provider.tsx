"use client";
// One socket.io connection per page, shared through context. The session or device cookie
// authenticates it; socket.io reconnects by itself with back-off (to the next address when the
// page was given several: src/realtime/client/server-list.ts).
import { createContext, type ReactNode, useContext, useEffect, useRef, useState } from "react";
import { io, type Socket } from "socket.io-client";
import { parseServerList, rotateServers } from "@/src/realtime/client/server-list";
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
    // Several processes without a load balancer: the page's <html data-portier-realtime> lists their
    // addresses and each reconnection attempt tries the next one (server-list.ts).
    const servers = parseServerList(document.documentElement.dataset.portierRealtime);
    const options = { path: "/socket.io", transports: ["websocket"], withCredentials: true };
    const socket: ClientSocket = servers.length ? io(servers[0], options) : io(options);
    rotateServers(socket, servers);
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
