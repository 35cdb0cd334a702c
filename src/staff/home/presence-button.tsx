"use client";
// One large button per location: "Ik ben binnen" (sign me in here) or "Ik ga weg" (sign me out).
// Follows presence.changed for the staff member, so a badge scan at the kiosk or the desk's
// end-of-day rule shows here too. One open presence at a time: signing in at one location
// shows the others as signed out.
import { useFormatter, useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { useRealtimeEvent } from "@/src/realtime/client/use-realtime-event";
import { setMyPresenceAction } from "@/src/staff/home/actions";

export interface MyPresence {
  locationId: string;
  since: string;
}

export function PresenceButtons({
  staffId,
  locations,
  initial,
}: {
  staffId: string;
  locations: { id: string; name: string; timeZone: string }[];
  initial: MyPresence | null;
}) {
  const t = useTranslations("register.home");
  const format = useFormatter();
  const [presence, setPresence] = useState(initial);
  const [shownFrom, setShownFrom] = useState(initial);
  if (shownFrom !== initial) {
    setShownFrom(initial);
    setPresence(initial);
  }
  const [message, setMessage] = useState("");
  const [pending, startTransition] = useTransition();

  useRealtimeEvent("presence.changed", (p) => {
    if (p.staffId !== staffId) return;
    if (p.present) setPresence({ locationId: p.locationId, since: p.signedInAt });
    else setPresence((cur) => (cur?.locationId === p.locationId ? null : cur));
  });

  const toggle = (l: { id: string; name: string }, present: boolean) =>
    startTransition(async () => {
      const r = await setMyPresenceAction({ locationId: l.id, present });
      if (!r.ok) {
        setMessage(t("notPresent"));
        return;
      }
      setPresence(r.data.present && r.data.since ? { locationId: l.id, since: r.data.since } : null);
      setMessage(t(present ? "signedIn" : "signedOut", { location: l.name }));
    });

  return (
    <section className="stack" aria-labelledby="presence-heading" data-testid="presence-buttons">
      <h2 id="presence-heading">{t("heading")}</h2>
      <p className="sr-only" aria-live="polite" data-testid="presence-announcer">
        {message}
      </p>
      <div className="grid">
        {locations.map((l) => {
          const here = presence?.locationId === l.id;
          return (
            <div key={l.id} className="card stack" data-testid="presence-location" data-location-id={l.id}>
              <h3>{l.name}</h3>
              <p data-testid="presence-state">
                {here && presence
                  ? t("presentSince", {
                      time: format.dateTime(new Date(presence.since), {
                        hour: "2-digit",
                        minute: "2-digit",
                        timeZone: l.timeZone,
                      }),
                    })
                  : t("notPresent")}
              </p>
              <button
                type="button"
                className={here ? "btn btn-secondary btn-large" : "btn btn-large"}
                disabled={pending}
                aria-pressed={here}
                onClick={() => toggle(l, !here)}
                data-testid="presence-toggle"
              >
                {here ? t("imLeaving") : t("imIn")}
              </button>
            </div>
          );
        })}
      </div>
    </section>
  );
}
