import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { DeviceProblem } from "@/src/devices/device-problem";
import { DeviceShell } from "@/src/devices/device-shell";
import { loadDeviceScreen } from "@/src/devices/load-device-screen";
import { getDeviceActor } from "@/src/server/auth/get-actor";
import { loadTablet } from "@/src/tablet/load-tablet";
import { PanicTablet } from "@/src/tablet/panic-tablet";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "devices.kinds" });
  return { title: `${t("ROOM_TABLET")} — Portier` };
}

/** The tablet in a consulting room (a paired ROOM_TABLET device): the silent panic button. */
export default async function PanicTabletPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const screen = await loadDeviceScreen("ROOM_TABLET");
  if (screen.state !== "ok") return <DeviceProblem screen={screen} />;
  const device = await getDeviceActor();
  if (!device) return <DeviceProblem screen={{ state: "revoked" }} />;
  const data = await loadTablet(device);
  return (
    <DeviceShell device={screen.device}>
      <div style={{ maxWidth: "60rem", margin: "0 auto" }}>
        <PanicTablet data={data} title={screen.device.roomName ?? screen.device.name} />
      </div>
    </DeviceShell>
  );
}
