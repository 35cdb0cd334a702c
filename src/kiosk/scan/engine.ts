// The kiosk's barcode decoders, behind one small interface, in their real kiosk configuration:
// QR Code (invites, passes), Code 128 (printed passes, badges) and PDF417 only.
//
// - "zxing-wasm" (default; faster, see bench/RESULTS.md): ZXing-C++ compiled to WebAssembly, the
//   reader-only build. Its .wasm is always loaded from our own origin or from disk: never from
//   the CDN that zxing-wasm defaults to.
// - "zxing-js" (@zxing/library, pure TypeScript): the fallback when WebAssembly cannot load
//   (engine-zxing-js.ts, loaded only when needed).
//
// Runs in the decoder Web Worker and in Node (bench, tests). No DOM, no Node APIs.
import type { ReaderOptions } from "zxing-wasm/reader";

export type EngineName = "zxing-wasm" | "zxing-js";
export const DEFAULT_ENGINE: EngineName = "zxing-wasm";

export type ScanFormat = "QRCode" | "Code128" | "PDF417";

/** RGBA pixels, as a canvas's getImageData gives them (4 bytes a pixel). */
export interface Frame {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

export interface DecodeResult {
  text: string;
  format: ScanFormat;
}

export interface DecodeEngine {
  readonly name: EngineName;
  /** The first code found in the frame, or null. Never throws for a frame without a code. */
  decode(frame: Frame): Promise<DecodeResult | null>;
}

/**
 * zxing-wasm's options at the kiosk, chosen with bench/decode.bench.ts: without tryHarder and
 * tryRotate a frame costs about a third of the library defaults (most of all the frame without a
 * code, the common case), while QR codes still read from ~2.2 px a module at any angle. Given up:
 * Code 128 held more than ~10° off level or upright (hold a printed pass level), and QR codes
 * under ~2 px a module. tryDownscale stays on: it reads codes held close to the camera in poor
 * light. tryInvert is off: our codes are dark on light. One code a frame is enough.
 */
export const WASM_READER_OPTIONS: ReaderOptions = {
  formats: ["QRCode", "Code128", "PDF417"],
  tryHarder: false,
  tryRotate: false,
  tryInvert: false,
  tryDownscale: true,
  maxNumberOfSymbols: 1,
};

/**
 * PDF417 is the costliest of the three to look for and the rarest at this kiosk (invites and
 * passes are QR codes): the kiosk engine looks for it in every 3rd frame only (at 8 fps, within
 * 0.4 s), for QR and Code 128 in every frame.
 */
export const PDF417_EVERY_NTH_FRAME = 3;

export interface WasmEngineOptions {
  /** URL of zxing_reader.wasm on our origin (browser), e.g. "/scan/zxing_reader.wasm". */
  wasmUrl?: string;
  /** The .wasm's bytes (Node: read from node_modules/zxing-wasm/dist/reader/). */
  wasmBinary?: ArrayBuffer;
  /** Fixed options for every frame (the bench's comparisons); default: the kiosk's, with PDF417 every 3rd frame. */
  readerOptions?: ReaderOptions;
}

const WASM_FORMATS: Record<string, ScanFormat> = { QRCode: "QRCode", Code128: "Code128", PDF417: "PDF417" };

/** Loads and instantiates zxing-wasm's reader; rejects if the .wasm cannot be loaded. */
export async function createWasmEngine(options: WasmEngineOptions): Promise<DecodeEngine> {
  if (!options.wasmUrl && !options.wasmBinary)
    throw new Error("zxing-wasm needs wasmUrl or wasmBinary (never its CDN)");
  const { prepareZXingModule, readBarcodes } = await import("zxing-wasm/reader");
  const wasmUrl = options.wasmUrl;
  await prepareZXingModule({
    overrides: options.wasmBinary
      ? { wasmBinary: options.wasmBinary, locateFile: (path: string, prefix: string) => prefix + path }
      : {
          locateFile: (path: string, prefix: string) => (path.endsWith(".wasm") ? (wasmUrl as string) : prefix + path),
        },
    fireImmediately: true,
  });
  const everyFrame: ReaderOptions = options.readerOptions ?? {
    ...WASM_READER_OPTIONS,
    formats: WASM_READER_OPTIONS.formats?.filter((f) => f !== "PDF417"),
  };
  const withPdf417 = options.readerOptions ?? WASM_READER_OPTIONS;
  let frames = 0;
  return {
    name: "zxing-wasm",
    async decode(frame) {
      frames = (frames + 1) % PDF417_EVERY_NTH_FRAME;
      const results = await readBarcodes(frame as ImageData, frames === 0 ? withPdf417 : everyFrame);
      for (const r of results) {
        const format = WASM_FORMATS[r.format];
        if (r.isValid && format && r.text) return { text: r.text, format };
      }
      return null;
    },
  };
}
