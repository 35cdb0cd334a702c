"use client";
// Keeps a server-rendered page current: re-reads it every minute and after a lost connection.
import { useLiveSnapshot } from "@/src/realtime/client/use-live-snapshot";

export function LiveRefresh({ renderedAt }: { renderedAt: string }) {
  useLiveSnapshot(renderedAt, 60_000);
  return null;
}
