// What did the kiosk just read? One scanned or typed string — from the camera, a keyboard-wedge
// barcode scanner, a keyboard-wedge document (MRZ) reader or the manual code field — is an
// appointment invite, a client pass, an identity document's machine-readable zone, or nothing
// we know. Pure and free of Node APIs: the kiosk's browser code may use it too.
//
// Client pass format: `PP1.` + 16 characters from the alphabet without look-alikes
// (23456789ABCDEFGHJKMNPQRSTUVWXYZ, no 0/O, 1/I/L): ~79 random bits, printed as a QR code with the
// same text under it, so a person can also type it (case, spaces and dashes do not matter).
//
// Staff badge (personeelspas) format: `BADGE-` + 1 to 32 letters or digits, e.g. `BADGE-0001`
// (case does not matter; the rule lives in src/domain/presence/rules.ts). It cannot be mistaken
// for an invite (`PI1.`), a pass (`PP1.`) or an MRZ (which has no `-`). A badge signs its holder
// in or out (staff presence), it never checks a visitor in.
import { parseBadge } from "@/src/domain/presence/rules";

const INVITE_PREFIX = "PI1.";
const PASS_PREFIX = "PP1.";
export const PASS_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
export const PASS_ID_LENGTH = 16;
const PASS_RE = new RegExp(`^PP1\\.[${PASS_ALPHABET}]{${PASS_ID_LENGTH}}$`);

/** Longer than any code we issue or any MRZ (90 characters plus separators). */
export const MAX_SCAN_LENGTH = 512;

export type MrzFormat = "TD1" | "TD3";

export type ScanKind =
  | { kind: "invite"; token: string }
  | { kind: "pass"; passId: string }
  | { kind: "mrz"; format: MrzFormat; lines: string[] }
  /** A staff badge; `code` is canonical (capitals). */
  | { kind: "badge"; code: string }
  | { kind: "unknown" };

/** A new client pass id, e.g. `PP1.7KQ2M9XWRTH4B3ZC` (the whole string is the id and the QR text). */
export function newPassId(): string {
  let out = PASS_PREFIX;
  const n = PASS_ALPHABET.length;
  const limit = 256 - (256 % n); // rejection sampling: no modulo bias
  while (out.length < PASS_PREFIX.length + PASS_ID_LENGTH) {
    const bytes = globalThis.crypto.getRandomValues(new Uint8Array(32));
    for (const b of bytes) {
      if (b < limit && out.length < PASS_PREFIX.length + PASS_ID_LENGTH) out += PASS_ALPHABET[b % n];
    }
  }
  return out;
}

/** The canonical pass id of a scanned or typed pass code, or null. */
export function parsePass(text: string): string | null {
  if (typeof text !== "string" || text.length > MAX_SCAN_LENGTH) return null;
  const canonical = text.toUpperCase().replace(/[\s-]/g, "");
  return PASS_RE.test(canonical) ? canonical : null;
}

/**
 * A keyboard-wedge scanner typing while Caps Lock is on swaps the case of every letter: an invite
 * or pass then starts with `pi1.`/`pp1.`. Swap it back (the invite's signature is case-sensitive).
 */
function undoCapsLock(text: string): string {
  if (!/^p[ip]1\./.test(text)) return text;
  let out = "";
  for (const ch of text) {
    const up = ch.toUpperCase();
    out += ch === up ? ch.toLowerCase() : up;
  }
  return out;
}

const MRZ_SHAPES: Record<number, { format: MrzFormat; lines: number; width: number }> = {
  90: { format: "TD1", lines: 3, width: 30 },
  88: { format: "TD3", lines: 2, width: 44 },
};

/**
 * The lines of a TD1 (ID card, 3×30) or TD3 (passport, 2×44) machine-readable zone, from what a
 * document reader typed (lines separated by CR/LF, or concatenated) or a person pasted: case and
 * spaces do not matter; a reader that drops the name line's trailing fillers is tolerated. TD2
 * (2×36) is not supported. Null when the text is not shaped like one.
 */
export function mrzLines(text: string): { format: MrzFormat; lines: string[] } | null {
  if (typeof text !== "string" || text.length > MAX_SCAN_LENGTH) return null;
  const rows = text
    .toUpperCase()
    .split(/[\r\n]+/)
    .map((row) => row.replace(/[ \t\f\v]/g, ""))
    .filter((row) => row.length > 0);
  if (rows.some((row) => !/^[A-Z0-9<]+$/.test(row))) return null;
  let joined = rows.join("");
  if (rows.length === 3 && rows[0].length === 30 && rows[1].length === 30 && rows[2].length <= 30) {
    joined = rows[0] + rows[1] + rows[2].padEnd(30, "<");
  } else if (rows.length === 2 && rows[0].length === 44 && rows[1].length === 44) {
    // already exact
  } else if (rows.length !== 1) {
    return null;
  }
  const shape = MRZ_SHAPES[joined.length];
  if (!shape) return null;
  // Document code: A, C or I for ID cards (TD1), P for passports (TD3).
  if (shape.format === "TD1" ? !/^[ACI]/.test(joined) : !joined.startsWith("P")) return null;
  const lines: string[] = [];
  for (let i = 0; i < shape.lines; i++) lines.push(joined.slice(i * shape.width, (i + 1) * shape.width));
  return { format: shape.format, lines };
}

/** Classifies one scanned or typed string. Never throws. */
export function classifyScan(raw: string): ScanKind {
  if (typeof raw !== "string" || raw.length > MAX_SCAN_LENGTH) return { kind: "unknown" };
  const text = undoCapsLock(raw.trim());
  if (text.startsWith(INVITE_PREFIX)) {
    return /^PI1\.[\w.-]+$/.test(text) ? { kind: "invite", token: text } : { kind: "unknown" };
  }
  const passId = parsePass(text);
  if (passId) return { kind: "pass", passId };
  const badge = parseBadge(text);
  if (badge) return { kind: "badge", code: badge };
  const mrz = mrzLines(text);
  if (mrz) return { kind: "mrz", ...mrz };
  return { kind: "unknown" };
}
