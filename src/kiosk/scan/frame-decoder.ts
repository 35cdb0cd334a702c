// Main-thread side of the decoder worker: one frame in flight at a time, results as promises.
import { DEFAULT_ENGINE, type DecodeResult, type EngineName, type Frame } from "./engine";
import type { WorkerRequest, WorkerResponse } from "./protocol";

/** Where the self-hosted zxing-wasm reader binary is served (public/scan/, copied from the package). */
export const DEFAULT_WASM_URL = "/scan/zxing_reader.wasm";

export interface FrameDecoder {
  /** Decodes one frame (an ImageBitmap is transferred to the worker and closed there). */
  decode(source: ImageBitmap | Frame): Promise<DecodeResult | null>;
  /** The engine in use once loaded (zxing-js when zxing-wasm could not load). */
  readonly ready: Promise<{ engine: EngineName; fallbackReason?: string }>;
  /** ms the worker spent on the last frame. */
  readonly lastMs: number;
  terminate(): void;
}

export interface FrameDecoderOptions {
  engine?: EngineName;
  wasmUrl?: string;
}

export function createFrameDecoder(options: FrameDecoderOptions = {}): FrameDecoder {
  // The literal `new Worker(new URL(…, import.meta.url))` form is what lets Next bundle the worker.
  const worker = new Worker(new URL("./decode-worker.ts", import.meta.url), { type: "module", name: "portier-scan" });
  const pending = new Map<number, { resolve: (r: DecodeResult | null) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let lastMs = 0;
  let resolveReady: (value: { engine: EngineName; fallbackReason?: string }) => void = () => {};
  let rejectReady: (error: Error) => void = () => {};
  const ready = new Promise<{ engine: EngineName; fallbackReason?: string }>((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  ready.catch(() => {}); // observed by whoever awaits it

  worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
    const message = event.data;
    if (message.type === "ready") {
      resolveReady({ engine: message.engine, fallbackReason: message.fallbackReason });
    } else if (message.type === "result") {
      lastMs = message.ms;
      pending.get(message.id)?.resolve(message.result);
      pending.delete(message.id);
    } else if (message.type === "error" && message.id !== undefined) {
      pending.get(message.id)?.reject(new Error(message.message));
      pending.delete(message.id);
    }
  };
  worker.onerror = (event) => {
    const error = new Error(`decoder worker failed: ${event.message ?? "unknown error"}`);
    rejectReady(error);
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };

  const init: WorkerRequest = {
    type: "init",
    engine: options.engine ?? DEFAULT_ENGINE,
    wasmUrl: new URL(options.wasmUrl ?? DEFAULT_WASM_URL, location.href).href,
  };
  worker.postMessage(init);

  return {
    ready,
    get lastMs() {
      return lastMs;
    },
    decode(source) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        if ("close" in source) {
          const request: WorkerRequest = { type: "decode", id, bitmap: source };
          worker.postMessage(request, [source]);
        } else {
          const request: WorkerRequest = { type: "decode", id, frame: source };
          worker.postMessage(request, [source.data.buffer]);
        }
      });
    },
    terminate() {
      worker.terminate();
      const error = new Error("decoder stopped");
      for (const p of pending.values()) p.reject(error);
      pending.clear();
    },
  };
}
