import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { documentHashKey, mrzCheckDigit, parseMrz } from "@/src/domain/visits/mrz";
import { checkDigit, tamperMrz, td1, td3 } from "@/tests/helpers/mrz-builder";

// --- Test helper: builds MRZs with check digits computed here, independently of the code under test.
// ICAO 9303 specimens (Part 4 and Part 5), exactly as published.
const ICAO_TD3 = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"];
const ICAO_TD1 = ["I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6", "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"];

// Dutch ID card specimen (2014 model), BSN-like number in the optional data of line 1.
const BSN = "999999990";
const NL_ID = td1({
  state: "NLD",
  number: "SPECI2014",
  optional1: BSN,
  birth: "650310",
  expiry: "290309",
  names: "DE<BRUIJN<<WILLEKE<LISELOTTE",
});
// Dutch passport: the BSN is the personal number of line 2.
const NL_PASSPORT = td3({
  state: "NLD",
  names: "DE<BRUIJN<<WILLEKE<LISELOTTE",
  number: "SPECI2014",
  birth: "650310",
  expiry: "290309",
  personal: BSN,
});

const TODAY = "2026-11-28";
const RESULT_KEYS = [
  "birthDate",
  "documentNumber",
  "documentType",
  "expiresOn",
  "firstName",
  "issuingState",
  "lastName",
  "ok",
];

describe("test helper", () => {
  it("reproduces the published ICAO specimens' check digits", () => {
    expect(
      td3({
        state: "UTO",
        names: "ERIKSSON<<ANNA<MARIA",
        number: "L898902C3",
        birth: "740812",
        expiry: "120415",
        personal: "ZE184226B",
      }),
    ).toEqual(ICAO_TD3);
    expect(
      td1({ state: "UTO", number: "D23145890", birth: "740812", expiry: "120415", names: "ERIKSSON<<ANNA<MARIA" }),
    ).toEqual(ICAO_TD1);
  });

  it("agrees with the module's check digit", () => {
    for (const field of ["L898902C3", "740812", "<<<<<<", "D23145890", "SPECI2014", "ZE184226B<<<<<"]) {
      expect(mrzCheckDigit(field)).toBe(checkDigit(field));
    }
  });
});

