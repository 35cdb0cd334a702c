// Messages between the kiosk page and its decoder Web Worker (decode-worker.ts).
import type { DecodeResult, EngineName, Frame } from "./engine";

export type WorkerRequest =
  /** Load an engine; "zxing-wasm" falls back to "zxing-js" if its .wasm cannot be loaded. */
  | { type: "init"; engine: EngineName; wasmUrl: string }
  /** A camera frame: an ImageBitmap (transferred; the worker reads its pixels) or RGBA pixels. */
  | { type: "decode"; id: number; bitmap?: ImageBitmap; frame?: Frame };

export type WorkerResponse =
  | { type: "ready"; engine: EngineName; fallbackReason?: string }
  | { type: "result"; id: number; result: DecodeResult | null; ms: number }
  | { type: "error"; id?: number; message: string };
