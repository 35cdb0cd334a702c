// Turns what OCR read from a camera frame into a trustworthy machine-readable zone, or nothing.
//
// OCR of an MRZ makes a few typical mistakes: look-alike letters and digits (O/0, I/1, Z/2, S/5,
// B/8, G/6), a filler `<` read as K or C, a filler dropped or doubled. The MRZ itself says what
// each position may hold (a date is digits, a country code is letters) and protects the document
// number, the dates, the optional data and the whole with ICAO 9303 check digits. So:
//  1. Find the 2 lines of 44 (passport, TD3) or 3 lines of 30 (ID card, TD1) in the OCR text; a
//     line one or two characters off gets its filler runs or ends adjusted.
//  2. Positions that hold only digits get letters mapped to their look-alike digit, positions
//     that hold only letters the reverse, and filler look-alikes in the name line become fillers.
//  3. Alphanumeric fields (document number, optional data) cannot be fixed that way: look-alike
//     substitutions there, and look-alike digits in the check digits the composite one covers, are
//     searched, fewest first, and kept only when every check digit passes. A solution that is not
//     the only one with that few substitutions is refused.
//  4. The result must pass parseMrz (src/domain/visits/mrz.ts): all check digits, real dates.
// Pure: no DOM, no Node APIs; never logs (the text holds personal data, e.g. the Dutch BSN).
import { mrzCheckDigit, parseMrz } from "@/src/domain/visits/mrz";
import type { MrzFormat } from "@/src/domain/visits/scan-classify";
import { isKnownMrzCode } from "./icao-codes";

export interface RepairedMrz {
  format: MrzFormat;
  /** The lines as printed on the document (2×44 or 3×30). */
  lines: string[];
  /** `lines` joined with "\n": what the kiosk sends on as a scan. */
  text: string;
  /**
   * Guessed edits (look-alike substitutions in alphanumeric fields, filler runs lengthened or
   * shortened). 0 when the OCR text was right up to what the field types fix for certain.
   */
  edits: number;
}

export interface RepairOptions {
  /** Most guessed edits to try (default 2). More edits give more false solutions: see above. */
  maxEdits?: number;
  /** yyyy-mm-dd for parseMrz's date checks (default: today, UTC). Expired documents are kept. */
  today?: string;
}

type Kind =
  /** letters or fillers (document code, country codes) */
  | "A"
  /** the name field: letters, fillers, and filler look-alikes turned into fillers */
  | "NAME"
  /** digits (dates; `<` stays `<`: an unknown day or month of birth) */
  | "N"
  /** a check digit (a digit, or `<` where a field is empty) */
  | "D"
  /** M, F, X or < */
  | "S"
  /** alphanumeric: document number, optional data */
  | "X";

type Layout = Array<Array<[from: number, to: number, kind: Kind]>>;

const LAYOUTS: Record<MrzFormat, { width: number; first: RegExp; layout: Layout }> = {
  TD3: {
    width: 44,
    first: /^P/,
    layout: [
      [
        [0, 5, "A"],
        [5, 44, "NAME"],
      ],
      [
        [0, 9, "X"],
        [9, 10, "D"],
        [10, 13, "A"],
        [13, 19, "N"],
        [19, 20, "D"],
        [20, 21, "S"],
        [21, 27, "N"],
        [27, 28, "D"],
        [28, 42, "X"],
        [42, 44, "D"],
      ],
    ],
  },
  TD1: {
    width: 30,
    first: /^[ACI]/,
    layout: [
      [
        [0, 5, "A"],
        [5, 14, "X"],
        [14, 15, "D"],
        [15, 30, "X"],
      ],
      [
        [0, 6, "N"],
        [6, 7, "D"],
        [7, 8, "S"],
        [8, 14, "N"],
        [14, 15, "D"],
        [15, 18, "A"],
        [18, 29, "X"],
        [29, 30, "D"],
      ],
      [[0, 30, "NAME"]],
    ],
  },
};

/** Letters OCR gives for a digit, and back: certain where the field type says which it must be. */
const TO_DIGIT: Record<string, string> = {
  O: "0",
  Q: "0",
  D: "0",
  U: "0",
  I: "1",
  L: "1",
  J: "1",
  T: "7",
  Z: "2",
  S: "5",
  G: "6",
  B: "8",
  A: "4",
};
const TO_LETTER: Record<string, string> = {
  "0": "O",
  "1": "I",
  "2": "Z",
  "4": "A",
  "5": "S",
  "6": "G",
  "7": "T",
  "8": "B",
};
/** What OCR reads for a filler `<` (the chevron's strokes). */
const FILLER_LOOKALIKES = new Set(["K", "C", "X", "L", "E"]);

