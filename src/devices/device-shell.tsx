"use client";
// The full-screen frame of every paired device screen (kiosk, room tablet, desk): a status bar
// with where the device is and whether it is connected, the device's live connection with its
// heartbeat, and the switch to the "revoked" screen the moment the server ends its session.
import { useFormatter, useTranslations } from "next-intl";
import { type ReactNode, useEffect, useState } from "react";
import { DEVICE_TIME_ZONE } from "@/src/devices/device-screens";
import type { ShellDevice } from "@/src/devices/load-device-screen";
import { useCredentialRotation } from "@/src/devices/use-credential-rotation";
import { type HeartbeatState, useDeviceHeartbeat } from "@/src/devices/use-device-heartbeat";
import { RealtimeProvider, useRealtime } from "@/src/realtime/client/realtime-provider";
import { useRealtimeEvent } from "@/src/realtime/client/use-realtime-event";
import { ConnectionStatus } from "@/src/ui/connection-status";
import { useScreenWakeLock } from "@/src/ui/use-wake-lock";

/** How long a refused device waits before trying its socket again (when its credential still works). */
const RETRY_REFUSED_MS = 5_000;

export function DeviceShell({ device, children }: { device: ShellDevice; children: ReactNode }) {
  return (
    <RealtimeProvider>
      <ShellFrame device={device}>{children}</ShellFrame>
    </RealtimeProvider>
  );
}

function ShellFrame({ device, children }: { device: ShellDevice; children: ReactNode }) {
  const t = useTranslations("devices");
  const heartbeat = useDeviceHeartbeat();
  useSessionGuard();
  useCredentialRotation();
  useScreenWakeLock();
  const tablet = device.kind === "ROOM_TABLET";
  return (
    <div className="device-screen" data-testid="device-shell" data-device-id={device.id} data-kind={device.kind}>
      <header className="device-status" style={{ flexWrap: "wrap", gap: "0.5rem 1rem", alignItems: "center" }}>
        <div data-testid="device-place">
          <strong>{device.locationName}</strong>
          {device.roomName && <> · {device.roomName}</>}
          <span className="muted"> · {t(`kinds.${device.kind}`)}</span>
        </div>
        <div className="row" style={{ gap: "0.5rem", justifyContent: "flex-end" }}>
          {tablet && <HeartbeatStatus heartbeat={heartbeat} />}
          {tablet && <BatteryStatus />}
          <ConnectionStatus />
        </div>
      </header>
      <main>{children}</main>
    </div>
  );
}

/**
 * When the server ends this device's session (revoked, or paired again elsewhere) the page reloads,
 * and the server then shows the matching screen. A socket refused outright asks the server whether
 * the credential still works: if not, reload; if so (a passing hiccup), try again shortly.
 */
function useSessionGuard() {
  const { socket } = useRealtime();
  useRealtimeEvent("session.ended", () => {
    window.location.reload();
  });
  useEffect(() => {
    if (!socket) return;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const onError = async () => {
      if (socket.active) return; // socket.io retries by itself (e.g. the server restarts)
      try {
        const res = await fetch("/api/devices/me", { cache: "no-store" });
        if (res.status === 401) {
          window.location.reload();
          return;
        }
      } catch {
        // Offline: try again below.
      }
      clearTimeout(retry);
      retry = setTimeout(() => socket.connect(), RETRY_REFUSED_MS);
    };
    socket.on("connect_error", onError);
    return () => {
      socket.off("connect_error", onError);
      clearTimeout(retry);
    };
  }, [socket]);
}

function HeartbeatStatus({ heartbeat }: { heartbeat: HeartbeatState }) {
  const t = useTranslations("devices.screen.status");
  const format = useFormatter();
  const time = heartbeat.lastAckAt
    ? format.dateTime(heartbeat.lastAckAt, { timeStyle: "medium", timeZone: DEVICE_TIME_ZONE })
    : null;
  const text = !time
    ? t("heartbeatWaiting")
    : heartbeat.healthy
      ? t("heartbeatOk", { time })
      : t("heartbeatLate", { time });
  return (
    <span
      className={`badge ${heartbeat.healthy ? "badge-ok" : time ? "badge-warn" : "badge-off"}`}
      data-testid="device-heartbeat"
      data-healthy={heartbeat.healthy ? "true" : "false"}
    >
      {text}
    </span>
  );
}

interface BatteryLike extends EventTarget {
  level: number;
  charging: boolean;
}

/** Battery level of a wall tablet, where the browser tells it (Chromium does). */
function BatteryStatus() {
  const t = useTranslations("devices.screen.status");
  const [battery, setBattery] = useState<{ level: number; charging: boolean } | null>(null);
  useEffect(() => {
    const nav = navigator as Navigator & { getBattery?: () => Promise<BatteryLike> };
    if (!nav.getBattery) return;
    let target: BatteryLike | null = null;
    const update = () => target && setBattery({ level: Math.round(target.level * 100), charging: target.charging });
    nav
      .getBattery()
      .then((b) => {
        target = b;
        update();
        b.addEventListener("levelchange", update);
        b.addEventListener("chargingchange", update);
      })
      .catch(() => {});
    return () => {
      target?.removeEventListener("levelchange", update);
      target?.removeEventListener("chargingchange", update);
    };
  }, []);
  if (!battery) return null;
  const low = battery.level <= 20 && !battery.charging;
  return (
    <span className={`badge ${low ? "badge-warn" : "badge-off"}`} data-testid="device-battery">
      {battery.charging ? t("charging", { level: battery.level }) : t("battery", { level: battery.level })}
    </span>
  );
}
