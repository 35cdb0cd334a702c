// The calm full-screen answer when a device screen cannot be shown: not paired, revoked, or the
// wrong screen for this kind of device. Server component.
import { getTranslations } from "next-intl/server";
import { DEVICE_SCREEN_PATH } from "@/src/devices/device-screens";
import type { DeviceScreen } from "@/src/devices/load-device-screen";
import { Link } from "@/src/i18n/navigation";

export async function DeviceProblem({ screen }: { screen: Exclude<DeviceScreen, { state: "ok" }> }) {
  const t = await getTranslations("devices");
  const body =
    screen.state === "wrongKind"
      ? t("screen.wrongKind.body", { kind: t(`kinds.${screen.device.kind}`), expected: t(`kinds.${screen.expected}`) })
      : t(`screen.${screen.state}.body`);
  return (
    <div className="device-screen" data-testid="device-problem" data-reason={screen.state}>
      <main className="stack">
        <h1 style={{ fontSize: "2.25rem" }}>{t(`screen.${screen.state}.title`)}</h1>
        <p style={{ fontSize: "1.35rem", maxWidth: "38rem" }}>{body}</p>
        {screen.state === "wrongKind" ? (
          <Link className="btn btn-large" href={DEVICE_SCREEN_PATH[screen.device.kind]}>
            {t("screen.wrongKind.action")}
          </Link>
        ) : (
          <Link className="btn btn-large" href="/pair" data-testid="device-problem-pair">
            {t(`screen.${screen.state}.action`)}
          </Link>
        )}
      </main>
    </div>
  );
}