/** Letters OCR confuses with each other: tried in a country code that is not a known one. */
const LETTER_ALTERNATIVES: Record<string, string> = {
  O: "DQU",
  D: "OQ",
  Q: "OD",
  U: "OV",
  V: "UY",
  I: "LTJ",
  L: "IT",
  T: "IL",
  J: "I",
  B: "ER",
  E: "BF",
  F: "EP",
  P: "FR",
  R: "BP",
  C: "GO",
  G: "CO",
  M: "NH",
  N: "MH",
  H: "NM",
  K: "<X",
  X: "K",
  Y: "V",
};

/** Where the issuing state and the nationality are: [line, from]. Both are 3 characters. */
const CODE_FIELDS: Record<MrzFormat, Array<[line: number, from: number]>> = {
  TD3: [
    [0, 2],
    [1, 10],
  ],
  TD1: [
    [0, 2],
    [1, 15],
  ],
};

/**
 * A country code field made a known code: as it is, with trailing filler look-alikes as fillers
 * (`D<<` read as `DKK`), or with one look-alike letter changed if only one such change gives a known
 * code (a guessed edit). Null when there is no such code, or more than one.
 */
function fixCode(code: string): { code: string; edits: number } | null {
  if (isKnownMrzCode(code)) return { code, edits: 0 };
  const fillers = code.replace(/(?<=[A-Z<])[KCXE](?=[KCXE<]*$)/g, "<");
  if (/^[A-Z]<+$/.test(fillers) && isKnownMrzCode(fillers)) return { code: fillers, edits: 0 };
  const found = new Set<string>();
  for (let i = 0; i < code.length; i++) {
    for (const alt of LETTER_ALTERNATIVES[code[i]] ?? "") {
      const candidate = code.slice(0, i) + alt + code.slice(i + 1);
      if (isKnownMrzCode(candidate)) found.add(candidate);
    }
  }
  return found.size === 1 ? { code: [...found][0], edits: 1 } : null;
}

/** Alternatives tried in alphanumeric fields, where only the check digits can tell. */
const ALTERNATIVES: Record<string, string[]> = {
  "0": ["O", "D", "Q"],
  O: ["0", "D", "Q"],
  D: ["0", "O"],
  Q: ["0", "O"],
  "1": ["I", "L"],
  I: ["1", "L"],
  L: ["1", "I", "<"],
  "2": ["Z"],
  Z: ["2", "7"],
  "7": ["Z", "T"],
  T: ["7"],
  "5": ["S"],
  S: ["5"],
  "6": ["G"],
  G: ["6"],
  "8": ["B"],
  B: ["8"],
  "4": ["A"],
  A: ["4"],
  K: ["<"],
  C: ["<"],
  X: ["<"],
  E: ["<"],
};

/**
 * Digits OCR confuses with each other, tried in a check digit that the composite check digit covers
 * too: a wrong one there fails its own field and the composite, so a swap that makes both pass
 * has two checks behind it. (Seen: a 6 read as 0, the same in every frame, so that card could
 * never be read.) Not in the composite check digit itself, which nothing else checks, and not in
 * dates, where more positions would give more false solutions than true ones.
 */
const DIGIT_ALTERNATIVES: Record<string, string[]> = {
  "0": ["6", "8", "9"],
  "1": ["7"],
  "3": ["8"],
  "5": ["6"],
  "6": ["0", "5", "8"],
  "7": ["1"],
  "8": ["0", "3", "6", "9"],
  "9": ["0", "8"],
};

/** Where the composite check digit is: [line, column]. */
const COMPOSITE: Record<MrzFormat, [line: number, col: number]> = { TD3: [1, 43], TD1: [1, 29] };

/** What a filler inside a field's text may have been (trailing filler runs are left alone). */
const FILLER_INSIDE_TEXT = ["C", "K", "X", "E"];

const fieldEnd = (layout: Layout, line: number, col: number): number =>
  layout[line].find(([from, to]) => col >= from && col < to)?.[1] ?? col + 1;

const kindAt = (layout: Layout, line: number, col: number): Kind => {
  for (const [from, to, kind] of layout[line]) if (col >= from && col < to) return kind;
  return "X";
};

