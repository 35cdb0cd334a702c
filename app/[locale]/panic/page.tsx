import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { DeviceProblem } from "@/src/devices/device-problem";
import { DeviceShell } from "@/src/devices/device-shell";
import { loadDeviceScreen } from "@/src/devices/load-device-screen";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "devices.kinds" });
  return { title: `${t("ROOM_TABLET")} — Portier` };
}

/** The tablet in a consulting room (a paired ROOM_TABLET device). */
export default async function PanicTabletPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const screen = await loadDeviceScreen("ROOM_TABLET");
  if (screen.state !== "ok") return <DeviceProblem screen={screen} />;
  const t = await getTranslations("devices");
  return (
    <DeviceShell device={screen.device}>
      <div className="stack" data-testid="panic-idle" style={{ maxWidth: "40rem" }}>
        <h1 style={{ fontSize: "clamp(2.25rem, 7vw, 3.5rem)", margin: 0 }}>
          {screen.device.roomName ?? screen.device.name}
        </h1>
        <p className="alert alert-warn" style={{ fontSize: "1.25rem" }} data-testid="panic-not-ready">
          {t("screen.panic.note")}
        </p>
      </div>
    </DeviceShell>
  );
}
