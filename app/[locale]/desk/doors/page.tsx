import { setRequestLocale } from "next-intl/server";
import { DeviceProblem } from "@/src/devices/device-problem";
import { DeviceShell } from "@/src/devices/device-shell";
import { loadDeviceScreen } from "@/src/devices/load-device-screen";
import { can } from "@/src/domain/access/permissions";
import { loadDoorConsole } from "@/src/domain/doors/doors";
import { pageTitle } from "@/src/i18n/page-title";
import { getDeviceActor } from "@/src/server/auth/get-actor";
import { domain } from "@/src/server/runtime";
import { DoorConsole } from "@/src/staff/doors/door-console";

export const generateMetadata = pageTitle("doors");

/** The doorman console on a paired DESK device (e.g. a screen with the staff door's badge reader). */
export default async function DeskDoorsPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const screen = await loadDeviceScreen("DESK");
  if (screen.state !== "ok") return <DeviceProblem screen={screen} />;
  const actor = await getDeviceActor();
  if (!actor) return <DeviceProblem screen={{ state: "notPaired" }} />;
  const ctx = await domain();
  const snapshot = await loadDoorConsole(ctx, actor, actor.locationId);
  return (
    <DeviceShell device={screen.device}>
      <DoorConsole
        initial={snapshot}
        renderedAt={ctx.clock.now().toISOString()}
        canEmergency={can(actor, "doors.emergency")}
      />
    </DeviceShell>
  );
}