/** OCR text → candidate lines: upper case, only A-Z 0-9 <, empty lines dropped. */
export function cleanOcrLines(text: string): string[] {
  return text
    .toUpperCase()
    .replace(/[«‹]/g, "<")
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(/[^A-Z0-9<]/g, ""))
    .filter((line) => line.length > 0);
}

/** Fixes what the field type decides: digits in digit fields, letters in letter fields, fillers in names. */
function fixByType(line: string, lineIndex: number, layout: Layout): string {
  const chars = [...line];
  for (let col = 0; col < chars.length; col++) {
    const kind = kindAt(layout, lineIndex, col);
    const ch = chars[col];
    if (kind === "N" || kind === "D") chars[col] = TO_DIGIT[ch] ?? (FILLER_LOOKALIKES.has(ch) ? "<" : ch);
    else if (kind === "A" || kind === "NAME") chars[col] = TO_LETTER[ch] ?? ch;
    else if (kind === "S") chars[col] = /[MFX<]/.test(ch) ? ch : FILLER_LOOKALIKES.has(ch) ? "<" : ch;
  }
  // Passports and ID cards: `P<`, `I<`; a filler look-alike there is a filler (`AC` stays: crew cards).
  if (lineIndex === 0 && /[PI]/.test(chars[0] ?? "") && /[KCXE]/.test(chars[1] ?? "")) chars[1] = "<";
  for (const [from, to, kind] of layout[lineIndex]) {
    const field = chars.slice(from, to).join("");
    let fixed = field;
    // Names: a lone filler look-alike between filler runs (`<<K<<`, or `<<K` at the end) is a filler.
    // Three or more of the same look-alike in a row (`LLLL`: a font whose `<` reads as L) are no name.
    if (kind === "NAME") {
      fixed = field
        .replace(/(?<=<)([KCXLE])\1{2,}(?=[<KCXLE]*$)/g, (run) => "<".repeat(run.length))
        .replace(/(?<=<<)[KCXLE](?=<<|$)/g, "<")
        .replace(/(?<=<<)[KCXLE](?=<<|$)/g, "<");
    }
    // Alphanumeric fields: a lone filler look-alike among fillers is a filler. (For K this is the
    // only way: K (20) and `<` (0) weigh the same modulo 10, so no check digit could tell.)
    if (kind === "X") fixed = field.replace(/(?<=<)[KCXLE](?=<|$)/g, "<").replace(/(?<=<)[KCXLE](?=<|$)/g, "<");
    if (fixed !== field) chars.splice(from, to - from, ...fixed);
  }
  return chars.join("");
}

/** Every check digit of the lines passes (the same rules as parseMrz, without the rest). */
function checkDigitsPass(format: MrzFormat, lines: string[]): boolean {
  const ok = (field: string, digit: string) => /^\d$/.test(digit) && mrzCheckDigit(field) === digit;
  if (format === "TD3") {
    const l2 = lines[1];
    const personal = l2.slice(28, 42);
    const personalOk = ok(personal, l2[42]) || (/^<+$/.test(personal) && (l2[42] === "<" || l2[42] === "0"));
    return (
      ok(l2.slice(0, 9), l2[9]) &&
      ok(l2.slice(13, 19), l2[19]) &&
      ok(l2.slice(21, 27), l2[27]) &&
      personalOk &&
      ok(l2.slice(0, 10) + l2.slice(13, 20) + l2.slice(21, 43), l2[43])
    );
  }
  const [l1, l2] = lines;
  let numberOk: boolean;
  if (l1[14] === "<") {
    const overflow = /^([A-Z0-9]+)</.exec(l1.slice(15, 30))?.[1] ?? "";
    numberOk = overflow.length >= 2 && ok(l1.slice(5, 14) + overflow.slice(0, -1), overflow.slice(-1));
  } else {
    numberOk = ok(l1.slice(5, 14), l1[14]);
  }
  return (
    numberOk &&
    ok(l2.slice(0, 6), l2[6]) &&
    ok(l2.slice(8, 14), l2[14]) &&
    ok(l1.slice(5, 30) + l2.slice(0, 7) + l2.slice(8, 15) + l2.slice(18, 29), l2[29])
  );
}

/**
 * Versions of a line of the wrong length, at most two characters off: a filler run (or the end of
 * the line) one or two fillers longer or shorter, a filler look-alike inside a run read for `<<`,
 * a stray character at either end dropped, or (one too many) one of two look-alikes side by side
 * dropped. Each counts as one guessed edit per character; dropping any other character, two.
 */
