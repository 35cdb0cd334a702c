// Which screen each kind of device shows, and how a pairing code is shown to people.
// Safe for the browser: no server imports.
import type { DeviceKind } from "@/src/generated/prisma/enums";

/** The locale-less path of each device kind's screen (prefix it with /<locale>). */
export const DEVICE_SCREEN_PATH: Record<DeviceKind, "/kiosk" | "/panic" | "/desk"> = {
  KIOSK: "/kiosk",
  ROOM_TABLET: "/panic",
  DESK: "/desk",
};

export const DEVICE_KINDS = ["KIOSK", "ROOM_TABLET", "DESK"] as const satisfies readonly DeviceKind[];

/** Europe/Amsterdam: every time a device or the device admin shows. */
export const DEVICE_TIME_ZONE = "Europe/Amsterdam";

/** "ABCD2345" → "ABCD-2345" (the form people read and type; dashes are ignored when pairing). */
export function formatPairingCode(code: string): string {
  return code.length === 8 ? `${code.slice(0, 4)}-${code.slice(4)}` : code;
}

/** What a person typed, without case, spaces and dashes (as the server normalises it). */
export function normaliseTypedCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, "");
}
