// The readable export of a subject request (art. 15): every section of SubjectData as labelled
// lines on as many A4 pages as it takes, with the person's name, the date it was prepared and page
// numbers. Labels come from the "privacy" messages; unknown keys print as they are.
import type { PDFFont, PDFPage } from "pdf-lib";
import type { SubjectData } from "@/src/domain/privacy/subject-requests";
import { A4, newA4Document, printable, wrap } from "@/src/domain/visitors/pdf-draw";
import en from "@/src/i18n/messages/en/privacy.json";
import nl from "@/src/i18n/messages/nl/privacy.json";

const MARGIN = 56;
const SIZE = 9;
const LINE = 12;

type Texts = typeof nl;

/** The sections of a subject's data in reading order, each a list of records. */
export function subjectSections(data: SubjectData): { key: string; records: Record<string, unknown>[] }[] {
  if (data.kind === "visitor") {
    return [
      { key: "visitor", records: [data.visitor] },
      { key: "visits", records: data.visits },
      { key: "appointments", records: data.appointments },
      { key: "houseRulesAcceptances", records: data.houseRulesAcceptances },
      { key: "bans", records: data.bans },
      { key: "deskAlerts", records: data.deskAlerts },
      { key: "riskChecks", records: data.riskChecks },
      { key: "incidents", records: data.incidents },
      { key: "auditEvents", records: data.auditEvents },
    ];
  }
  return [
    { key: "staff", records: [data.staff] },
    { key: "locations", records: data.locations },
    { key: "presence", records: data.presence },
    { key: "incidentTeamWeeks", records: data.incidentTeamWeeks },
    { key: "alarmPages", records: data.alarmPages },
    { key: "appointmentsHosted", records: data.appointmentsHosted },
    { key: "auditEvents", records: data.auditEvents },
  ];
}

export const subjectName = (data: SubjectData) =>
  data.kind === "visitor" ? [data.visitor.firstName, data.visitor.lastName].filter(Boolean).join(" ") : data.staff.name;

/** One value as text: yes/no, dashes for nothing, JSON for details. */
export function valueText(t: Pick<Texts, "values">, value: unknown): string {
  if (value === null || value === undefined || value === "") return t.values.empty;
  if (typeof value === "boolean") return value ? t.values.yes : t.values.no;
  if (Array.isArray(value)) return value.length ? value.map((v) => valueText(t, v)).join(", ") : t.values.empty;
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

export async function renderSubjectPdf(data: SubjectData, language: "nl" | "en"): Promise<Uint8Array> {
  const t = language === "en" ? en : nl;
  const {
    doc,
    page: first,
    regular,
    bold,
  } = await newA4Document({
    title: `${t.pdf.title} — ${subjectName(data)}`,
    language: language === "en" ? "en-GB" : "nl-NL",
  });
  const width = A4[0] - 2 * MARGIN;
  let page: PDFPage = first;
  let y = A4[1] - MARGIN;

  const ensure = (height: number) => {
    if (y - height >= MARGIN + LINE) return;
    page = doc.addPage(A4);
    y = A4[1] - MARGIN;
  };
  const text = (s: string, font: PDFFont, size: number, indent = 0) => {
    for (const line of wrap(font, s, size, width - indent)) {
      ensure(size + 3);
      page.drawText(line, { x: MARGIN + indent, y, font, size });
      y -= size + 3;
    }
  };

  text(t.pdf.title, bold, 16);
  y -= 4;
  text(printable(bold, subjectName(data)), bold, 13);
  text(t.pdf.subtitle, regular, 10);
  text(`${t.pdf.generatedAt}: ${data.generatedAt.replace("T", " ").slice(0, 16)} UTC`, regular, 10);

  const sections = t.overview.sections as Record<string, string>;
  const fields = t.fields as Record<string, string>;
  for (const section of subjectSections(data)) {
    y -= 10;
    ensure(30);
    text(`${sections[section.key] ?? section.key} (${section.records.length})`, bold, 12);
    if (!section.records.length) {
      text(t.pdf.none, regular, SIZE, 8);
      continue;
    }
    for (const record of section.records) {
      ensure(LINE * 2);
      y -= 3;
      for (const [key, value] of Object.entries(record)) {
        text(`${fields[key] ?? key}: ${valueText(t, value)}`, regular, SIZE, 8);
      }
    }
  }

  const pages = doc.getPages();
  pages.forEach((p, i) => {
    const label = t.pdf.page.replace("{page}", String(i + 1)).replace("{pages}", String(pages.length));
    p.drawText(label, { x: MARGIN, y: MARGIN / 2, font: regular, size: 8 });
  });
  return doc.save();
}