function lengthVariants(line: string, width: number): Array<{ line: string; edits: number }> {
  const diff = line.length - width;
  if (diff === 0) return [{ line, edits: 0 }];
  if (Math.abs(diff) > 2) return [];
  const out = new Map<string, number>();
  const add = (candidate: string, edits: number) => {
    if (candidate.length !== width) return;
    const known = out.get(candidate);
    if (known === undefined || edits < known) out.set(candidate, edits);
  };
  const runs: Array<[start: number, end: number]> = [];
  for (const m of line.matchAll(/<+/g)) runs.push([m.index, m.index + m[0].length]);
  const steps = Math.abs(diff);
  if (diff < 0) {
    // too short: lengthen one filler run (or two runs by one each), or pad the end
    for (const [s] of runs) add(line.slice(0, s) + "<".repeat(steps) + line.slice(s), steps);
    for (let i = 0; i < runs.length; i++)
      for (let j = i + 1; j < runs.length && steps === 2; j++) {
        const [a] = runs[i];
        const [b] = runs[j];
        add(`${line.slice(0, a)}<${line.slice(a, b)}<${line.slice(b)}`, 2);
      }
    add(line + "<".repeat(steps), steps);
    // `<<` read as one K or C
    for (const m of line.matchAll(/(?<=<)[KC](?=<)/g)) add(`${line.slice(0, m.index)}<<${line.slice(m.index + 1)}`, 1);
  } else {
    for (const [s, e] of runs) if (e - s > steps) add(line.slice(0, s) + line.slice(s + steps), steps);
    for (let i = 0; i < runs.length; i++)
      for (let j = i + 1; j < runs.length && steps === 2; j++) {
        const [a, ae] = runs[i];
        const [b, be] = runs[j];
        if (ae - a > 1 && be - b > 1) add(line.slice(0, a) + line.slice(a + 1, b) + line.slice(b + 1), 2);
      }
    add(line.slice(steps), steps);
    add(line.slice(0, width), steps);
    if (steps === 2) add(line.slice(1, -1), 2);
    // OCR (an LSTM) sometimes reads one character as two look-alikes (`O` as `0O`, `Z` as `7Z`):
    // drop one of such a pair (1 edit), or any other one character (2 edits: less likely).
    if (steps === 1) {
      const alike = (a: string | undefined, b: string) =>
        a !== undefined && (a === b || !!ALTERNATIVES[b]?.includes(a));
      for (let i = 0; i < line.length; i++) {
        add(line.slice(0, i) + line.slice(i + 1), alike(line[i - 1], line[i]) || alike(line[i + 1], line[i]) ? 1 : 2);
      }
    }
  }
  return [...out].map(([l, edits]) => ({ line: l, edits }));
}

/** The name line at its width: trailing fillers padded, or fillers (then anything) cut from the end. */
function fitNameLine(line: string, width: number): string {
  if (line.length <= width) return line.padEnd(width, "<");
  let out = line;
  while (out.length > width && /<<$/.test(out)) out = out.slice(0, -1);
  while (out.length > width && out.includes("<<<")) out = out.replace("<<<", "<<");
  return out.slice(0, width);
}

/** All ways to substitute exactly `k` of the alternative positions (combinations, no repeats). */
function* substitutions(
  slots: Array<{ line: number; col: number; options: string[] }>,
  k: number,
  start = 0,
): Generator<Array<{ line: number; col: number; ch: string }>> {
  if (k === 0) {
    yield [];
    return;
  }
  for (let i = start; i <= slots.length - k; i++) {
    for (const ch of slots[i].options) {
      for (const rest of substitutions(slots, k - 1, i + 1)) yield [{ ...slots[i], ch }, ...rest];
    }
  }
}

function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * The MRZ in `ocrText`, repaired and verified, or null when it cannot be made to pass every check
 * digit unambiguously. Never throws.
 */
