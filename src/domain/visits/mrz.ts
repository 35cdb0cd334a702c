// The machine-readable zone (ICAO 9303) of an identity document, for show-and-verify at the kiosk:
// ID cards (TD1, 3×30) and passports (TD3, 2×44), with every check digit verified.
//
// Privacy: the optional data fields (on a Dutch ID card and passport: the BSN) are read only as
// input to the composite check digit; they are never returned, logged or stored. Neither is the
// MRZ itself. What may be stored: the document type, "verified at", and a keyed hash of the
// document number: `hmac(secret, documentHashKey(documentNumber, issuingState))` (src/domain/crypto).
import { mrzLines } from "@/src/domain/visits/scan-classify";

export type DocumentType = "ID_CARD" | "PASSPORT";

export interface MrzDocument {
  ok: true;
  documentType: DocumentType;
  /** As in the MRZ, without fillers. Never store it in clear: see documentHashKey. */
  documentNumber: string;
  /** ICAO 3-letter code (`NLD`; Germany is `D`). */
  issuingState: string;
  /** yyyy-mm-dd; the document is valid through this day. */
  expiresOn: string;
  /** yyyy-mm-dd; null when the document does not give a full date (day or month unknown: `<<`). */
  birthDate: string | null;
  /** Given names as in the MRZ: upper case, transliterated, possibly truncated. */
  firstName: string;
  lastName: string;
}

export type MrzRefusal = { ok: false; reason: "unreadable" | "check_digits" | "expired" };
export type MrzResult = MrzDocument | MrzRefusal;

const WEIGHTS = [7, 3, 1];

function charValue(ch: string): number {
  if (ch === "<") return 0;
  const code = ch.charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48; // 0-9
  return code - 55; // A=10 … Z=35
}

/** ICAO 9303 check digit of a field (weights 7, 3, 1; `<` counts 0). */
export function mrzCheckDigit(field: string): string {
  let total = 0;
  for (let i = 0; i < field.length; i++) total += charValue(field[i]) * WEIGHTS[i % 3];
  return String(total % 10);
}

const checks = (field: string, digit: string) => /^\d$/.test(digit) && mrzCheckDigit(field) === digit;

const unfill = (s: string) => s.replace(/<+$/, "").replace(/</g, " ").trim();

function names(field: string): { firstName: string; lastName: string } {
  const [last, ...rest] = field.split("<<");
  return { lastName: unfill(last), firstName: unfill(rest.join("<<")) };
}

function validDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** yymmdd → yyyy-mm-dd, the century chosen relative to today's year; null if not a date. */
function mrzDate(yymmdd: string, todayYear: number, kind: "birth" | "expiry"): string | null {
  if (!/^\d{6}$/.test(yymmdd)) return null;
  const yy = Number(yymmdd.slice(0, 2));
  const m = Number(yymmdd.slice(2, 4));
  const d = Number(yymmdd.slice(4, 6));
  const century = Math.floor(todayYear / 100) * 100;
  let y = century + yy;
  // A birth date is never in the future; an expiry date is never more than 50 years ahead.
  if (kind === "birth" ? y > todayYear : y > todayYear + 50) y -= 100;
  if (kind === "expiry" && y < todayYear - 50) y += 100;
  if (!validDate(y, m, d)) return null;
  return `${y}-${yymmdd.slice(2, 4)}-${yymmdd.slice(4, 6)}`;
}

const refuse = (reason: MrzRefusal["reason"]): MrzRefusal => ({ ok: false, reason });

/**
 * Parses and verifies a TD1 or TD3 MRZ as a reader or person sent it (lines separated by CR/LF
 * or concatenated; case and spaces do not matter). `today` is the location's calendar day,
 * yyyy-mm-dd (see localDay): a document is expired from the day after its expiry date.
 */
