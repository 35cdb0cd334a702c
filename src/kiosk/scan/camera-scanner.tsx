"use client";
// The kiosk camera: a live preview with a viewfinder, frames sampled at ~8 fps into the decoder
// worker, a green flash on a good read, and one onScan(text, "camera") per code (the same code
// within 3 s is one scan). Without a camera, or without permission, it renders only a small note:
// the keyboard-wedge scanner and the manual code field still work.
import { type CSSProperties, useEffect, useRef, useState } from "react";
import { createScanDebouncer } from "./debounce";
import type { EngineName, Frame } from "./engine";
import { createFrameDecoder, DEFAULT_WASM_URL, type FrameDecoder } from "./frame-decoder";
import { createMrzReader, type MrzReader, type MrzReaderOptions } from "./mrz-ocr/reader";
import { normaliseScan } from "./normalise";
import type { OnScan } from "./types";

export type CameraStatus = "starting" | "scanning" | "paused" | "denied" | "no-camera" | "unavailable" | "error";

export interface CameraScannerMessages {
  starting: string;
  hint: string;
  paused: string;
  goodRead: string;
  denied: string;
  noCamera: string;
  unavailable: string;
  error: string;
}

/** English defaults; the kiosk passes its translations. */
export const DEFAULT_CAMERA_MESSAGES: CameraScannerMessages = {
  starting: "Starting the camera…",
  hint: "Hold your code inside the frame",
  paused: "Camera paused",
  goodRead: "Code read",
  denied: "The camera may not be used. Scan your code at the scanner or type it in.",
  noCamera: "No camera found. Scan your code at the scanner or type it in.",
  unavailable: "The camera is not available here. Scan your code at the scanner or type it in.",
  error: "The camera does not work right now. Scan your code at the scanner or type it in.",
};

export interface CameraScannerProps {
  onScan: OnScan;
  /** Keeps the camera on but stops decoding (e.g. while the kiosk shows the next screen). */
  paused?: boolean;
  /** "user" (the kiosk's front camera, default) or "environment". */
  facingMode?: "user" | "environment";
  deviceId?: string;
  /** Frames decoded per second (default 8). */
  fps?: number;
  engine?: EngineName;
  wasmUrl?: string;
  /** Mirror the preview (default: for the user-facing camera), so moving the code feels natural. */
  mirror?: boolean;
  messages?: Partial<CameraScannerMessages>;
  onStatus?: (status: CameraStatus, detail?: { engine?: EngineName }) => void;
  /** Diagnostics: called for every decoded frame with the worker's time for it (read + decode). */
  onFrame?: (info: { ms: number; found: boolean }) => void;
  /**
   * Also read identity documents' machine-readable zone (OCR in the browser, see mrz-ocr/README.md):
   * default on; `false` turns it off. Options are read when the camera starts.
   */
  mrz?: boolean | MrzReaderOptions;
  className?: string;
  style?: CSSProperties;
}

const FLASH_MS = 700;
/** The MRZ reader looks at every Nth frame in which no barcode was found (at 8 fps: ~3 a second). */
const MRZ_EVERY_NTH_FRAME = 3;
const NOTE_STATUSES: CameraStatus[] = ["denied", "no-camera", "unavailable", "error"];

function statusFor(error: unknown): CameraStatus {
  const name = error instanceof DOMException || error instanceof Error ? error.name : "";
  if (name === "NotAllowedError" || name === "SecurityError" || name === "PermissionDeniedError") return "denied";
  if (name === "NotFoundError" || name === "OverconstrainedError" || name === "DevicesNotFoundError")
    return "no-camera";
  return "error";
}

/** The current video frame, as an ImageBitmap (the worker reads it) or, failing that, RGBA pixels. */
async function grab(
  video: HTMLVideoElement,
  canvas: { current: HTMLCanvasElement | null },
): Promise<ImageBitmap | Frame> {
  if (typeof createImageBitmap === "function") {
    try {
      return await createImageBitmap(video);
    } catch {
      // fall through to the canvas path
    }
  }
  canvas.current ??= document.createElement("canvas");
  const c = canvas.current;
  c.width = video.videoWidth;
  c.height = video.videoHeight;
  const context = c.getContext("2d", { willReadFrequently: true });
  if (!context) throw new Error("no 2d context");
  context.drawImage(video, 0, 0);
  return context.getImageData(0, 0, c.width, c.height);
}