describe("parseMrz", () => {
  afterEach(() => vi.restoreAllMocks());

  it("reads the ICAO specimen passport (TD3) while it is valid", () => {
    expect(parseMrz(ICAO_TD3.join("\n"), "2010-01-01")).toEqual({
      ok: true,
      documentType: "PASSPORT",
      documentNumber: "L898902C3",
      issuingState: "UTO",
      expiresOn: "2012-04-15",
      birthDate: "1974-08-12",
      firstName: "ANNA MARIA",
      lastName: "ERIKSSON",
    });
  });

  it("reads the ICAO specimen ID card (TD1)", () => {
    expect(parseMrz(ICAO_TD1.join("\n"), "2012-04-15")).toEqual({
      ok: true,
      documentType: "ID_CARD",
      documentNumber: "D23145890",
      issuingState: "UTO",
      expiresOn: "2012-04-15",
      birthDate: "1974-08-12",
      firstName: "ANNA MARIA",
      lastName: "ERIKSSON",
    });
  });

  it("reads a Dutch ID card and never returns the BSN in its optional data", () => {
    const result = parseMrz(NL_ID.join("\r\n"), TODAY);
    expect(result).toEqual({
      ok: true,
      documentType: "ID_CARD",
      documentNumber: "SPECI2014",
      issuingState: "NLD",
      expiresOn: "2029-03-09",
      birthDate: "1965-03-10",
      firstName: "WILLEKE LISELOTTE",
      lastName: "DE BRUIJN",
    });
    expect(Object.keys(result).sort()).toEqual(RESULT_KEYS);
    expect(JSON.stringify(result)).not.toContain(BSN);
  });

  it("reads a Dutch passport and never returns the BSN in its personal number", () => {
    const result = parseMrz(NL_PASSPORT.join("\n"), TODAY);
    expect(result).toMatchObject({
      ok: true,
      documentType: "PASSPORT",
      documentNumber: "SPECI2014",
      issuingState: "NLD",
    });
    expect(Object.keys(result).sort()).toEqual(RESULT_KEYS);
    expect(JSON.stringify(result)).not.toContain(BSN);
  });

  it("logs nothing, valid or not", () => {
    const spies = (["log", "info", "warn", "error", "debug"] as const).map((m) =>
      vi.spyOn(console, m).mockImplementation(() => {}),
    );
    parseMrz(NL_ID.join("\n"), TODAY);
    parseMrz(tamperMrz(NL_ID, 1, 29, "0").join("\n"), TODAY);
    parseMrz("garbage", TODAY);
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });

  it("accepts the lines concatenated, separated by CR, LF or CRLF, in lower case and with spaces", () => {
    const expected = parseMrz(NL_ID.join("\n"), TODAY);
    expect(expected.ok).toBe(true);
    expect(parseMrz(NL_ID.join(""), TODAY)).toEqual(expected);
    expect(parseMrz(NL_ID.join("\r"), TODAY)).toEqual(expected);
    expect(parseMrz(`${NL_ID.join("\r\n")}\r\n`, TODAY)).toEqual(expected);
    expect(parseMrz(`  ${NL_ID.join("\n").toLowerCase()}  `, TODAY)).toEqual(expected);
    expect(parseMrz(NL_ID.map((l) => `${l.slice(0, 10)} ${l.slice(10)}`).join("\n"), TODAY)).toEqual(expected);
    expect(parseMrz(NL_PASSPORT.join("").toLowerCase(), TODAY).ok).toBe(true);
  });

  it("tolerates a reader that drops the trailing fillers of the name line", () => {
    const lines = [NL_ID[0], NL_ID[1], NL_ID[2].replace(/<+$/, "")];
    expect(parseMrz(lines.join("\n"), TODAY)).toMatchObject({ ok: true, lastName: "DE BRUIJN" });
  });

  it("refuses any wrong check digit", () => {
    // TD1: document number (line 1, col 14), birth (line 2, col 6), expiry (col 14), composite (col 29).
    for (const [line, col] of [
      [0, 14],
      [1, 6],
      [1, 14],
      [1, 29],
    ]) {
      const wrong = String((Number(NL_ID[line][col]) + 1) % 10);
      expect(parseMrz(tamperMrz(NL_ID, line, col, wrong).join("\n"), TODAY)).toEqual({
        ok: false,
        reason: "check_digits",
      });
    }
    // TD3: document number, birth, expiry, personal number, composite.
    for (const col of [9, 19, 27, 42, 43]) {
      const wrong = String((Number(NL_PASSPORT[1][col]) + 1) % 10);
      expect(parseMrz(tamperMrz(NL_PASSPORT, 1, col, wrong).join("\n"), TODAY)).toEqual({
        ok: false,
        reason: "check_digits",
      });
    }
  });

  it("refuses a misread field that its check digit catches (e.g. O for 0 in the BSN)", () => {
    const misread = tamperMrz(NL_ID, 0, 23, "O"); // last digit of the optional data: only the composite covers it
    expect(parseMrz(misread.join("\n"), TODAY)).toEqual({ ok: false, reason: "check_digits" });
    expect(parseMrz(tamperMrz(NL_ID, 0, 6, "Q").join("\n"), TODAY)).toEqual({ ok: false, reason: "check_digits" });
  });

  it("refuses an expired document, but not on its last day", () => {
    expect(parseMrz(ICAO_TD3.join("\n"), "2012-04-15").ok).toBe(true);
    expect(parseMrz(ICAO_TD3.join("\n"), "2012-04-16")).toEqual({ ok: false, reason: "expired" });
    expect(parseMrz(NL_ID.join("\n"), "2029-03-10")).toEqual({ ok: false, reason: "expired" });
    expect(parseMrz(NL_ID.join("\n"), "2029-03-09").ok).toBe(true);
  });

  it("puts birth dates in the past and expiry dates in the near future", () => {
    const child = td1({ state: "NLD", number: "SPECI2020", birth: "200229", expiry: "300228", names: "JANSEN<<EVA" });
    expect(parseMrz(child.join("\n"), TODAY)).toMatchObject({
      ok: true,
      birthDate: "2020-02-29",
      expiresOn: "2030-02-28",
    });
    const old = td3({ state: "NLD", names: "BAKKER<<JAN", number: "SPECI1934", birth: "340101", expiry: "310101" });
    expect(parseMrz(old.join("\n"), TODAY)).toMatchObject({
      ok: true,
      birthDate: "1934-01-01",
      expiresOn: "2031-01-01",
    });
  });

  it("accepts a document whose day and month of birth are unknown, without a birth date", () => {
    const lines = td1({ state: "NLD", number: "SPECI2021", birth: "85<<<<", expiry: "300101", names: "AHMADI<<MINA" });
    expect(parseMrz(lines.join("\n"), TODAY)).toMatchObject({ ok: true, birthDate: null, lastName: "AHMADI" });
  });

  it("reads a TD1 document number longer than 9 characters from the optional data", () => {
    const lines = td1({ state: "PRT", number: "D23145890123", birth: "740812", expiry: "300415", names: "SILVA<<ANA" });
    expect(lines[0][14]).toBe("<");
    expect(parseMrz(lines.join("\n"), TODAY)).toMatchObject({ ok: true, documentNumber: "D23145890123" });
    expect(parseMrz(tamperMrz(lines, 0, 18, "0").join("\n"), TODAY)).toEqual({ ok: false, reason: "check_digits" });
  });

  it("handles a one-letter issuing state (Germany: D<<)", () => {
    const lines = td3({
      state: "D<<",
      names: "MUSTERMANN<<ERIKA",
      number: "C01X00T47",
      birth: "640812",
      expiry: "310731",
    });
    expect(parseMrz(lines.join("\n"), TODAY)).toMatchObject({ ok: true, issuingState: "D", lastName: "MUSTERMANN" });
  });

  it("calls anything else unreadable", () => {
    for (const text of [
      "",
      "hello",
      "PI1.appointment.nonce12345.20261128.abcdefghijklmnopqrstuv",
      NL_ID.slice(0, 2).join("\n"), // a line missing
      NL_ID.join("\n").replace("<", "#"),
      `${NL_ID[0]}\n${NL_ID[1]}\n${NL_ID[2]}\n${NL_ID[2]}`,
      `V${ICAO_TD3.join("").slice(1)}`, // a visa, not a passport
      "I".repeat(72), // TD2 is not supported
      NL_ID.join("\n").replace("290309", "291309"), // month 13 (check digits recomputed below)
    ]) {
      expect(parseMrz(text, TODAY)).toMatchObject({ ok: false });
    }
    const badDate = td1({ state: "NLD", number: "SPECI2014", birth: "651310", expiry: "290309", names: "X<<Y" });
    expect(parseMrz(badDate.join("\n"), TODAY)).toEqual({ ok: false, reason: "unreadable" });
    expect(parseMrz(NL_ID.join("\n"), "28-11-2026")).toEqual({ ok: false, reason: "unreadable" });
    expect(parseMrz(`${NL_ID.join("\n")}x`.repeat(10), TODAY)).toEqual({ ok: false, reason: "unreadable" });
  });

  it("never throws and never accepts random text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), (text) => {
        expect(parseMrz(text, TODAY).ok).toBe(false);
      }),
    );
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z0-9<]{90}$/), (text) => {
        expect(() => parseMrz(text, TODAY)).not.toThrow();
      }),
    );
  });

  it("never returns any part of the optional data, whatever it holds", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{9}$/), fc.stringMatching(/^[A-Z0-9]{0,11}$/), (bsn, extra) => {
        const card = td1({
          state: "NLD",
          number: "SPECI2014",
          optional1: bsn,
          optional2: extra,
          birth: "650310",
          expiry: "290309",
          names: "DE<BRUIJN<<WILLEKE",
        });
        const passport = td3({
          state: "NLD",
          names: "DE<BRUIJN<<WILLEKE",
          number: "SPECI2014",
          birth: "650310",
          expiry: "290309",
          personal: bsn,
        });
        for (const lines of [card, passport]) {
          const result = parseMrz(lines.join("\n"), TODAY);
          expect(result.ok).toBe(true);
          expect(Object.keys(result).sort()).toEqual(RESULT_KEYS);
          expect(JSON.stringify(result)).not.toContain(bsn);
        }
      }),
    );
  });
});

describe("documentHashKey", () => {
  it("normalises case, spaces, dashes and fillers, and includes the issuing state", () => {
    expect(documentHashKey("SPECI2014", "NLD")).toBe(documentHashKey(" speci-2014 ", "nld"));
    expect(documentHashKey("SPECI2014", "NLD")).toBe(documentHashKey("SPECI2014<", "NLD"));
    expect(documentHashKey("SPECI2014", "NLD")).not.toBe(documentHashKey("SPECI2014", "BEL"));
    expect(documentHashKey("SPECI2014", "D<<")).toBe(documentHashKey("SPECI2014", "D"));
  });

  it("matches what parseMrz returns for the same document", () => {
    const result = parseMrz(NL_ID.join("\n"), TODAY);
    if (!result.ok) throw new Error("expected a valid document");
    expect(documentHashKey(result.documentNumber, result.issuingState)).toBe(documentHashKey("speci2014", "NLD"));
  });
});
