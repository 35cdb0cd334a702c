import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseMrz } from "@/src/domain/visits/mrz";
import { cleanOcrLines, repairMrz } from "@/src/kiosk/scan/mrz-ocr/repair";
import { td1, td3 } from "@/tests/helpers/mrz-builder";

// --- Specimens, with check digits computed here, independently of the code under test.
// ICAO 9303 specimens exactly as published, and Dutch ones with a BSN-like number in the optional data.
const ICAO_TD3 = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"];
const ICAO_TD1 = ["I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6", "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"];
const NL_ID = td1({
  state: "NLD",
  number: "SPECI2014",
  optional1: "999999990",
  birth: "650310",
  expiry: "290309",
  names: "DE<BRUIJN<<WILLEKE<LISELOTTE",
});
const NL_PASSPORT = td3({
  state: "NLD",
  names: "DE<BRUIJN<<WILLEKE<LISELOTTE",
  number: "SPECI2014",
  birth: "650310",
  expiry: "290309",
  personal: "999999990",
  sex: "M",
});
const SPECIMENS = { ICAO_TD3, ICAO_TD1, NL_ID, NL_PASSPORT };
const TODAY = "2026-11-28";

/** Replaces characters: [line, column, character]. */
function misread(lines: string[], ...edits: Array<[number, number, string]>): string[] {
  const copy = [...lines];
  for (const [line, col, ch] of edits) copy[line] = copy[line].slice(0, col) + ch + copy[line].slice(col + 1);
  return copy;
}

