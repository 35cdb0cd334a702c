// Barcodes Portier prints: the invite and pass QR codes (matrix from @zxing/library's encoder) and
// the pass's Code 128 (encoded here: @zxing/library 0.23 reads Code 128 but has no writer, and a
// second barcode package for ~40 lines was not worth it; tests decode what we draw with zxing's reader).
// Pure: the PDF and SVG renderers draw the modules themselves, so no image library is needed.

import type { EncodeHintType } from "@zxing/library";
import * as zxingNamespace from "@zxing/library";

// @zxing/library ships CommonJS to Node (no named ESM exports there) and ES modules to bundlers.
type ZXing = typeof zxingNamespace;
const zxing: ZXing = (zxingNamespace as ZXing & { default?: ZXing }).default ?? zxingNamespace;

/** A QR code as a square of modules; `dark(x, y)` for 0 ≤ x, y < size. Quiet zone not included. */
export interface QrMatrix {
  size: number;
  dark(x: number, y: number): boolean;
}

/** The QR matrix for a text (error correction M: still reads on a creased or slightly smudged letter). */
export function qrMatrix(text: string): QrMatrix {
  const hints = new Map<EncodeHintType, unknown>([[zxing.EncodeHintType.CHARACTER_SET, "UTF-8"]]);
  const matrix = zxing.QRCodeEncoder.encode(text, zxing.QRCodeDecoderErrorCorrectionLevel.M, hints).getMatrix();
  return { size: matrix.getWidth(), dark: (x, y) => matrix.get(x, y) === 1 };
}

/** Modules of white around a QR code that scanners need (the standard asks for 4). */
export const QR_QUIET_ZONE = 4;

/** A QR code as a standalone SVG (one path, crisp at any size). */
export function qrSvg(text: string, title: string, modulePx = 8): string {
  const m = qrMatrix(text);
  const total = m.size + 2 * QR_QUIET_ZONE;
  let d = "";
  for (let y = 0; y < m.size; y++) {
    for (let x = 0; x < m.size; x++) {
      if (m.dark(x, y)) d += `M${x + QR_QUIET_ZONE} ${y + QR_QUIET_ZONE}h1v1h-1z`;
    }
  }
  const px = total * modulePx;
  const esc = title.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${px}" height="${px}" viewBox="0 0 ${total} ${total}" ` +
    `shape-rendering="crispEdges" role="img" aria-label="${esc}"><title>${esc}</title>` +
    `<rect width="${total}" height="${total}" fill="#fff"/><path d="${d}" fill="#000"/></svg>`
  );
}

// Code 128 symbol widths (bar, space, bar, space, bar, space), values 0–105 plus the stop (106,
// which has a seventh, final bar). The standard's table, as in zxing's Code128Reader.
const CODE128 =
  "212222 222122 222221 121223 121322 131222 122213 122312 132212 221213 221312 231212 112232 122132 122231 113222 " +
  "123122 123221 223211 221132 221231 213212 223112 312131 311222 321122 321221 312212 322112 322211 212123 212321 " +
  "232121 111323 131123 131321 112313 132113 132311 211313 231113 231311 112133 112331 132131 113123 113321 133121 " +
  "313121 211331 231131 213113 213311 213131 311123 311321 331121 312113 312311 332111 314111 221411 431111 111224 " +
  "111422 121124 121421 141122 141221 112214 112412 122114 122411 142112 142211 241211 221114 413111 241112 134111 " +
  "111242 121142 121241 114212 124112 124211 411212 421112 421211 212141 214121 412121 111143 111341 131141 114113 " +
  "114311 411113 411311 113141 114131 311141 411131 211412 211214 211232 2331112";
const PATTERNS = CODE128.split(" ");
const START_B = 104;
const STOP = 106;

/**
 * Code 128 (code set B) as module widths, alternating bar and space and starting with a bar; no
 * quiet zone. Accepts printable ASCII only (a pass id is `PP1.` + capitals and digits).
 */
export function code128Widths(text: string): number[] {
  if (!/^[\x20-\x7e]+$/.test(text)) throw new Error("Code 128 B encodes printable ASCII only");
  const values = [START_B, ...[...text].map((ch) => ch.charCodeAt(0) - 32)];
  const checksum = values.reduce((sum, v, i) => sum + v * Math.max(i, 1), 0) % 103;
  return [...values, checksum, STOP].flatMap((v) => [...PATTERNS[v]].map(Number));
}

/** Modules of white before and after a Code 128 (the standard asks for at least 10). */
export const CODE128_QUIET_ZONE = 10;
