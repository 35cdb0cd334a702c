// The camera's MRZ reader (browser only): looks at a camera frame for a machine-readable zone and,
// when it sees one, reads it with Tesseract (tesseract.js: WebAssembly in its own Web Worker), then
// repairs and verifies it with the check digits (repair.ts). Used by camera-scanner.tsx.
//
// - Everything runs in the browser, from our own origin (/scan/ocr/, see assets.ts): no CDN, and
//   no image ever leaves the device or is kept. A frame's pixels live for one pass only: they are
//   zeroed once looked at, the OCR worker's input file is removed after each pass, and both
//   workers end with the scanner.
// - Off the main thread: the main thread only cuts the search area out of the video frame
//   (createImageBitmap); prepare-worker.ts looks for MRZ-like text (a few ms; most frames show
//   none and go no further) and the OCR worker reads it.
// - Tesseract and its model (~6 MB) load the first time a frame shows MRZ-like text (or at once
//   with `preload`); a kiosk that never sees a document never loads them.
// - A read that needed guessing (edits > 0) is only reported once a second pass gives the same text;
//   by default every read is confirmed so (`confirmations: 2`): names and country codes have no
//   check digit, and a misread there differs from frame to frame more often than not.
import { coreFile, DEFAULT_OCR_BASE } from "./assets";
import { DEFAULT_SEARCH_AREA, type PreparedMrz, prepareMrz, type SearchArea, searchRect } from "./image";
import type { PrepareRequest, PrepareResponse } from "./prepare-worker";
import { repairMrz } from "./repair";

export interface MrzReaderOptions {
  /** Where the OCR files are served (default /scan/ocr/, our own origin). */
  basePath?: string;
  /** Part of the frame searched (default: the viewfinder's lower part, see image.ts). */
  area?: SearchArea;
  /** Guessed edits allowed (repair.ts; default 2). */
  maxEdits?: number;
  /** Identical reads needed before one is reported: 1 or 2 (default 2; guessed reads always need 2). */
  confirmations?: 1 | 2;
  /** How long a read waits for its confirming read (default 8 s). */
  confirmWithinMs?: number;
  /** Load the OCR engine at once instead of when a frame first shows MRZ-like text. */
  preload?: boolean;
  /** After a read, frames are not looked at for this long (default 3 s: the scanner's repeat window). */
  restAfterReadMs?: number;
}

export interface MrzPassInfo {
  /** "none": no MRZ-like text (no OCR); "loading": the engine is not loaded yet; "unreadable": no valid MRZ. */
  outcome: "none" | "loading" | "unreadable" | "pending" | "read";
  /** ms the preparation worker spent on the frame. */
  prepareMs: number;
  /** ms of OCR (0 when none ran). */
  ocrMs: number;
}

export interface MrzReader {
  /**
   * One pass over the current video frame. Resolves with the MRZ (lines joined by "\n") once read,
   * verified and confirmed, else null. Resolves null at once while a pass is running.
   */
  read(video: HTMLVideoElement): Promise<string | null>;
  readonly busy: boolean;
  /** Resolves when the OCR engine is loaded; rejects if it cannot be. */
  readonly ready: Promise<void>;
  /** The last pass, for diagnostics. */
  readonly last: MrzPassInfo | null;
  /** Forgets a read waiting for confirmation (e.g. when the kiosk resets). */
  reset(): void;
  terminate(): void;
}

const WHITELIST = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<";

interface OcrWorker {
  recognize(image: Uint8Array): Promise<{ data: { text: string } }>;
  FS(method: string, args: unknown[]): Promise<unknown>;
  terminate(): Promise<unknown>;
}

async function loadOcr(basePath: string): Promise<OcrWorker> {
  const { createWorker, OEM, PSM } = await import("tesseract.js");
  const base = new URL(basePath, location.href).href;
  const worker = await createWorker(
    "eng",
    OEM.LSTM_ONLY,
    {
      // All three on our origin: tesseract.js would otherwise fetch them from a CDN.
      workerPath: `${base}worker.min.js`,
      corePath: `${base}${coreFile()}`,
      langPath: base.replace(/\/$/, ""),
      workerBlobURL: false,
      gzip: true,
      // The model is cached by HTTP, not copied into IndexedDB.
      cacheMethod: "none",
    },
    // The MRZ is not words: no dictionaries.
    { load_system_dawg: "0", load_freq_dawg: "0" },
  );
  await worker.setParameters({ tessedit_char_whitelist: WHITELIST, tessedit_pageseg_mode: PSM.SINGLE_BLOCK });
  return worker as unknown as OcrWorker;
}

