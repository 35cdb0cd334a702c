// Server side of the device screens (/kiosk, /panic, /desk): which device this browser is, and
// whether it may show the requested screen. Never throws for a missing or stale credential.
import { cookies } from "next/headers";
import { roomNameOf } from "@/src/domain/devices/devices";
import type { DeviceKind } from "@/src/generated/prisma/enums";
import { DEVICE_COOKIE } from "@/src/server/auth/device-cookie";
import { getDevice } from "@/src/server/auth/get-actor";
import { domain } from "@/src/server/runtime";

/** What the browser-side device shell needs to know (nothing secret). */
export interface ShellDevice {
  id: string;
  name: string;
  kind: DeviceKind;
  locationName: string;
  roomName: string | null;
}

export type DeviceScreen =
  | { state: "ok"; device: ShellDevice }
  /** No credential in this browser. */
  | { state: "notPaired" }
  /** A credential that no longer works: revoked, or replaced by pairing again elsewhere. */
  | { state: "revoked" }
  | { state: "wrongKind"; device: ShellDevice; expected: DeviceKind };

export async function loadDeviceScreen(expected: DeviceKind): Promise<DeviceScreen> {
  const d = await getDevice();
  if (!d) {
    const jar = await cookies();
    return jar.get(DEVICE_COOKIE)?.value ? { state: "revoked" } : { state: "notPaired" };
  }
  const device: ShellDevice = {
    id: d.id,
    name: d.name,
    kind: d.kind,
    locationName: d.location.name,
    roomName: await roomNameOf(await domain(), d.roomId),
  };
  return d.kind === expected ? { state: "ok", device } : { state: "wrongKind", device, expected };
}
