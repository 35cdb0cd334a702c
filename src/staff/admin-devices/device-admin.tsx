"use client";
// The device admin page's live part: the device tables per location, kept current by the realtime
// events (paired, revoked, online/offline) without reloading, plus the admin actions.
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState } from "react";
import { useRouter } from "@/src/i18n/navigation";
import { useRealtime } from "@/src/realtime/client/realtime-provider";
import { useRealtimeEvent } from "@/src/realtime/client/use-realtime-event";
import { DeviceTable } from "@/src/staff/admin-devices/device-table";
import { PairingCodeCard } from "@/src/staff/admin-devices/pairing-code-card";
import { RegisterDeviceForm } from "@/src/staff/admin-devices/register-device-form";
import type { DeviceRow, IssuedCode, LocationOption } from "@/src/staff/admin-devices/types";

/** The server list is re-read this often, so "last seen" and silently lost devices stay current. */
const REFRESH_MS = 30_000;
/** Events this recent are re-applied over a server list that may have been rendered before them. */
const EVENT_GRACE_MS = 10_000;

type Patch = Partial<Pick<DeviceRow, "online" | "lastSeenAt" | "paired" | "revoked" | "pairingPending">>;

export function DeviceAdmin({
  locations,
  devices,
  canManage,
  renderedAt,
}: {
  locations: LocationOption[];
  devices: DeviceRow[];
  canManage: boolean;
  renderedAt: string;
}) {
  const t = useTranslations("devices.admin");
  const router = useRouter();
  const recent = useRef(new Map<string, { patch: Patch; at: number }>());

  const withRecentEvents = useCallback((list: DeviceRow[]) => {
    const cutoff = Date.now() - EVENT_GRACE_MS;
    return list.map((row) => {
      const r = recent.current.get(row.id);
      return r && r.at > cutoff ? { ...row, ...r.patch } : row;
    });
  }, []);

  // A new server list (after an action, a refresh or a reconnect) replaces the shown one.
  const [rows, setRows] = useState(devices);
  const [shownFrom, setShownFrom] = useState(devices);
  if (shownFrom !== devices) {
    setShownFrom(devices);
    setRows(withRecentEvents(devices));
  }
  const rowsRef = useRef(rows);
  rowsRef.current = rows;

  const [issued, setIssued] = useState<(IssuedCode & { used: boolean }) | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [now, setNow] = useState(() => new Date(renderedAt));

  const patch = useCallback((deviceId: string, change: Patch) => {
    const prev = recent.current.get(deviceId);
    recent.current.set(deviceId, { patch: { ...prev?.patch, ...change }, at: Date.now() });
    setRows((list) => list.map((row) => (row.id === deviceId ? { ...row, ...change } : row)));
  }, []);
  const nameOf = (deviceId: string) => rowsRef.current.find((r) => r.id === deviceId)?.name;

  useRealtimeEvent("device.presence_changed", (p) => {
    patch(p.deviceId, { online: p.online, lastSeenAt: p.lastSeenAt });
    const name = nameOf(p.deviceId);
    if (name) setAnnouncement(t(p.online ? "nowOnline" : "nowOffline", { name }));
  });
  useRealtimeEvent("device.paired", (p) => {
    patch(p.deviceId, { paired: true, revoked: false, pairingPending: false });
    setIssued((i) => (i && i.deviceId === p.deviceId ? { ...i, used: true } : i));
    setAnnouncement(t("nowPaired", { name: p.name }));
    if (!nameOf(p.deviceId)) router.refresh();
  });
  useRealtimeEvent("device.revoked", (p) => {
    patch(p.deviceId, { revoked: true, paired: false, pairingPending: false, online: false });
    setIssued((i) => (i && i.deviceId === p.deviceId ? null : i));
    const name = nameOf(p.deviceId);
    if (name) setAnnouncement(t("nowRevoked", { name }));
  });
  useRealtimeEvent("device.registered", (p) => {
    if (!nameOf(p.deviceId)) router.refresh();
  });

  // socket.io delivers at most once: after a lost connection, re-read the list.
  const { state } = useRealtime();
  const lost = useRef(false);
  useEffect(() => {
    if (state === "disconnected") lost.current = true;
    if (state === "connected" && lost.current) {
      lost.current = false;
      router.refresh();
    }
  }, [state, router]);

  useEffect(() => {
    const tick = setInterval(() => setNow(new Date()), 15_000);
    const reload = setInterval(() => router.refresh(), REFRESH_MS);
    setNow(new Date());
    return () => {
      clearInterval(tick);
      clearInterval(reload);
    };
  }, [router]);

  const onIssued = useCallback((code: IssuedCode) => setIssued({ ...code, used: false }), []);

  return (
    <div className="stack">
      <p className="sr-only" aria-live="polite" data-testid="device-announcer">
        {announcement}
      </p>
      {issued && <PairingCodeCard issued={issued} onClose={() => setIssued(null)} />}
      {canManage && <RegisterDeviceForm locations={locations} onIssued={onIssued} />}
      {locations.length === 0 && <p>{t("noLocations")}</p>}
      {locations.map((location) => (
        <DeviceTable
          key={location.id}
          location={location}
          rows={rows.filter((r) => r.locationId === location.id)}
          canManage={canManage}
          now={now}
          onIssued={onIssued}
        />
      ))}
    </div>
  );
}
