"use client";
// On every staff page: an evacuation at one of my locations started (or runs) — a red banner with
// the way to the roll call. Live (evacuation.status_changed), starting from the layout's snapshot.
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Link } from "@/src/i18n/navigation";
import { useRealtimeEvent } from "@/src/realtime/client/use-realtime-event";

interface Running {
  evacuationId: string;
  locationId: string;
  drill: boolean;
}

export function EvacuationBanner({ initial }: { initial: Running[] }) {
  const t = useTranslations("evacuation");
  const [running, setRunning] = useState(initial);
  useRealtimeEvent("evacuation.status_changed", (p) => {
    setRunning((prev) => {
      const rest = prev.filter((r) => r.locationId !== p.locationId);
      return p.active ? [...rest, { evacuationId: p.evacuationId, locationId: p.locationId, drill: p.drill }] : rest;
    });
  });
  if (running.length === 0) return null;
  return (
    <div className="page" style={{ paddingTop: 0, paddingBottom: 0 }}>
      {running.map((r) => (
        <p key={r.evacuationId} className="alert alert-error" role="alert" data-testid="evacuation-banner-staff">
          <strong>{r.drill ? t("marshal.drill") : t("marshal.real")}</strong>{" "}
          <Link href={`/staff/evacuation/${r.evacuationId}`}>{t("openRollCall")}</Link>
        </p>
      ))}
    </div>
  );
}
