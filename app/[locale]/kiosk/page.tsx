import { setRequestLocale } from "next-intl/server";
import { DeviceProblem } from "@/src/devices/device-problem";
import { DeviceShell } from "@/src/devices/device-shell";
import { loadDeviceScreen } from "@/src/devices/load-device-screen";
import { isKioskLanguage } from "@/src/domain/visits/kiosk-outcome";
import { pageTitle } from "@/src/i18n/page-title";
import { loadKioskState } from "@/src/kiosk/api/load-kiosk-state";
import { KioskApp } from "@/src/kiosk/components/kiosk-app";
import { getDeviceActor } from "@/src/server/auth/get-actor";

export const generateMetadata = pageTitle("devices.kinds", "KIOSK");

/** The visitor kiosk at the entrance (a paired KIOSK device). */
export default async function KioskPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const screen = await loadDeviceScreen("KIOSK");
  if (screen.state !== "ok") return <DeviceProblem screen={screen} />;
  const device = await getDeviceActor();
  if (!device) return <DeviceProblem screen={{ state: "revoked" }} />;
  const initial = await loadKioskState(device.locationId);
  return (
    <DeviceShell device={screen.device}>
      <KioskApp initial={initial} defaultLanguage={isKioskLanguage(locale) ? locale : "nl"} />
    </DeviceShell>
  );
}
