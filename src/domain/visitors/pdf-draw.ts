// Drawing helpers for Portier's printed documents (invite letter, client pass) on pdf-lib with its
// standard fonts: no font files to ship. Standard fonts only encode WinAnsi, so names like "Yılmaz"
// are reduced to what the font has (accents dropped where needed) instead of failing the print.
import type { PDFFont, PDFPage } from "pdf-lib";
import { PDFDocument, rgb, StandardFonts } from "pdf-lib";
import { CODE128_QUIET_ZONE, code128Widths, QR_QUIET_ZONE, qrMatrix } from "@/src/domain/visitors/barcodes";

const BLACK = rgb(0, 0, 0);

/** A4 in PDF points. */
export const A4: [number, number] = [595.28, 841.89];

/** A new one-page A4 document with Portier's metadata and its three standard fonts. */
export async function newA4Document(meta: { title: string; language: string }) {
  const doc = await PDFDocument.create();
  doc.setTitle(meta.title);
  doc.setLanguage(meta.language);
  doc.setCreator("Portier");
  doc.setProducer("Portier");
  const page = doc.addPage(A4);
  const fonts = {
    regular: await doc.embedFont(StandardFonts.Helvetica),
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
    mono: await doc.embedFont(StandardFonts.Courier),
  };
  return { doc, page, ...fonts };
}

/** The text with every character the font cannot encode replaced by its base letter, else "?". */
export function printable(font: PDFFont, text: string): string {
  const known = new Set(font.getCharacterSet());
  let out = "";
  for (const ch of text.replace(/[\r\n\t]+/g, " ")) {
    if (known.has(ch.codePointAt(0)!)) out += ch;
    else {
      const base = ch.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
      out += base === "ı" ? "i" : [...base].every((c) => known.has(c.codePointAt(0)!)) ? base : "?";
    }
  }
  return out;
}

/** Splits text into lines no wider than `width` at the font size (words longer than a line stay whole). */
export function wrap(font: PDFFont, text: string, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of printable(font, text).split("  ")) {
    let line = "";
    for (const word of paragraph.split(" ")) {
      const next = line ? `${line} ${word}` : word;
      if (line && font.widthOfTextAtSize(next, size) > width) {
        lines.push(line);
        line = word;
      } else line = next;
    }
    lines.push(line);
  }
  return lines;
}

/** Draws a QR code with its quiet zone (white) into a square of `side` points, bottom-left at (x, y). */
export function drawQr(page: PDFPage, text: string, x: number, y: number, side: number): void {
  const m = qrMatrix(text);
  const unit = side / (m.size + 2 * QR_QUIET_ZONE);
  page.drawRectangle({ x, y, width: side, height: side, color: rgb(1, 1, 1) });
  for (let row = 0; row < m.size; row++) {
    // Runs of dark modules in a row become one rectangle: fewer operators, no hairline gaps.
    let col = 0;
    while (col < m.size) {
      if (!m.dark(col, row)) {
        col++;
        continue;
      }
      const start = col;
      while (col < m.size && m.dark(col, row)) col++;
      page.drawRectangle({
        x: x + (QR_QUIET_ZONE + start) * unit,
        y: y + side - (QR_QUIET_ZONE + row + 1) * unit,
        width: (col - start) * unit,
        height: unit,
        color: BLACK,
      });
    }
  }
}

/** Draws a Code 128 barcode (quiet zones included) of `module` points per module; returns its width. */
export function drawCode128(page: PDFPage, text: string, x: number, y: number, module: number, height: number): number {
  const widths = code128Widths(text);
  let at = x + CODE128_QUIET_ZONE * module;
  widths.forEach((w, i) => {
    if (i % 2 === 0) page.drawRectangle({ x: at, y, width: w * module, height, color: BLACK });
    at += w * module;
  });
  return at + CODE128_QUIET_ZONE * module - x;
}

/** Modules a Code 128 of this text takes, quiet zones included. */
export const code128Modules = (text: string) => code128Widths(text).reduce((a, b) => a + b, 0) + 2 * CODE128_QUIET_ZONE;
