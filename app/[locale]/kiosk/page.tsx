import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { DeviceProblem } from "@/src/devices/device-problem";
import { DeviceShell } from "@/src/devices/device-shell";
import { loadDeviceScreen } from "@/src/devices/load-device-screen";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "devices.kinds" });
  return { title: `${t("KIOSK")} — Portier` };
}

/** The visitor kiosk at the entrance (a paired KIOSK device). */
export default async function KioskPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const screen = await loadDeviceScreen("KIOSK");
  if (screen.state !== "ok") return <DeviceProblem screen={screen} />;
  const t = await getTranslations("devices.screen.kiosk");
  return (
    <DeviceShell device={screen.device}>
      <div className="stack" data-testid="kiosk-idle">
        <h1 style={{ fontSize: "clamp(2.5rem, 8vw, 4.5rem)", margin: 0 }}>{t("welcome")}</h1>
        <p style={{ fontSize: "clamp(1.4rem, 3.5vw, 2rem)", margin: 0 }}>{t("instruction")}</p>
      </div>
    </DeviceShell>
  );
}
