/// <reference lib="webworker" />
// The MRZ reader's preparation worker (a module worker, bundled by Next; started by reader.ts):
// takes the search area of a camera frame as an ImageBitmap, looks for MRZ-like text and, if it is
// there, returns the levelled, scaled grey MRZ as PGM bytes for the OCR worker. Off the main
// thread so the kiosk screen stays responsive. The frame's pixels are zeroed once looked at.
import { type PreparedMrz, prepareMrz } from "./image";

export type PrepareRequest = { id: number; bitmap: ImageBitmap };
export type PrepareResponse = { id: number; prepared: PreparedMrz | null; ms: number } | { id: number; error: string };

const scope = self as unknown as DedicatedWorkerGlobalScope;
const WHOLE = { left: 0, top: 0, right: 1, bottom: 1 };
let canvas: OffscreenCanvas | null = null;
let context: OffscreenCanvasRenderingContext2D | null = null;

scope.onmessage = (event: MessageEvent<PrepareRequest>) => {
  const { id, bitmap } = event.data;
  const started = performance.now();
  try {
    if (!canvas || canvas.width !== bitmap.width || canvas.height !== bitmap.height) {
      canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      context = canvas.getContext("2d", { willReadFrequently: true });
    }
    if (!context) throw new Error("no 2d context in the worker");
    context.drawImage(bitmap, 0, 0);
    bitmap.close();
    const pixels = context.getImageData(0, 0, canvas.width, canvas.height);
    context.clearRect(0, 0, canvas.width, canvas.height);
    const prepared = prepareMrz(pixels, WHOLE);
    pixels.data.fill(0);
    const response: PrepareResponse = { id, prepared, ms: performance.now() - started };
    scope.postMessage(response, prepared ? [prepared.pgm.buffer] : []);
  } catch (error) {
    bitmap.close();
    scope.postMessage({ id, error: String(error) } satisfies PrepareResponse);
  }
};
