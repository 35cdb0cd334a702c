// NL / EU / non-EU from an ICAO issuing-state code, for minimal registration.
const EU = new Set([
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
  "D",
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
]);

export function nationalityGroupOf(issuingState: string): "NL" | "EU" | "NON_EU" {
  const s = issuingState.replace(/</g, "").toUpperCase();
  if (s === "NLD") return "NL";
  return EU.has(s) ? "EU" : "NON_EU";
}
