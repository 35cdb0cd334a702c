"use client";
// Keeps the appointment list current: re-reads it when an appointment changes or a visitor checks
// in at the location (the kiosk marks the appointment as arrived), and after a lost connection.
import { useRouter } from "@/src/i18n/navigation";
import { useLiveSnapshot } from "@/src/realtime/client/use-live-snapshot";
import { useRealtimeEvent } from "@/src/realtime/client/use-realtime-event";

export function LiveAppointments({ renderedAt, locationId }: { renderedAt: string; locationId: string }) {
  const router = useRouter();
  useLiveSnapshot(renderedAt, 60_000);
  useRealtimeEvent("appointment.changed", (p) => {
    if (p.locationId === locationId) router.refresh();
  });
  useRealtimeEvent("visit.checked_in", (p) => {
    if (p.locationId === locationId) router.refresh();
  });
  return null;
}
