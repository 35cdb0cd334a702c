import { getTranslations, setRequestLocale } from "next-intl/server";
import { DeviceProblem } from "@/src/devices/device-problem";
import { DeviceShell } from "@/src/devices/device-shell";
import { loadDeviceScreen } from "@/src/devices/load-device-screen";
import { pageTitle } from "@/src/i18n/page-title";

export const generateMetadata = pageTitle("devices.kinds", "DESK");

/** The screen at the reception desk (a paired DESK device). */
export default async function DeskScreenPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const screen = await loadDeviceScreen("DESK");
  if (screen.state !== "ok") return <DeviceProblem screen={screen} />;
  const t = await getTranslations("devices.screen.desk");
  return (
    <DeviceShell device={screen.device}>
      <div className="stack" data-testid="desk-idle">
        <h1 style={{ fontSize: "clamp(2rem, 6vw, 3rem)", margin: 0 }}>{t("title")}</h1>
        <p style={{ fontSize: "1.35rem", margin: 0 }}>{t("note", { location: screen.device.locationName })}</p>
      </div>
    </DeviceShell>
  );
}
