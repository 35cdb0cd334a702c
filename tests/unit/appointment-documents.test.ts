// The printed documents: invite letter and client pass are real PDFs with the expected text, and
// the barcodes drawn are read back by zxing's own readers (Code 128 and QR) to the same text.
import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { renderInviteLetter } from "@/src/domain/appointments/invite-letter";
import { CODE128_QUIET_ZONE, code128Widths, QR_QUIET_ZONE, qrMatrix, qrSvg } from "@/src/domain/visitors/barcodes";
import { renderPassCard } from "@/src/domain/visitors/pass-card";
import { classifyScan, newPassId } from "@/src/domain/visits/scan-classify";
import { zxing } from "@/src/kiosk/scan/zxing-lib";
import { pdfText } from "@/tests/helpers/pdf-text";

const INVITE = "PI1.cmappt123.AbCdEfGhIjKl.20261128.abcdefghijklmnopqrstuv";

function decodeLuminance(lum: Uint8ClampedArray, width: number, height: number, format: "qr" | "code128"): string {
  const source = new zxing.RGBLuminanceSource(lum, width, height);
  const bitmap = new zxing.BinaryBitmap(new zxing.HybridBinarizer(source));
  const reader = format === "qr" ? new zxing.QRCodeReader() : new zxing.Code128Reader();
  return format === "qr"
    ? reader.decode(bitmap).getText()
    : (reader as InstanceType<typeof zxing.Code128Reader>)
        .decodeRow(height >> 1, bitmap.getBlackRow(height >> 1, new zxing.BitArray(width)), new Map())
        .getText();
}

/** Renders a QR matrix at 4 px per module (quiet zone included) and decodes it. */
function decodeQr(text: string): string {
  const m = qrMatrix(text);
  const scale = 4;
  const side = (m.size + 2 * QR_QUIET_ZONE) * scale;
  const lum = new Uint8ClampedArray(side * side).fill(255);
  for (let y = 0; y < side; y++)
    for (let x = 0; x < side; x++) {
      const mx = Math.floor(x / scale) - QR_QUIET_ZONE;
      const my = Math.floor(y / scale) - QR_QUIET_ZONE;
      if (mx >= 0 && my >= 0 && mx < m.size && my < m.size && m.dark(mx, my)) lum[y * side + x] = 0;
    }
  return decodeLuminance(lum, side, side, "qr");
}

describe("barcodes", () => {
  it("a QR code of the invite decodes to the invite", () => {
    expect(decodeQr(INVITE)).toBe(INVITE);
  });

  it("the SVG image is one path on white with a title", () => {
    const svg = qrSvg(INVITE, "QR <code>");
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain("<title>QR &lt;code&gt;</title>");
    expect(svg.match(/<path /g)).toHaveLength(1);
  });

  it("Code 128 of a new pass id is read back by zxing's Code128Reader", () => {
    const passId = newPassId();
    const widths = code128Widths(passId);
    const modules = widths.reduce((a, b) => a + b, 0) + 2 * CODE128_QUIET_ZONE;
    const scale = 3;
    const width = modules * scale;
    const height = 20;
    const row = new Uint8ClampedArray(width).fill(255);
    let at = CODE128_QUIET_ZONE * scale;
    widths.forEach((w, i) => {
      if (i % 2 === 0) row.fill(0, at, at + w * scale);
      at += w * scale;
    });
    const lum = new Uint8ClampedArray(width * height);
    for (let y = 0; y < height; y++) lum.set(row, y * width);
    expect(decodeLuminance(lum, width, height, "code128")).toBe(passId);
  });

  it("Code 128 refuses what code set B cannot encode", () => {
    expect(() => code128Widths("Zoë")).toThrow();
  });

  it("new pass ids are what the kiosk classifies as a pass", () => {
    for (let i = 0; i < 50; i++) {
      const id = newPassId();
      expect(classifyScan(id)).toEqual({ kind: "pass", passId: id });
    }
  });
});

describe("invite letter", () => {
  const base = {
    locationName: "Wijkbureau Centrum",
    deskPhone: "030 200 1000",
    timeZone: "Europe/Amsterdam",
    startsAt: new Date("2026-11-28T13:30:00Z"),
    endsAt: new Date("2026-11-28T14:15:00Z"),
    hostName: "Carlijn Bakker",
    roomName: "Spreekkamer 2",
    visitorFirstName: "Esra Yılmaz",
    invite: INVITE,
  };

  it("is a one-page A4 PDF in Dutch with place, date, local time, host, room and the code", async () => {
    const pdf = await renderInviteLetter({ ...base, language: "nl" });
    expect(Buffer.from(pdf.slice(0, 5)).toString()).toBe("%PDF-");
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBe(1);
    expect(Math.round(doc.getPage(0).getWidth())).toBe(595);
    const text = pdfText(pdf);
    expect(text).toContain("Wijkbureau Centrum");
    expect(text).toContain("zaterdag 28 november 2026");
    expect(text).toMatch(/14:30 . 15:15/); // Amsterdam time, not UTC
    expect(text).toContain("Carlijn Bakker");
    expect(text).toContain("Spreekkamer 2");
    expect(text).toContain("Beste Esra Yilmaz,"); // a letter the font lacks is printed without its dot
    expect(text).toContain(INVITE);
    expect(text).toContain("030 200 1000");
  });

  it("is in English when asked", async () => {
    const text = pdfText(await renderInviteLetter({ ...base, language: "en" }));
    expect(text).toContain("Invitation to your appointment");
    expect(text).toContain("Saturday, 28 November 2026");
  });
});

describe("client pass card", () => {
  it("is a PDF with the first name and the pass id, nothing else about the person", async () => {
    const passId = newPassId();
    const pdf = await renderPassCard({ language: "nl", firstName: "Sam", passId });
    expect(Buffer.from(pdf.slice(0, 5)).toString()).toBe("%PDF-");
    await PDFDocument.load(pdf);
    const text = pdfText(pdf);
    expect(text).toContain("Toegangspas");
    expect(text).toContain("Sam");
    expect(text).toContain(passId);
  });
});