describe("repairMrz", () => {
  it("checks its own specimens", () => {
    for (const lines of Object.values(SPECIMENS)) {
      expect(parseMrz(lines.join("\n"), "2010-01-01").ok || parseMrz(lines.join("\n"), TODAY).ok).toBe(true);
    }
  });

  it.each(Object.entries(SPECIMENS))("reads %s as it is, with no guessed edits", (_name, lines) => {
    expect(repairMrz(lines.join("\n"), { today: TODAY })).toEqual({
      format: lines.length === 3 ? "TD1" : "TD3",
      lines,
      text: lines.join("\n"),
      edits: 0,
    });
  });

  it("keeps an expired document (the server refuses it, kindly)", () => {
    expect(parseMrz(ICAO_TD3.join("\n"), TODAY)).toEqual({ ok: false, reason: "expired" });
    expect(repairMrz(ICAO_TD3.join("\n"), { today: TODAY })?.text).toBe(ICAO_TD3.join("\n"));
  });

  // Confusions the field type settles: digits in dates and check digits, letters in country codes
  // and names, filler look-alikes among the name's fillers. No guessing: 0 edits.
  const certain: Array<[string, string[], string[]]> = [
    ["O for 0 and I for 1 in the birth date", ICAO_TD3, misread(ICAO_TD3, [1, 15, "O"], [1, 17, "I"])],
    ["S, I, Z, O for 5, 1, 2, 0 in dates", NL_ID, misread(NL_ID, [1, 1, "S"], [1, 4, "I"], [1, 8, "Z"], [1, 10, "O"])],
    ["letters for check digits", ICAO_TD1, misread(ICAO_TD1, [0, 14, "T"], [1, 6, "Z"], [1, 29, "G"])],
    ["0 for O in the issuing state and nationality", ICAO_TD3, misread(ICAO_TD3, [0, 4, "0"], [1, 12, "0"])],
    ["digits in the name", ICAO_TD1, misread(ICAO_TD1, [2, 4, "5"], [2, 6, "0"], [2, 2, "1"])],
    ["K and C for fillers in the name line", ICAO_TD3, misread(ICAO_TD3, [0, 30, "K"], [0, 40, "C"], [0, 43, "K"])],
    [
      "a run of L for the name line's trailing fillers",
      NL_PASSPORT,
      [NL_PASSPORT[0].replace(/<{8}$/, "<LLLLLLL"), NL_PASSPORT[1]],
    ],
    ["K for fillers in the optional data", NL_ID, misread(NL_ID, [0, 26, "K"], [1, 20, "K"], [1, 28, "K"])],
    ["Z for 2 in the expiry date", NL_PASSPORT, misread(NL_PASSPORT, [1, 21, "Z"])],
  ];
  it.each(certain)("fixes %s", (_what, truth, read) => {
    expect(read).not.toEqual(truth);
    expect(repairMrz(read.join("\n"), { today: TODAY })).toMatchObject({ lines: truth, edits: 0 });
  });

  // Confusions in alphanumeric fields (document number, optional data): only the check digits can
  // tell, and often they cannot. The document number's own check digit and the composite one weigh
  // its characters alike, so for a look-alike there are usually other single substitutions that
  // pass as well: such a read is refused (the next camera frame is another try), never guessed.
  const guessed: Array<[string, string[], string[], "fixed" | "refused"]> = [
    ["Z read as 7 in the passport's personal number", ICAO_TD3, misread(ICAO_TD3, [1, 28, "7"]), "fixed"],
    ["0 read as O in the BSN (composite check digit only)", NL_ID, misread(NL_ID, [0, 23, "O"]), "fixed"],
    ["8 read as B in the document number", ICAO_TD3, misread(ICAO_TD3, [1, 1, "B"]), "refused"],
    ["S read as 5 in the document number", NL_PASSPORT, misread(NL_PASSPORT, [1, 0, "5"]), "refused"],
    ["1 read as I in the document number", ICAO_TD1, misread(ICAO_TD1, [0, 8, "I"]), "refused"],
  ];
  it.each(guessed)("%s", (_what, truth, read, outcome) => {
    expect(parseMrz(read.join("\n"), TODAY).ok).toBe(false);
    const result = repairMrz(read.join("\n"), { today: TODAY });
    if (outcome === "fixed") expect(result).toMatchObject({ lines: truth, edits: 1 });
    else expect(result).toBeNull();
  });

  // A check digit misread as a look-alike digit (6 as 0, 8 as 3…): the swap is tried where the
  // composite check digit covers it as well, so two check digits must agree. Seen in the browser
  // test: a card whose document number's check digit 6 read as 0 in every frame, never readable.
  it("fixes a document number's check digit read as a look-alike digit (6 as 0), as one guessed edit", () => {
    const truth = td1({
      state: "NLD",
      number: "603429510",
      birth: "880412",
      expiry: "330101",
      names: "VISSER<<LIESBETH",
    });
    expect(truth[0].slice(5, 15)).toBe("6034295106");
    const read = misread(truth, [0, 14, "0"]);
    expect(parseMrz(read.join("\n"), TODAY).ok).toBe(false);
    expect(repairMrz(read.join("\n"), { today: TODAY })).toMatchObject({ lines: truth, edits: 1 });
  });

  /** Every check digit the composite covers (not the composite itself), as [line, column]. */
  const coveredCheckDigits = (lines: string[]): Array<[number, number]> =>
    lines.length === 3
      ? [
          [0, 14],
          [1, 6],
          [1, 14],
        ]
      : [
          [1, 9],
          [1, 19],
          [1, 27],
          [1, 42],
        ];
  const DIGIT_LOOKALIKES = ["06", "08", "09", "17", "38", "56", "68", "89"];

  it("turns any check digit read as a look-alike digit into the true document or refuses it, never another", () => {
    let fixed = 0;
    let refused = 0;
    for (const truth of Object.values(SPECIMENS)) {
      for (const [l, c] of coveredCheckDigits(truth)) {
        const ch = truth[l][c];
        const wrongs = DIGIT_LOOKALIKES.flatMap(([a, b]) => (ch === a ? [b] : ch === b ? [a] : []));
        for (const wrong of wrongs) {
          const result = repairMrz(misread(truth, [l, c, wrong]).join("\n"), { today: TODAY });
          if (result) {
            expect(result).toMatchObject({ lines: truth, edits: 1 });
            fixed++;
          } else refused++;
        }
      }
    }
    expect(fixed).toBeGreaterThan(refused * 3);
  });

  it("never guesses the composite check digit: nothing else checks it", () => {
    // ICAO_TD1's composite is 6, ICAO_TD3's 0: each read as a look-alike digit.
    expect(repairMrz(misread(ICAO_TD1, [1, 29, "0"]).join("\n"), { today: TODAY })).toBeNull();
    expect(repairMrz(misread(ICAO_TD3, [1, 43, "6"]).join("\n"), { today: TODAY })).toBeNull();
  });

  it("turns a lone filler look-alike among the optional data's fillers into a filler", () => {
    expect(repairMrz(misread(NL_ID, [0, 25, "C"], [1, 22, "X"]).join("\n"), { today: TODAY })).toMatchObject({
      lines: NL_ID,
      edits: 0,
    });
  });

  // Length: OCR drops or doubles a filler, or reads `<<` as one K.
  const lengths: Array<[string, string[], string[]]> = [
    ["a filler dropped from a run", NL_ID, [NL_ID[0].replace("<<<<", "<<<"), NL_ID[1], NL_ID[2]]],
    ["a filler doubled", ICAO_TD3, [ICAO_TD3[0], ICAO_TD3[1].replace("B<<<<<", "B<<<<<<")]],
    ["the name line's trailing fillers cut short", ICAO_TD1, [ICAO_TD1[0], ICAO_TD1[1], "ERIKSSON<<ANNA<MARIA<<<<<<"]],
    ["<< read as one K", ICAO_TD1, [ICAO_TD1[0].replace("7<<<<", "7<K<"), ICAO_TD1[1], ICAO_TD1[2]]],
    ["a stray character at the end of a line", ICAO_TD3, [ICAO_TD3[0], `${ICAO_TD3[1]}I`]],
    ["one character read as two look-alikes (Z as 7Z)", ICAO_TD3, [ICAO_TD3[0], ICAO_TD3[1].replace("9ZE", "97ZE")]],
    [
      "one character read as two look-alikes (O as 0O)",
      ICAO_TD1,
      [ICAO_TD1[0].replace("UTO", "UT0O"), ICAO_TD1[1], ICAO_TD1[2]],
    ],
  ];
  it.each(lengths)("fixes %s", (_what, truth, read) => {
    expect(repairMrz(read.join("\n"), { today: TODAY })).toMatchObject({ lines: truth });
  });

  it("finds the MRZ among other text OCR read, in any case and with spaces", () => {
    const text = `PASPOORT PASSPORT\nNLD\n\n${NL_PASSPORT.map((l) => `${l.slice(0, 20)} ${l.slice(20).toLowerCase()}`).join("\n")}\n11\n`;
    expect(repairMrz(text, { today: TODAY })?.lines).toEqual(NL_PASSPORT);
    expect(cleanOcrLines(" p<nld «x\n\n")).toEqual(["P<NLD<X"]);
  });

  it("refuses what the check digits cannot settle", () => {
    const refused = [
      misread(NL_ID, [1, 2, "7"]), // a wrong digit in a date: no look-alike explains it
      misread(ICAO_TD3, [1, 9, "7"]), // a wrong check digit
      misread(NL_PASSPORT, [1, 0, "5"], [1, 4, "1"], [1, 5, "Z"]), // three guesses: more than maxEdits
      [NL_ID[0], NL_ID[1]], // a line missing
      [NL_ID[0].slice(0, 25), NL_ID[1], NL_ID[2]], // a line cut short
    ];
    for (const lines of refused) expect(repairMrz(lines.join("\n"), { today: TODAY })).toBeNull();
    for (const text of ["", "hello", "<<<<<<<<<<", "P<".repeat(44), "x".repeat(5000)])
      expect(repairMrz(text, { today: TODAY })).toBeNull();
  });

  const specimens = Object.values(SPECIMENS);
  /** Look-alike pairs as [true, read]; the same ones the repair knows, both ways. */
  const LOOKALIKES = ["0O", "0D", "0Q", "OD", "1I", "IL", "2Z", "Z7", "7T", "5S", "6G", "8B", "4A", "<C", "<X", "<E"];
  const weight = (ch: string) => (ch === "<" ? 0 : /\d/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55);
  /**
   * G (16) and 6, K (20) and `<`, A (10) and 0: the same modulo 10, so no check digit sees the one
   * read for the other. Where only a check digit could tell (alphanumeric fields), OCR must be right.
   */
  const invisible = (a: string, b: string) => (weight(a) - weight(b)) % 10 === 0;
  /**
   * Every position of `lines` where a look-alike can be misread, and what it is misread as. Not in
   * the name, which has no check digit (a D read as 0 becomes O there; the table above has the
   * misreads the name's rules settle), and no pair that no check digit sees.
   */
  const misreadable = (lines: string[]) =>
    lines.flatMap((line, l) =>
      [...line].flatMap((ch, c) =>
        LOOKALIKES.flatMap(([a, b]) => (ch === a ? [b] : ch === b ? [a] : []))
          .filter(() => !(lines.length === 3 ? l === 2 : l === 0 && c >= 5))
          .filter((wrong) => !invisible(wrong, ch))
          .map((wrong): [number, number, string] => [l, c, wrong]),
      ),
    );

  it("turns any one look-alike misread into the true document or refuses it, never another document", () => {
    let fixed = 0;
    let refused = 0;
    for (const truth of specimens) {
      for (const edit of misreadable(truth)) {
        const result = repairMrz(misread(truth, edit).join("\n"), { today: TODAY });
        if (result) {
          expect(result.lines).toEqual(truth);
          fixed++;
        } else refused++;
      }
    }
    // Most are certain (dates, country codes, names, fillers); refused are mostly in document numbers.
    expect(fixed).toBeGreaterThan(refused * 3);
  });

  it("returns only MRZs that parseMrz accepts, whatever it is given", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: specimens.length - 1 }),
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom(..."0OD1IL2Z5S6G8B7T4A<KCX9")), { maxLength: 4 }),
        (which, raw) => {
          const truth = specimens[which];
          const edits = raw.map(([l, c, ch]): [number, number, string] => [l % truth.length, c % truth[0].length, ch]);
          const result = repairMrz(misread(truth, ...edits).join("\n"), { today: TODAY });
          if (!result) return;
          const parsed = parseMrz(result.text, TODAY);
          expect(parsed.ok || parsed.reason === "expired").toBe(true);
          expect(result.text).toBe(result.lines.join("\n"));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("with two look-alike misreads, is right far more often than wrong; a guess (edits > 0) needs confirming", () => {
    // Deterministic sample: every 7th pair of misreadable positions of each specimen.
    const tally = { right: 0, refused: 0, wrongWithoutGuess: 0, wrongGuess: 0 };
    for (const truth of specimens) {
      const edits = misreadable(truth);
      for (let i = 0; i < edits.length; i += 3) {
        for (let j = i + 1; j < edits.length; j += 7) {
          if (edits[i][0] === edits[j][0] && edits[i][1] === edits[j][1]) continue;
          const result = repairMrz(misread(truth, edits[i], edits[j]).join("\n"), { today: TODAY });
          if (!result) tally.refused++;
          else if (result.text === truth.join("\n")) tally.right++;
          else if (result.edits === 0) tally.wrongWithoutGuess++;
          else tally.wrongGuess++;
        }
      }
    }
    // Two misreads that cancel out in every check digit are rare; wrong guesses are what the
    // reader's confirmation (the same text from a second camera frame) is for.
    const total = tally.right + tally.refused + tally.wrongWithoutGuess + tally.wrongGuess;
    expect(tally.wrongWithoutGuess / total).toBeLessThan(0.01);
    expect(tally.right).toBeGreaterThan(tally.wrongGuess * 5);
  });
});