/** Prepares frames in prepare-worker.ts; on the main thread where workers have no OffscreenCanvas. */
function createPreparer(): {
  prepare(bitmap: ImageBitmap): Promise<{ prepared: PreparedMrz | null; ms: number }>;
  terminate(): void;
} {
  if (typeof OffscreenCanvas === "undefined") {
    const canvas = document.createElement("canvas");
    return {
      async prepare(bitmap) {
        const started = performance.now();
        canvas.width = bitmap.width;
        canvas.height = bitmap.height;
        const context = canvas.getContext("2d", { willReadFrequently: true });
        if (!context) throw new Error("no 2d context");
        context.drawImage(bitmap, 0, 0);
        bitmap.close();
        const pixels = context.getImageData(0, 0, canvas.width, canvas.height);
        context.clearRect(0, 0, canvas.width, canvas.height);
        const prepared = prepareMrz(pixels, { left: 0, top: 0, right: 1, bottom: 1 });
        pixels.data.fill(0);
        return { prepared, ms: performance.now() - started };
      },
      terminate() {
        canvas.width = 0;
      },
    };
  }
  // The literal `new Worker(new URL(…, import.meta.url))` form is what lets Next bundle the worker.
  const worker = new Worker(new URL("./prepare-worker.ts", import.meta.url), { type: "module", name: "portier-mrz" });
  const pending = new Map<
    number,
    { resolve: (r: { prepared: PreparedMrz | null; ms: number }) => void; reject: (e: Error) => void }
  >();
  let nextId = 1;
  worker.onmessage = (event: MessageEvent<PrepareResponse>) => {
    const message = event.data;
    const waiting = pending.get(message.id);
    pending.delete(message.id);
    if ("error" in message) waiting?.reject(new Error(message.error));
    else waiting?.resolve({ prepared: message.prepared, ms: message.ms });
  };
  worker.onerror = (event) => {
    const error = new Error(`MRZ worker failed: ${event.message ?? "unknown error"}`);
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  return {
    prepare(bitmap) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, bitmap } satisfies PrepareRequest, [bitmap]);
      });
    },
    terminate() {
      worker.terminate();
      for (const p of pending.values()) p.reject(new Error("MRZ reader stopped"));
      pending.clear();
    },
  };
}

export function createMrzReader(options: MrzReaderOptions = {}): MrzReader {
  const basePath = options.basePath ?? DEFAULT_OCR_BASE;
  const area = options.area ?? DEFAULT_SEARCH_AREA;
  const confirmations = options.confirmations ?? 2;
  const confirmWithinMs = options.confirmWithinMs ?? 8000;
  let preparer: ReturnType<typeof createPreparer> | null = null;
  let engine: Promise<OcrWorker> | null = null;
  let ocr: OcrWorker | null = null;
  let stopped = false;
  let busy = false;
  let last: MrzPassInfo | null = null;
  let candidate: { text: string; at: number } | null = null;
  let restUntil = 0;
  let resolveReady: () => void = () => {};
  let rejectReady: (e: unknown) => void = () => {};
  const ready = new Promise<void>((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  ready.catch(() => {});

  const load = () => {
    engine ??= loadOcr(basePath).then(
      (worker) => {
        if (stopped) {
          worker.terminate().catch(() => {});
        } else {
          ocr = worker;
          resolveReady();
        }
        return worker;
      },
      (error) => {
        rejectReady(error);
        throw error;
      },
    );
    engine.catch(() => {});
  };
  if (options.preload) load();

  /** A read is reported when it needs no confirming, or matches the previous one. */
  const confirm = (text: string, edits: number, now: number): string | null => {
    if (edits === 0 && confirmations === 1) return text;
    if (candidate && candidate.text === text && now - candidate.at < confirmWithinMs) {
      candidate = null;
      return text;
    }
    candidate = { text, at: now };
    return null;
  };

  return {
    get busy() {
      return busy;
    },
    get last() {
      return last;
    },
    ready,
    async read(video) {
      if (stopped || busy || video.videoWidth === 0 || performance.now() < restUntil) return null;
      busy = true;
      let pgm: Uint8Array | null = null;
      try {
        const rect = searchRect(video.videoWidth, video.videoHeight, area);
        const bitmap = await createImageBitmap(video, rect.x, rect.y, rect.width, rect.height);
        preparer ??= createPreparer();
        const { prepared, ms: prepareMs } = await preparer.prepare(bitmap);
        if (!prepared) {
          last = { outcome: "none", prepareMs, ocrMs: 0 };
          return null;
        }
        pgm = prepared.pgm;
        if (!ocr) {
          load();
          last = { outcome: "loading", prepareMs, ocrMs: 0 };
          return null;
        }
        const ocrStarted = performance.now();
        const { data } = await ocr.recognize(pgm);
        const ocrMs = performance.now() - ocrStarted;
        ocr.FS("unlink", ["/input"]).catch(() => {});
        if (stopped) return null;
        const repaired = repairMrz(data.text, { maxEdits: options.maxEdits });
        const text = repaired ? confirm(repaired.text, repaired.edits, performance.now()) : null;
        last = { outcome: text ? "read" : repaired ? "pending" : "unreadable", prepareMs, ocrMs };
        if (text) restUntil = performance.now() + (options.restAfterReadMs ?? 3000);
        return text;
      } catch {
        return null;
      } finally {
        pgm?.fill(0);
        busy = false;
      }
    },
    reset() {
      candidate = null;
      restUntil = 0;
    },
    terminate() {
      stopped = true;
      candidate = null;
      preparer?.terminate();
      preparer = null;
      ocr?.terminate().catch(() => {});
      ocr = null;
    },
  };
}
