// The invite letter (uitnodiging): one A4 page with the appointment (where, when, with whom, which
// room), a short friendly text, and the invite QR that the visitor shows at the kiosk — with the
// same code printed as text, because the kiosk also accepts a typed code when scanning fails.
// Texts come from the appointments messages (`letter.*`), Dutch or English.
import { rgb } from "pdf-lib";
import { A4, drawQr, newA4Document, printable, wrap } from "@/src/domain/visitors/pdf-draw";
import en from "@/src/i18n/messages/en/appointments.json";
import nl from "@/src/i18n/messages/nl/appointments.json";

export type LetterLanguage = "nl" | "en";

export interface InviteLetterInput {
  language: LetterLanguage;
  locationName: string;
  deskPhone: string | null;
  timeZone: string;
  startsAt: Date;
  endsAt: Date | null;
  hostName: string;
  roomName: string | null;
  visitorFirstName: string | null;
  /** The signed invite text (the QR content). */
  invite: string;
}

const TEXTS = { nl: nl.letter, en: en.letter };
const fill = (s: string, values: Record<string, string>) => s.replace(/\{(\w+)\}/g, (_, k) => values[k] ?? "");

const MARGIN = 64;
const GREY = rgb(0.3, 0.3, 0.3);

export async function renderInviteLetter(input: InviteLetterInput): Promise<Uint8Array> {
  const t = TEXTS[input.language];
  const tag = input.language === "en" ? "en-GB" : "nl-NL";
  const fmt = (opts: Intl.DateTimeFormatOptions, at: Date) =>
    new Intl.DateTimeFormat(tag, { timeZone: input.timeZone, ...opts }).format(at);
  const date = fmt({ weekday: "long", day: "numeric", month: "long", year: "numeric" }, input.startsAt);
  const hm: Intl.DateTimeFormatOptions = { hour: "2-digit", minute: "2-digit", hourCycle: "h23" };
  const time = input.endsAt ? `${fmt(hm, input.startsAt)} – ${fmt(hm, input.endsAt)}` : fmt(hm, input.startsAt);

  const { doc, page, regular, bold, mono } = await newA4Document({
    title: `${t.title} — ${input.locationName}`,
    language: tag,
  });
  const width = A4[0] - 2 * MARGIN;
  let y = A4[1] - MARGIN;

  const line = (
    text: string,
    opts: { font?: typeof regular; size?: number; gap?: number; color?: ReturnType<typeof rgb> } = {},
  ) => {
    const font = opts.font ?? regular;
    const size = opts.size ?? 11;
    for (const l of wrap(font, text, size, width)) {
      y -= size * 1.35;
      page.drawText(l, { x: MARGIN, y, font, size, color: opts.color });
    }
    y -= opts.gap ?? 0;
  };

  line(input.locationName, { font: bold, size: 20, gap: 4 });
  line(t.title, { size: 14, color: GREY, gap: 24 });
  line(input.visitorFirstName ? fill(t.greeting, { name: input.visitorFirstName }) : t.greetingNoName, { gap: 8 });
  line(fill(t.intro, { location: input.locationName }), { gap: 14 });

  const rows: [string, string][] = [
    [t.date, date],
    [t.time, time],
    [t.host, input.hostName],
    ...(input.roomName ? [[t.room, input.roomName] as [string, string]] : []),
  ];
  for (const [label, value] of rows) {
    y -= 17;
    page.drawText(printable(bold, label), { x: MARGIN, y, font: bold, size: 12 });
    page.drawText(printable(regular, value), { x: MARGIN + 110, y, font: regular, size: 12 });
  }
  y -= 22;

  line(t.howTo, { gap: 10 });
  const side = 190;
  y -= side;
  drawQr(page, input.invite, MARGIN, y, side);
  page.drawText(printable(regular, t.qrLabel), { x: MARGIN + side + 16, y: y + side - 24, font: bold, size: 12 });
  let noteY = y + side - 44;
  for (const l of wrap(regular, t.validity, 10, width - side - 16)) {
    page.drawText(l, { x: MARGIN + side + 16, y: noteY, font: regular, size: 10, color: GREY });
    noteY -= 14;
  }
  y -= 18;
  line(t.typeCode, { size: 9, color: GREY });
  y -= 12;
  page.drawText(printable(mono, input.invite), { x: MARGIN, y, font: mono, size: 8 });
  y -= 24;
  line(input.deskPhone ? fill(t.cantCome, { phone: input.deskPhone }) : t.cantComeNoPhone, { gap: 10 });
  line(t.closing, { gap: 2 });
  line(input.locationName, { font: bold });

  return doc.save();
}