export function parseMrz(text: string, today: string): MrzResult {
  const shape = mrzLines(text);
  if (!shape || !/^\d{4}-\d{2}-\d{2}$/.test(today)) return refuse("unreadable");
  const todayYear = Number(today.slice(0, 4));
  const { lines } = shape;

  let documentType: DocumentType;
  let issuingState: string;
  let documentNumber: string;
  let numberOk: boolean;
  let birth: string;
  let birthCd: string;
  let expiry: string;
  let expiryCd: string;
  let compositeOk: boolean;
  let extraOk = true;
  let nameField: string;

  if (shape.format === "TD1") {
    const [l1, l2, l3] = lines;
    documentType = "ID_CARD";
    issuingState = l1.slice(2, 5);
    const number = l1.slice(5, 14);
    const numberCd = l1[14];
    if (numberCd === "<") {
      // Document number longer than 9: it continues in the optional data up to the first filler,
      // whose last character is the check digit (ICAO 9303-5 §4.2.2, note j).
      const overflow = /^([A-Z0-9]+)</.exec(l1.slice(15, 30))?.[1] ?? "";
      if (overflow.length < 2) return refuse("unreadable");
      const full = number + overflow.slice(0, -1);
      documentNumber = full;
      numberOk = checks(full, overflow.slice(-1));
    } else {
      documentNumber = number;
      numberOk = checks(number, numberCd);
    }
    birth = l2.slice(0, 6);
    birthCd = l2[6];
    expiry = l2.slice(8, 14);
    expiryCd = l2[14];
    compositeOk = checks(l1.slice(5, 30) + l2.slice(0, 7) + l2.slice(8, 15) + l2.slice(18, 29), l2[29]);
    nameField = l3;
  } else {
    const [l1, l2] = lines;
    documentType = "PASSPORT";
    issuingState = l1.slice(2, 5);
    documentNumber = l2.slice(0, 9);
    numberOk = checks(documentNumber, l2[9]);
    birth = l2.slice(13, 19);
    birthCd = l2[19];
    expiry = l2.slice(21, 27);
    expiryCd = l2[27];
    // Personal number (optional data): its check digit may be a filler when the field is empty.
    const personal = l2.slice(28, 42);
    extraOk = checks(personal, l2[42]) || (/^<+$/.test(personal) && (l2[42] === "<" || l2[42] === "0"));
    compositeOk = checks(l2.slice(0, 10) + l2.slice(13, 20) + l2.slice(21, 43), l2[43]);
    nameField = l1.slice(5, 44);
  }

  documentNumber = documentNumber.replace(/</g, "");
  const { firstName, lastName } = names(nameField);
  if (!/^[A-Z<]{1,3}$/.test(issuingState) || !/^[A-Z]/.test(issuingState) || !documentNumber || !lastName) {
    return refuse("unreadable");
  }
  if (!numberOk || !checks(birth, birthCd) || !checks(expiry, expiryCd) || !compositeOk || !extraOk) {
    return refuse("check_digits");
  }
  // Some documents give an unknown day or month of birth as fillers: still a valid document.
  const birthDate = mrzDate(birth, todayYear, "birth");
  if (!birthDate && !/^\d\d(0\d|1[0-2]|<<)([0-3]\d|<<)$/.test(birth)) return refuse("unreadable");
  const expiresOn = mrzDate(expiry, todayYear, "expiry");
  if (!expiresOn) return refuse("unreadable");
  if (expiresOn < today) return refuse("expired");

  return {
    ok: true,
    documentType,
    documentNumber,
    issuingState: issuingState.replace(/</g, ""),
    expiresOn,
    birthDate,
    firstName,
    lastName,
  };
}

/**
 * The normalised input for the keyed hash of a document, so the kiosk's read and a number typed
 * by staff into a ban match: upper case, no spaces, dashes or fillers, with the issuing state.
 * Hash it with `hmac(secret, documentHashKey(…))`; never store the number itself.
 */
export function documentHashKey(documentNumber: string, issuingState: string): string {
  const clean = (s: string) => s.toUpperCase().replace(/[\s<-]/g, "");
  return `mrz-doc:${clean(issuingState)}:${clean(documentNumber)}`;
}
