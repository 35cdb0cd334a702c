// The marshal's device-side store (browser only): the latest roll call and its marks in
// localStorage (readable with no network at all), and the queue of marks not yet sent. A mark's id
// is made here, so sending it twice (a retry after a lost answer) changes nothing on the server.
import type { MarkInput, RollCall, RollCallMark } from "@/src/domain/evacuation/evacuations";

export interface StoredRollCall {
  rollCall: RollCall;
  marks: RollCallMark[];
  savedAt: string;
}

const key = (evacuationId: string) => `portier.evacuation.${evacuationId}`;
const queueKey = (evacuationId: string) => `portier.evacuation.${evacuationId}.queue`;

function read<T>(k: string): T | null {
  try {
    const raw = window.localStorage.getItem(k);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

function write(k: string, value: unknown) {
  try {
    window.localStorage.setItem(k, JSON.stringify(value));
  } catch {
    // Storage full or disabled: the page still works online.
  }
}

export const loadStored = (evacuationId: string) => read<StoredRollCall>(key(evacuationId));
export const saveStored = (evacuationId: string, value: StoredRollCall) => write(key(evacuationId), value);
export const loadQueue = (evacuationId: string) => read<MarkInput[]>(queueKey(evacuationId)) ?? [];
export const saveQueue = (evacuationId: string, queue: MarkInput[]) => write(queueKey(evacuationId), queue);

/** A mark id: 16 random bytes, hex (crypto.getRandomValues also works outside a secure context). */
export function newMarkId(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
