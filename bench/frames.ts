// Synthetic camera frames for the decoder bench: a code held up in front of the kiosk camera
// (scaled to a non-integer module size, slightly rotated, on a lit gradient, with sensor noise),
// and the common case at a kiosk, a frame with no code in view. Deterministic (seeded).
import type { EncodeHintType } from "@zxing/library";
import { zxing } from "../src/kiosk/scan/zxing-lib";

/** One-channel image: 0 = black, 255 = white. */
export interface GrayImage {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

/** A small deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A QR code rendered by @zxing/library (as the invite e-mail and the pass show it): one pixel per module. */
export function qrSymbol(text: string, quietZone = 4): GrayImage {
  const hints = new Map<EncodeHintType, unknown>([[zxing.EncodeHintType.MARGIN, quietZone]]);
  const matrix = new zxing.QRCodeWriter().encode(text, zxing.BarcodeFormat.QR_CODE, 0, 0, hints);
  const { width, height } = { width: matrix.getWidth(), height: matrix.getHeight() };
  const data = new Uint8ClampedArray(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = matrix.get(x, y) ? 0 : 255;
  return { data, width, height };
}

/**
 * Background: a lighting gradient and what a kiosk camera sees behind a visitor — soft shapes
 * (a room), striped regions (clothing, blinds: they wake the 1D decoders) and a poster with rows
 * of small dark marks (text) — plus, later, sensor noise.
 */
function background(width: number, height: number, random: () => number): Float32Array {
  const out = new Float32Array(width * height);
  const gx = 40 + random() * 60;
  const gy = 20 + random() * 40;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) out[y * width + x] = 70 + (gx * x) / width + (gy * y) / height;
  }
  const rect = (minW: number, maxW: number, minH: number, maxH: number) => {
    const w = Math.floor(minW + random() * (maxW - minW));
    const h = Math.floor(minH + random() * (maxH - minH));
    return { w, h, x0: Math.floor(random() * (width - w)), y0: Math.floor(random() * (height - h)) };
  };
  for (let i = 0; i < 6; i++) {
    const { w, h, x0, y0 } = rect(60, 360, 60, 360);
    const shade = (random() - 0.5) * 70;
    for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++) out[y * width + x] += shade;
  }
  for (let i = 0; i < 3; i++) {
    const { w, h, x0, y0 } = rect(80, 300, 80, 300);
    const period = 4 + random() * 20;
    const angle = random() * Math.PI;
    const [cx, cy] = [Math.cos(angle), Math.sin(angle)];
    const amplitude = 15 + random() * 25;
    for (let y = y0; y < y0 + h; y++) {
      for (let x = x0; x < x0 + w; x++)
        out[y * width + x] += ((x * cx + y * cy) % period < period / 2 ? 1 : -1) * amplitude;
    }
  }
  const poster = rect(160, 320, 120, 240);
  for (let y = poster.y0; y < poster.y0 + poster.h; y++) {
    for (let x = poster.x0; x < poster.x0 + poster.w; x++) out[y * width + x] = 200;
  }
  for (let row = poster.y0 + 10; row + 8 < poster.y0 + poster.h - 10; row += 14) {
    for (let x = poster.x0 + 10; x + 6 < poster.x0 + poster.w - 10; x += 4 + Math.floor(random() * 6)) {
      if (random() < 0.3) continue;
      const gw = 2 + Math.floor(random() * 4);
      const gh = 5 + Math.floor(random() * 4);
      for (let y = row; y < row + gh; y++) for (let dx = 0; dx < gw; dx++) out[y * width + x + dx] = 60;
    }
  }
  return out;
}

function finish(values: Float32Array, width: number, height: number, random: () => number, noise: number) {
  const data = new Uint8ClampedArray(width * height);
  for (let i = 0; i < data.length; i++) data[i] = values[i] + (random() + random() + random() - 1.5) * noise;
  return { data, width, height };
}

export interface PlaceOptions {
  width: number;
  height: number;
  /** Frame pixels per symbol pixel (a module), non-integer on purpose. */
  scale: number;
  angleDeg: number;
  seed: number;
  noise?: number;
}

/**
 * A camera frame with `symbol` printed on paper (black ~45, white ~215), rotated by `angleDeg`
 * around a random spot near the middle, sampled bilinearly (the optics' blur), plus noise.
 */
export function frameWithSymbol(symbol: GrayImage, o: PlaceOptions): GrayImage {
  const random = rng(o.seed);
  const values = background(o.width, o.height, random);
  const w = symbol.width * o.scale;
  const h = symbol.height * o.scale;
  const cx = o.width / 2 + (random() - 0.5) * Math.max(0, o.width - w * 1.3) * 0.5;
  const cy = o.height / 2 + (random() - 0.5) * Math.max(0, o.height - h * 1.3) * 0.5;
  const a = (o.angleDeg * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const reach = Math.ceil(Math.hypot(w, h) / 2) + 2;
  const sample = (sx: number, sy: number) => {
    const cxs = Math.min(symbol.width - 1, Math.max(0, sx));
    const cys = Math.min(symbol.height - 1, Math.max(0, sy));
    return symbol.data[Math.floor(cys) * symbol.width + Math.floor(cxs)];
  };
  for (let y = Math.max(0, Math.floor(cy - reach)); y < Math.min(o.height, cy + reach); y++) {
    for (let x = Math.max(0, Math.floor(cx - reach)); x < Math.min(o.width, cx + reach); x++) {
      // Inverse rotation into the symbol's pixel space.
      const dx = x - cx;
      const dy = y - cy;
      const u = (cos * dx + sin * dy + w / 2) / o.scale - 0.5;
      const v = (-sin * dx + cos * dy + h / 2) / o.scale - 0.5;
      if (u < -0.5 || v < -0.5 || u > symbol.width - 0.5 || v > symbol.height - 0.5) continue;
      const u0 = Math.floor(u);
      const v0 = Math.floor(v);
      const fu = u - u0;
      const fv = v - v0;
      const s =
        sample(u0, v0) * (1 - fu) * (1 - fv) +
        sample(u0 + 1, v0) * fu * (1 - fv) +
        sample(u0, v0 + 1) * (1 - fu) * fv +
        sample(u0 + 1, v0 + 1) * fu * fv;
      values[y * o.width + x] = 45 + (s / 255) * 170;
    }
  }
  return finish(values, o.width, o.height, random, o.noise ?? 14);
}

/** A frame with no code in view. */
export function emptyFrame(width: number, height: number, seed: number, noise = 14): GrayImage {
  const random = rng(seed);
  return finish(background(width, height, random), width, height, random, noise);
}

/** The RGBA pixels a canvas's getImageData gives for a gray frame. */
export function toRgba(image: GrayImage): { data: Uint8ClampedArray; width: number; height: number } {
  const data = new Uint8ClampedArray(image.width * image.height * 4);
  for (let i = 0, j = 0; i < image.data.length; i++, j += 4) {
    data[j] = image.data[i];
    data[j + 1] = image.data[i];
    data[j + 2] = image.data[i];
    data[j + 3] = 255;
  }
  return { data, width: image.width, height: image.height };
}
