// The client pass (toegangspas) to print: a card of 85.6 × 54 mm (ID-1) on an A4 page with cut
// marks. It shows the first name only, the pass id as Code 128 (what keyboard-wedge scanners at the
// desk and kiosk read best) and as a QR code (what the kiosk camera reads), and the id as text to
// type. Never a last name, date of birth or anything from a document.
import { rgb } from "pdf-lib";
import {
  A4,
  code128Modules,
  drawCode128,
  drawQr,
  newA4Document,
  printable,
  wrap,
} from "@/src/domain/visitors/pdf-draw";
import en from "@/src/i18n/messages/en/visitors.json";
import nl from "@/src/i18n/messages/nl/visitors.json";

const MM = 72 / 25.4;
const CARD = { w: 85.6 * MM, h: 54 * MM };

export async function renderPassCard(input: {
  language: "nl" | "en";
  firstName: string;
  passId: string;
  organisation?: string | null;
}): Promise<Uint8Array> {
  const t = (input.language === "en" ? en : nl).card;
  const { doc, page, regular, bold, mono } = await newA4Document({
    title: t.title,
    language: input.language === "en" ? "en-GB" : "nl-NL",
  });
  const x0 = (A4[0] - CARD.w) / 2;
  const y0 = A4[1] - 72 - CARD.h;

  page.drawRectangle({
    x: x0,
    y: y0,
    width: CARD.w,
    height: CARD.h,
    borderColor: rgb(0.6, 0.6, 0.6),
    borderWidth: 0.5,
  });
  const pad = 8;
  const qrSide = 74;
  drawQr(page, input.passId, x0 + CARD.w - pad - qrSide, y0 + CARD.h - pad - qrSide, qrSide);
  let y = y0 + CARD.h - pad - 11;
  page.drawText(printable(regular, input.organisation ?? t.title), { x: x0 + pad, y, font: regular, size: 8 });
  y -= 14;
  page.drawText(printable(bold, t.title), { x: x0 + pad, y, font: bold, size: 10 });
  y -= 22;
  page.drawText(printable(bold, input.firstName), {
    x: x0 + pad,
    y,
    font: bold,
    size: 16,
    maxWidth: CARD.w - qrSide - 3 * pad,
  });

  // The widest bars that fit the card: at least ~0.25 mm per module for desk scanners.
  const module = Math.min(1, (CARD.w - 2 * pad) / code128Modules(input.passId));
  const barHeight = 30;
  const barsWidth = code128Modules(input.passId) * module;
  drawCode128(page, input.passId, x0 + (CARD.w - barsWidth) / 2, y0 + 20, module, barHeight);
  const idWidth = mono.widthOfTextAtSize(input.passId, 8);
  page.drawText(input.passId, { x: x0 + (CARD.w - idWidth) / 2, y: y0 + 9, font: mono, size: 8 });

  page.drawText(printable(regular, t.cutHere), {
    x: x0,
    y: y0 - 16,
    font: regular,
    size: 8,
    color: rgb(0.4, 0.4, 0.4),
  });
  // A short note below the card for whoever hands it over: how the visitor uses it.
  let noteY = y0 - 40;
  for (const line of wrap(regular, t.instructions, 10, 420)) {
    page.drawText(line, { x: x0, y: noteY, font: regular, size: 10 });
    noteY -= 14;
  }
  return doc.save();
}
