"use client";
// A banner on the desk while the hardware buttons' MQTT link is down: a press on a wall button
// would not arrive. Shown only where a broker is configured; re-read every POLL_MS (and the page
// passes the state it rendered with, so it shows at once).
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useState } from "react";

const POLL_MS = 15_000;

export interface ButtonLinkState {
  configured: boolean;
  state: "connected" | "disconnected" | null;
  since: string | null;
}

export function ButtonLinkBanner({ initial, timeZone }: { initial: ButtonLinkState; timeZone: string }) {
  const t = useTranslations("desk.buttonLink");
  const format = useFormatter();
  const [link, setLink] = useState(initial);

  useEffect(() => {
    if (!initial.configured) return;
    let stopped = false;
    const read = async () => {
      try {
        const res = await fetch("/api/alarms/button/status", { cache: "no-store" });
        if (!res.ok) return;
        const body = (await res.json()) as ButtonLinkState;
        if (!stopped) setLink({ configured: body.configured, state: body.state, since: body.since });
      } catch {
        // The server itself is unreachable: the connection indicator says so.
      }
    };
    const timer = setInterval(read, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [initial.configured]);

  if (!link.configured || link.state !== "disconnected") return null;
  const since = link.since
    ? format.dateTime(new Date(link.since), { dateStyle: "short", timeStyle: "short", timeZone })
    : "?";
  return (
    <div className="alert alert-error" role="alert" data-testid="button-link-down" style={{ fontSize: "1.1rem" }}>
      <strong>{t("down", { since })}</strong> {t("advice")}
    </div>
  );
}
