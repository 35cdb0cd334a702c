import { describe, expect, it } from "vitest";
import { nationalityGroupOf } from "@/src/domain/visits/nationality-group";

// The 27 EU member states (ICAO codes), the Netherlands counted separately.
const EU = [
  "AUT",
  "BEL",
  "BGR",
  "HRV",
  "CYP",
  "CZE",
  "DNK",
  "EST",
  "FIN",
  "FRA",
  "DEU",
  "GRC",
  "HUN",
  "IRL",
  "ITA",
  "LVA",
  "LTU",
  "LUX",
  "MLT",
  "POL",
  "PRT",
  "ROU",
  "SVK",
  "SVN",
  "ESP",
  "SWE",
];

describe("nationalityGroupOf", () => {
  it("the Netherlands is NL", () => {
    expect(nationalityGroupOf("NLD")).toBe("NL");
    expect(nationalityGroupOf("nld")).toBe("NL");
  });

  it("every other EU member state is EU", () => {
    expect(EU).toHaveLength(26);
    for (const code of EU) expect(nationalityGroupOf(code), code).toBe("EU");
  });

  it("Germany's one-letter code, with or without fillers, is EU", () => {
    expect(nationalityGroupOf("D")).toBe("EU");
    expect(nationalityGroupOf("D<<")).toBe("EU");
  });

  it("everything else is non-EU (also EEA countries, Switzerland and the UK)", () => {
    for (const code of [
      "TUR",
      "SYR",
      "MAR",
      "ERI",
      "AFG",
      "UKR",
      "GBR",
      "NOR",
      "ISL",
      "LIE",
      "CHE",
      "USA",
      "UTO",
      "XXA",
      "",
    ]) {
      expect(nationalityGroupOf(code), code).toBe("NON_EU");
    }
  });
});