export function CameraScanner({
  onScan,
  paused = false,
  facingMode = "user",
  deviceId,
  fps = 8,
  engine,
  wasmUrl = DEFAULT_WASM_URL,
  mirror,
  messages,
  onStatus,
  onFrame,
  mrz = true,
  className,
  style,
}: CameraScannerProps) {
  const text = { ...DEFAULT_CAMERA_MESSAGES, ...messages };
  const videoRef = useRef<HTMLVideoElement>(null);
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const onScanRef = useRef(onScan);
  onScanRef.current = onScan;
  const onStatusRef = useRef(onStatus);
  onStatusRef.current = onStatus;
  const onFrameRef = useRef(onFrame);
  onFrameRef.current = onFrame;
  const pausedRef = useRef(paused);
  pausedRef.current = paused;
  const mrzRef = useRef(mrz);
  mrzRef.current = mrz;
  const mrzEnabled = mrz !== false;
  const [status, setStatus] = useState<CameraStatus>("starting");
  const [engineInUse, setEngineInUse] = useState<EngineName | undefined>();
  const [flash, setFlash] = useState(false);

  useEffect(() => {
    onStatusRef.current?.(status === "scanning" && paused ? "paused" : status, { engine: engineInUse });
  }, [status, paused, engineInUse]);

  useEffect(() => {
    let stopped = false;
    let stream: MediaStream | null = null;
    let decoder: FrameDecoder | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let flashTimer: ReturnType<typeof setTimeout> | undefined;
    const debouncer = createScanDebouncer(3000);
    const interval = 1000 / Math.max(1, Math.min(30, fps));
    // The MRZ reader (camera OCR) runs beside the barcode decoder, never in its way: it is started
    // on a frame without a barcode, is not awaited, and skips frames while it is busy.
    let mrzReader: MrzReader | null = null;
    let framesWithoutCode = 0;

    const report = (text: string) => {
      if (stopped || pausedRef.current || !debouncer.accept(text, performance.now())) return;
      const clean = normaliseScan(text);
      if (!clean) return;
      setFlash(true);
      if (flashTimer) clearTimeout(flashTimer);
      flashTimer = setTimeout(() => setFlash(false), FLASH_MS);
      onScanRef.current(clean, "camera");
    };

    const loop = async () => {
      if (stopped) return;
      const started = performance.now();
      const video = videoRef.current;
      if (
        decoder &&
        video &&
        !pausedRef.current &&
        document.visibilityState === "visible" &&
        video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA &&
        video.videoWidth > 0
      ) {
        try {
          const result = await decoder.decode(await grab(video, canvasRef));
          onFrameRef.current?.({ ms: decoder.lastMs, found: result !== null });
          if (result) report(result.text);
          else if (mrzReader && ++framesWithoutCode % MRZ_EVERY_NTH_FRAME === 0 && !mrzReader.busy) {
            mrzReader.read(video).then((text) => text && report(text));
          }
        } catch {
          // a dropped frame; the next one is tried
        }
      }
      if (!stopped) timer = setTimeout(loop, Math.max(0, interval - (performance.now() - started)));
    };

    (async () => {
      if (typeof navigator === "undefined" || !navigator.mediaDevices?.getUserMedia || typeof Worker === "undefined") {
        setStatus("unavailable");
        return;
      }
      try {
        stream = await navigator.mediaDevices.getUserMedia({
          audio: false,
          video: {
            ...(deviceId ? { deviceId: { exact: deviceId } } : { facingMode: { ideal: facingMode } }),
            width: { ideal: 1280 },
            height: { ideal: 720 },
          },
        });
      } catch (error) {
        if (!stopped) setStatus(statusFor(error));
        return;
      }
      if (stopped) {
        for (const track of stream.getTracks()) track.stop();
        return;
      }
      try {
        decoder = createFrameDecoder({ engine, wasmUrl });
        if (mrzEnabled) mrzReader = createMrzReader(typeof mrzRef.current === "object" ? mrzRef.current : {});
        decoder.ready.then(
          (r) => !stopped && setEngineInUse(r.engine),
          () => !stopped && setStatus("error"),
        );
        const video = videoRef.current;
        if (!video) return;
        video.srcObject = stream;
        await video.play().catch(() => {}); // muted + playsInline: autoplay is allowed
        if (stopped) return;
        setStatus("scanning");
        loop();
      } catch {
        if (!stopped) setStatus("error");
      }
    })();

    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (flashTimer) clearTimeout(flashTimer);
      decoder?.terminate();
      mrzReader?.terminate();
      for (const track of stream?.getTracks() ?? []) track.stop();
      const video = videoRef.current;
      if (video) video.srcObject = null;
    };
  }, [facingMode, deviceId, fps, engine, wasmUrl, mrzEnabled]);

  if (NOTE_STATUSES.includes(status)) {
    return (
      <p className={className} data-testid="camera-note" data-status={status} role="status" style={{ margin: 0 }}>
        {text[status === "no-camera" ? "noCamera" : (status as "denied" | "unavailable" | "error")]}
      </p>
    );
  }

  const shownStatus: CameraStatus = status === "scanning" && paused ? "paused" : status;
  const mirrored = mirror ?? (facingMode === "user" && !deviceId);
  const accent = flash ? "#16a34a" : "#ffffff";
  const corner = (pos: CSSProperties): CSSProperties => ({
    position: "absolute",
    width: "18%",
    height: "18%",
    borderColor: accent,
    borderStyle: "solid",
    borderWidth: 0,
    transition: "border-color 120ms",
    ...pos,
  });
  return (
    <div
      className={className}
      data-testid="camera-scanner"
      data-status={shownStatus}
      data-engine={engineInUse}
      data-good-read={flash ? "true" : "false"}
      style={{
        position: "relative",
        width: "100%",
        aspectRatio: "16 / 9",
        overflow: "hidden",
        borderRadius: 12,
        background: "#111",
        ...style,
      }}
    >
      <video
        ref={videoRef}
        muted
        playsInline
        autoPlay
        style={{
          width: "100%",
          height: "100%",
          objectFit: "cover",
          transform: mirrored ? "scaleX(-1)" : undefined,
          opacity: shownStatus === "paused" ? 0.4 : 1,
        }}
      />
      <div
        data-testid="camera-viewfinder"
        aria-hidden="true"
        style={{
          position: "absolute",
          left: "50%",
          top: "50%",
          height: "70%",
          aspectRatio: "1 / 1",
          transform: "translate(-50%, -50%)",
          borderRadius: 8,
          boxShadow: "0 0 0 100vmax rgba(0, 0, 0, 0.35)",
          background: flash ? "rgba(22, 163, 74, 0.3)" : "transparent",
          transition: "background 120ms",
        }}
      >
        <span style={corner({ left: 0, top: 0, borderLeftWidth: 6, borderTopWidth: 6, borderTopLeftRadius: 8 })} />
        <span style={corner({ right: 0, top: 0, borderRightWidth: 6, borderTopWidth: 6, borderTopRightRadius: 8 })} />
        <span
          style={corner({ left: 0, bottom: 0, borderLeftWidth: 6, borderBottomWidth: 6, borderBottomLeftRadius: 8 })}
        />
        <span
          style={corner({ right: 0, bottom: 0, borderRightWidth: 6, borderBottomWidth: 6, borderBottomRightRadius: 8 })}
        />
        {flash && (
          <span
            style={{
              position: "absolute",
              inset: 0,
              display: "grid",
              placeItems: "center",
              color: "#fff",
              fontSize: "4rem",
              fontWeight: 700,
              textShadow: "0 2px 8px rgba(0,0,0,0.5)",
            }}
          >
            ✓
          </span>
        )}
      </div>
      <p
        role="status"
        data-testid="camera-status"
        style={{
          position: "absolute",
          left: 0,
          right: 0,
          bottom: 0,
          margin: 0,
          padding: "0.5rem 1rem",
          textAlign: "center",
          color: "#fff",
          background: flash ? "rgba(22, 163, 74, 0.85)" : "rgba(0, 0, 0, 0.55)",
          fontSize: "1.1rem",
        }}
      >
        {flash
          ? text.goodRead
          : shownStatus === "starting"
            ? text.starting
            : shownStatus === "paused"
              ? text.paused
              : text.hint}
      </p>
    </div>
  );
}
