import { getTranslations, setRequestLocale } from "next-intl/server";
import { DEVICE_SCREEN_PATH } from "@/src/devices/device-screens";
import { ForgetPairing } from "@/src/devices/forget-pairing";
import { PairForm } from "@/src/devices/pair-form";
import { Link } from "@/src/i18n/navigation";
import { pageTitle } from "@/src/i18n/page-title";
import { getDevice } from "@/src/server/auth/get-actor";
import { LanguageSwitch } from "@/src/ui/language-switch";

export const generateMetadata = pageTitle("devices.pair");

/** Public: where a kiosk, room tablet or desk screen is paired with its one-time code. */
export default async function PairPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations("devices");
  const device = await getDevice();
  return (
    <div className="device-screen">
      <main>
        <div className="stack" style={{ width: "100%", maxWidth: "34rem" }}>
          <h1 style={{ fontSize: "2.25rem" }}>{t("pair.title")}</h1>
          {device && (
            <div className="card stack" data-testid="pair-already-paired">
              <p style={{ margin: 0 }}>
                {t("pair.alreadyPaired", {
                  name: device.name,
                  kind: t(`kinds.${device.kind}`),
                  location: device.location.name,
                })}
              </p>
              <div className="row" style={{ justifyContent: "center" }}>
                <Link className="btn" href={DEVICE_SCREEN_PATH[device.kind]}>
                  {t("pair.openScreen")}
                </Link>
              </div>
              <ForgetPairing />
            </div>
          )}
          <p style={{ fontSize: "1.2rem" }}>{t("pair.intro")}</p>
          <PairForm />
          <div className="row" style={{ justifyContent: "center" }}>
            <LanguageSwitch />
          </div>
        </div>
      </main>
    </div>
  );
}
