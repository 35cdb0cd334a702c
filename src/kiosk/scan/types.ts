// The one contract every scan input feeds: the camera (decoded in a Web Worker), a keyboard-wedge
// barcode scanner or document (MRZ) reader, and the kiosk's manual code field. The kiosk screen
// passes the text on to the server as it is (`{ kind: "scan", text }`); the server classifies it
// (src/domain/visits/scan-classify.ts) and verifies it. `source` is for the UI and logs only.
export type ScanSource = "camera" | "wedge" | "manual";

/** Called once per scan with normalised text (see normaliseScan). */
export type OnScan = (text: string, source: ScanSource) => void;
