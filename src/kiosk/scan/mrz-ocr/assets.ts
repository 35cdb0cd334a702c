// The OCR engine's files, served from our own origin (public/scan/ocr/ → /scan/ocr/), never from
// the CDN that tesseract.js defaults to. Copied from node_modules by sync-assets.ts.
//
// - worker.min.js: tesseract.js's Web Worker script (a classic worker).
// - tesseract-core-*-lstm.js + .wasm: Tesseract compiled to WebAssembly, LSTM engine only (the
//   legacy engine's data is 4× larger and not needed). Two builds: with SIMD (every current
//   Chromium, Firefox, Safari 16.4+) and without (older browsers); reader.ts picks one.
// - eng.traineddata.gz: the "best_int" English LSTM model (integer-quantised, the small one).
//   No MRZ/OCR-B model is published on npm; with a whitelist of A-Z 0-9 < the English model reads
//   the MRZ, and the check digits catch what it misreads (repair.ts).

export const DEFAULT_OCR_BASE = "/scan/ocr/";

export interface OcrAsset {
  /** File name in public/scan/ocr/ (and in the URL). */
  file: string;
  /** The file in node_modules it is a copy of, as a require.resolve specifier. */
  from: string;
}

export const OCR_ASSETS: readonly OcrAsset[] = [
  { file: "worker.min.js", from: "tesseract.js/dist/worker.min.js" },
  { file: "worker.min.js.LICENSE.txt", from: "tesseract.js/dist/worker.min.js.LICENSE.txt" },
  { file: "tesseract-core-simd-lstm.js", from: "tesseract.js-core/tesseract-core-simd-lstm.js" },
  { file: "tesseract-core-simd-lstm.wasm", from: "tesseract.js-core/tesseract-core-simd-lstm.wasm" },
  { file: "tesseract-core-lstm.js", from: "tesseract.js-core/tesseract-core-lstm.js" },
  { file: "tesseract-core-lstm.wasm", from: "tesseract.js-core/tesseract-core-lstm.wasm" },
  { file: "LICENSE", from: "tesseract.js-core/LICENSE" },
  { file: "eng.traineddata.gz", from: "@tesseract.js-data/eng/4.0.0_best_int/eng.traineddata.gz" },
];

/** The core build for this browser: with SIMD when WebAssembly SIMD is there (the 16-byte probe of wasm-feature-detect). */
export function coreFile(): string {
  const simdProbe = new Uint8Array([
    0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11,
  ]);
  let simd = false;
  try {
    simd = typeof WebAssembly === "object" && WebAssembly.validate(simdProbe);
  } catch {
    simd = false;
  }
  return simd ? "tesseract-core-simd-lstm.js" : "tesseract-core-lstm.js";
}
