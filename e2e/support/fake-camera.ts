// A fake camera for browser tests: Chromium plays a .y4m file as the webcam with
//   --use-fake-ui-for-media-stream --use-fake-device-for-media-stream
//   --use-file-for-fake-video-capture=<file>
// This writes such a file with a QR code (rendered by @zxing/library's QRCodeWriter) drawn into
// the luma plane, chroma neutral. Chromium loops the file. Files are large (1280×720: 1.4 MB a
// frame): generate them in the test set-up (e.g. under e2e/.tmp/), never commit them.
import fs from "node:fs";
import path from "node:path";
import type { EncodeHintType } from "@zxing/library";
import { zxing } from "../../src/kiosk/scan/zxing-lib";

export interface FakeCameraOptions {
  width?: number;
  height?: number;
  /** Frames with the code (default 4; identical, so a few suffice). */
  frames?: number;
  /** Frames with no code before them (the visitor still getting the code out). Default 0. */
  blankFrames?: number;
  fps?: number;
  /** Share of the frame height the QR code (with its quiet zone) takes. Default 0.6. */
  size?: number;
}

/** The QR code's modules: true = dark, with a 4-module quiet zone. */
function qrModules(text: string): { size: number; dark: (x: number, y: number) => boolean } {
  const hints = new Map<EncodeHintType, unknown>([[zxing.EncodeHintType.MARGIN, 4]]);
  const matrix = new zxing.QRCodeWriter().encode(text, zxing.BarcodeFormat.QR_CODE, 0, 0, hints);
  return { size: matrix.getWidth(), dark: (x, y) => matrix.get(x, y) };
}

/** Luma plane: a soft left-to-right lighting gradient, with the code on white paper in the middle. */
function lumaFrame(width: number, height: number, code: ReturnType<typeof qrModules> | null, size: number): Buffer {
  const y = Buffer.alloc(width * height);
  for (let row = 0; row < height; row++) {
    for (let col = 0; col < width; col++) y[row * width + col] = 90 + Math.round((60 * col) / width);
  }
  if (!code) return y;
  const scale = Math.max(1, Math.floor((height * size) / code.size));
  const side = code.size * scale;
  const left = Math.floor((width - side) / 2);
  const top = Math.floor((height - side) / 2);
  for (let my = 0; my < code.size; my++) {
    for (let mx = 0; mx < code.size; mx++) {
      const value = code.dark(mx, my) ? 20 : 235;
      for (let dy = 0; dy < scale; dy++)
        y.fill(
          value,
          (top + my * scale + dy) * width + left + mx * scale,
          (top + my * scale + dy) * width + left + (mx + 1) * scale,
        );
    }
  }
  return y;
}

/** Writes a .y4m (4:2:0, chroma neutral) from luma planes; returns the file's absolute path. */
export function writeLumaY4m(file: string, planes: Buffer[], width: number, height: number, fps = 10): string {
  if (width % 2 || height % 2) throw new Error("width and height must be even (4:2:0)");
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128); // U then V, neutral
  const target = path.resolve(file);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const fd = fs.openSync(target, "w");
  try {
    fs.writeSync(fd, `YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`);
    for (const plane of planes) {
      fs.writeSync(fd, "FRAME\n");
      fs.writeSync(fd, plane);
      fs.writeSync(fd, chroma);
    }
  } finally {
    fs.closeSync(fd);
  }
  return target;
}

/** Writes a .y4m (4:2:0) showing a QR code with `text`; returns the file's absolute path. */
export function writeQrY4m(file: string, text: string, options: FakeCameraOptions = {}): string {
  const { width = 640, height = 480, frames = 4, blankFrames = 0, fps = 10, size = 0.6 } = options;
  if (width % 2 || height % 2) throw new Error("width and height must be even (4:2:0)");
  const blank = lumaFrame(width, height, null, size);
  const withCode = lumaFrame(width, height, qrModules(text), size);
  const planes = [...Array<Buffer>(blankFrames).fill(blank), ...Array<Buffer>(frames).fill(withCode)];
  return writeLumaY4m(file, planes, width, height, fps);
}

/** Chromium flags that make `file` the webcam (add them to launchOptions.args). */
export function fakeCameraArgs(file: string): string[] {
  return [
    "--use-fake-ui-for-media-stream",
    "--use-fake-device-for-media-stream",
    `--use-file-for-fake-video-capture=${path.resolve(file)}`,
  ];
}