export function repairMrz(ocrText: string, options: RepairOptions = {}): RepairedMrz | null {
  if (typeof ocrText !== "string" || ocrText.length > 2000) return null;
  const maxEdits = Math.max(0, Math.min(3, options.maxEdits ?? 2));
  const today = options.today ?? todayUtc();
  const rows = cleanOcrLines(ocrText);
  // The MRZ is the document's last lines: try groups from the bottom up.
  const groups: Array<{ format: MrzFormat; rows: string[] }> = [];
  for (let end = rows.length; end >= 2; end--) {
    if (end >= 3) groups.push({ format: "TD1", rows: rows.slice(end - 3, end) });
    groups.push({ format: "TD3", rows: rows.slice(end - 2, end) });
  }
  for (const group of groups) {
    const found = repairGroup(group.format, group.rows, maxEdits, today);
    if (found) return found;
  }
  return null;
}

function repairGroup(format: MrzFormat, rows: string[], maxEdits: number, today: string): RepairedMrz | null {
  const { width, first, layout } = LAYOUTS[format];
  const nameLine = format === "TD3" ? 0 : 2;
  if (rows.some((row, i) => Math.abs(row.length - width) > (i === nameLine ? width / 3 : 2))) return null;
  // Each line's length variants, typed fixes applied.
  // The name line is not covered by check digits: its trailing fillers are padded or cut.
  const perLine = rows.map((row, i) =>
    (i === nameLine ? [{ line: fitNameLine(row, width), edits: 0 }] : lengthVariants(row, width)).map((v) => ({
      line: fixByType(v.line, i, layout),
      edits: v.edits,
    })),
  );
  if (perLine.some((variants) => variants.length === 0)) return null;

  const search: { best: { lines: string[]; edits: number } | null; ambiguous: boolean } = {
    best: null,
    ambiguous: false,
  };
  const consider = (lines: string[], edits: number) => {
    if (!first.test(lines[0]) || !checkDigitsPass(format, lines)) return;
    const { best } = search;
    if (!best || edits < best.edits) {
      search.best = { lines, edits };
      search.ambiguous = false;
    } else if (edits === best.edits && lines.join("\n") !== best.lines.join("\n")) {
      search.ambiguous = true;
    }
  };

  for (const combo of product(perLine)) {
    const baseEdits = combo.reduce((sum, v) => sum + v.edits, 0);
    if (baseEdits > maxEdits) continue;
    const lines = combo.map((v) => v.line);
    const slots: Array<{ line: number; col: number; options: string[] }> = [];
    const [compositeLine, compositeCol] = COMPOSITE[format];
    lines.forEach((line, li) => {
      for (let col = 0; col < line.length; col++) {
        const kind = kindAt(layout, li, col);
        if (kind === "D" && !(li === compositeLine && col === compositeCol)) {
          const options = DIGIT_ALTERNATIVES[line[col]];
          if (options) slots.push({ line: li, col, options });
        }
        if (kind !== "X") continue;
        // A filler inside a field's text (not in its trailing run) may be a misread letter.
        const inText = line[col] === "<" && /^<*[A-Z0-9]/.test(line.slice(col + 1, fieldEnd(layout, li, col)));
        const options = inText ? FILLER_INSIDE_TEXT : ALTERNATIVES[line[col]];
        if (options) slots.push({ line: li, col, options });
      }
    });
    // Fewest edits first; stop as soon as more edits than the best solution's would be needed.
    for (let k = 0; k + baseEdits <= maxEdits; k++) {
      if (search.best && search.best.edits < k + baseEdits) break;
      for (const subs of substitutions(slots, k)) {
        const edited = [...lines];
        for (const s of subs) edited[s.line] = edited[s.line].slice(0, s.col) + s.ch + edited[s.line].slice(s.col + 1);
        consider(edited, k + baseEdits);
      }
    }
  }
  const found = search.best;
  if (!found || search.ambiguous) return null;
  // The country codes have no check digit: they must be known codes.
  const lines = [...found.lines];
  let edits = found.edits;
  for (const [line, from] of CODE_FIELDS[format]) {
    const fixed = fixCode(lines[line].slice(from, from + 3));
    if (!fixed || edits + fixed.edits > maxEdits) return null;
    lines[line] = lines[line].slice(0, from) + fixed.code + lines[line].slice(from + 3);
    edits += fixed.edits;
  }
  const text = lines.join("\n");
  const parsed = parseMrz(text, today);
  if (!parsed.ok && parsed.reason !== "expired") return null;
  return { format, lines, text, edits };
}

function* product<T>(lists: T[][], prefix: T[] = []): Generator<T[]> {
  if (prefix.length === lists.length) {
    yield prefix;
    return;
  }
  for (const item of lists[prefix.length]) yield* product(lists, [...prefix, item]);
}
