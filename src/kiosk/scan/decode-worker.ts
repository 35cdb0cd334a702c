/// <reference lib="webworker" />
// The kiosk's decoder Web Worker (a module worker, bundled by Next): decodes camera frames off the
// main thread so the kiosk screen stays responsive. Started by frame-decoder.ts.
import { createWasmEngine, type DecodeEngine, type EngineName, type Frame } from "./engine";
import type { WorkerRequest, WorkerResponse } from "./protocol";

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: WorkerResponse) => scope.postMessage(message);

let engine: Promise<DecodeEngine> | null = null;
let canvas: OffscreenCanvas | null = null;
let context: OffscreenCanvasRenderingContext2D | null = null;

/** The fallback, @zxing/library, is only fetched when it is needed. */
const zxingJs = async () => (await import("./engine-zxing-js")).createZxingJsEngine();

async function load(name: EngineName, wasmUrl: string): Promise<DecodeEngine> {
  if (name === "zxing-wasm") {
    try {
      const wasm = await createWasmEngine({ wasmUrl });
      post({ type: "ready", engine: wasm.name });
      return wasm;
    } catch (error) {
      const fallback = await zxingJs();
      post({ type: "ready", engine: fallback.name, fallbackReason: String(error) });
      return fallback;
    }
  }
  const js = await zxingJs();
  post({ type: "ready", engine: js.name });
  return js;
}

function pixels(bitmap: ImageBitmap): Frame {
  if (!canvas || canvas.width !== bitmap.width || canvas.height !== bitmap.height) {
    canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    context = canvas.getContext("2d", { willReadFrequently: true });
  }
  if (!context) throw new Error("no 2d context in the worker");
  context.drawImage(bitmap, 0, 0);
  return context.getImageData(0, 0, bitmap.width, bitmap.height);
}

scope.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const message = event.data;
  if (message.type === "init") {
    engine = load(message.engine, message.wasmUrl);
    return;
  }
  if (message.type === "decode") {
    try {
      engine ??= load("zxing-wasm", "/scan/zxing_reader.wasm");
      const decoder = await engine;
      const start = performance.now();
      const frame = message.bitmap ? pixels(message.bitmap) : message.frame;
      message.bitmap?.close();
      if (!frame) throw new Error("decode request without a frame");
      const result = await decoder.decode(frame);
      post({ type: "result", id: message.id, result, ms: performance.now() - start });
    } catch (error) {
      post({ type: "error", id: message.id, message: String(error) });
    }
  }
};
