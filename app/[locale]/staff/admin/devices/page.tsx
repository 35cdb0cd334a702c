import { getTranslations, setRequestLocale } from "next-intl/server";
import { can } from "@/src/domain/access/permissions";
import { pageTitle } from "@/src/i18n/page-title";
import { DeviceAdmin } from "@/src/staff/admin-devices/device-admin";
import { loadAdminDevices } from "@/src/staff/admin-devices/load-admin-devices";
import { requireStaff } from "@/src/staff/shell/require-staff";

export const generateMetadata = pageTitle("devices.admin");

export default async function AdminDevicesPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const actor = await requireStaff(locale, "devices.view", "/staff/admin/devices");
  const { locations, devices } = await loadAdminDevices(actor);
  const t = await getTranslations("devices.admin");
  return (
    <div className="stack">
      <h1>{t("title")}</h1>
      <p className="muted">{t("intro")}</p>
      <DeviceAdmin
        locations={locations}
        devices={devices}
        canManage={can(actor, "devices.manage")}
        renderedAt={new Date().toISOString()}
      />
    </div>
  );
}
