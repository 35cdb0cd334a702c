// Codes an MRZ may give for the issuing state or nationality (ICAO 9303 Part 3): ISO 3166-1
// alpha-3 (from Debian's iso-codes), Germany's `D`, and ICAO's codes for organisations, stateless
// persons and refugees, and the specimen state `UTO`. The camera OCR refuses a read whose code is
// not here: these fields have no check digit, and the issuing state is part of the document's
// keyed hash (ban matching).
const ISO_3166_ALPHA3 =
  "ABW AFG AGO AIA ALA ALB AND ARE ARG ARM ASM ATA ATF ATG AUS AUT AZE BDI BEL BEN BES BFA BGD BGR BHR " +
  "BHS BIH BLM BLR BLZ BMU BOL BRA BRB BRN BTN BVT BWA CAF CAN CCK CHE CHL CHN CIV CMR COD COG COK COL " +
  "COM CPV CRI CUB CUW CXR CYM CYP CZE DEU DJI DMA DNK DOM DZA ECU EGY ERI ESH ESP EST ETH FIN FJI FLK " +
  "FRA FRO FSM GAB GBR GEO GGY GHA GIB GIN GLP GMB GNB GNQ GRC GRD GRL GTM GUF GUM GUY HKG HMD HND HRV " +
  "HTI HUN IDN IMN IND IOT IRL IRN IRQ ISL ISR ITA JAM JEY JOR JPN KAZ KEN KGZ KHM KIR KNA KOR KWT LAO " +
  "LBN LBR LBY LCA LIE LKA LSO LTU LUX LVA MAC MAF MAR MCO MDA MDG MDV MEX MHL MKD MLI MLT MMR MNE MNG " +
  "MNP MOZ MRT MSR MTQ MUS MWI MYS MYT NAM NCL NER NFK NGA NIC NIU NLD NOR NPL NRU NZL OMN PAK PAN PCN " +
  "PER PHL PLW PNG POL PRI PRK PRT PRY PSE PYF QAT REU ROU RUS RWA SAU SDN SEN SGP SGS SHN SJM SLB SLE " +
  "SLV SMR SOM SPM SRB SSD STP SUR SVK SVN SWE SWZ SXM SYC SYR TCA TCD TGO THA TJK TKL TKM TLS TON TTO " +
  "TUN TUR TUV TWN TZA UGA UKR UMI URY USA UZB VAT VCT VEN VGB VIR VNM VUT WLF WSM YEM ZAF ZMB ZWE ";
const ICAO_EXTRA =
  "D GBD GBN GBO GBP GBS UNO UNA UNK EUE XBA XIM XCC XCE XCO XDC XEC XES XMP XOM XPO XXA XXB XXC XXX RKS ANT UTO";

export const ICAO_CODES: ReadonlySet<string> = new Set(
  `${ISO_3166_ALPHA3} ${ICAO_EXTRA}`.split(/\s+/).filter((code) => code.length > 0),
);

/** Whether a 3-character MRZ code field (fillers included, e.g. `D<<`) names a known state or body. */
export function isKnownMrzCode(field: string): boolean {
  return ICAO_CODES.has(field.replace(/<+$/, ""));
}
