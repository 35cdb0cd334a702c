// Shapes the panic-button admin page passes from the server to the browser.
import type { AlarmButtonRow } from "@/src/domain/alarms/buttons";

export type { AlarmButtonRow };

export interface ButtonLocation {
  id: string;
  name: string;
  rooms: { id: string; name: string }[];
}

/** A freshly issued webhook secret: shown once, never stored in the browser beyond this card. */
export interface IssuedSecret {
  buttonId: string;
  name: string;
  secret: string;
}

export interface ButtonLinkView {
  configured: boolean;
  state: "connected" | "disconnected" | null;
  since: string | null;
}
