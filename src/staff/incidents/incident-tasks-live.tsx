"use client";
// Keeps the incident tasks current on the staff home's notice and the incident lists: re-reads the
// page when a task of one of this person's locations becomes due (incident.tasks_changed: the
// 48-hour response reminder or deadline, an aftercare step) and after a lost connection. The event
// names no incident; the re-read decides what this person may see.
import { useRouter } from "@/src/i18n/navigation";
import { useLiveSnapshot } from "@/src/realtime/client/use-live-snapshot";
import { useRealtimeEvent } from "@/src/realtime/client/use-realtime-event";

export function IncidentTasksLive({ renderedAt }: { renderedAt: string }) {
  const router = useRouter();
  useLiveSnapshot(renderedAt);
  useRealtimeEvent("incident.tasks_changed", () => router.refresh());
  return null;
}
