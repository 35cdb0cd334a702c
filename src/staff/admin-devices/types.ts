// Shapes the device admin page passes from the server to the browser.
import type { DeviceKind } from "@/src/generated/prisma/enums";

export interface DeviceRow {
  id: string;
  name: string;
  kind: DeviceKind;
  locationId: string;
  locationName: string;
  roomName: string | null;
  paired: boolean;
  revoked: boolean;
  pairingPending: boolean;
  lastSeenAt: string | null;
  online: boolean;
}

export interface LocationOption {
  id: string;
  name: string;
  rooms: { id: string; name: string }[];
}

/** A freshly issued one-time pairing code: shown once, never stored in the browser. */
export interface IssuedCode {
  deviceId: string;
  name: string;
  kind: DeviceKind;
  code: string;
  expiresAt: string;
}
