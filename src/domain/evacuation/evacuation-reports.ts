// Paper and reports of an evacuation (issue 6, parts 5 and 7): the printable roll call (ready as
// soon as the evacuation starts: it is drawn from the snapshot on request, a few ms for 2,000
// people), and the summary at the end — start, time until everyone was accounted for, who was
// missing and when they were found — as PDF and CSV. Drill or real is on every page.
import type { PDFPage } from "pdf-lib";
import { rgb } from "pdf-lib";
import type { Actor } from "@/src/domain/access/actor";
import { can, canSeeLocation } from "@/src/domain/access/permissions";
import type { DomainContext } from "@/src/domain/db";
import { AppError } from "@/src/domain/errors";
import {
  type EvacuationInfo,
  type RollCall,
  type RollCallMark,
  type RollCallPerson,
  readMarks,
  readRollCall,
} from "@/src/domain/evacuation/evacuations";
import { accountedAt, personOutcomes } from "@/src/domain/evacuation/roll-call-rules";
import { A4, newA4Document, printable } from "@/src/domain/visitors/pdf-draw";

export interface SummaryRow {
  personId: string;
  kind: RollCallPerson["kind"];
  name: string;
  roomName: string | null;
  needsHelp: boolean;
  finalStatus: RollCallPerson["status"];
  firstAccountedAt: string | null;
  wasMissing: boolean;
  foundAt: string | null;
}

export interface EvacuationSummary {
  evacuation: EvacuationInfo;
  total: number;
  /** Seconds from the start until everyone was accounted for; null if that never happened. */
  secondsToAccounted: number | null;
  rows: SummaryRow[];
  marks: RollCallMark[];
}

async function requireReader(ctx: DomainContext, actor: Actor, evacuationId: string) {
  if (!can(actor, "evacuation.marshal") && !can(actor, "evacuation.reports")) throw new AppError("FORBIDDEN");
  const e = await ctx.db.evacuation.findUnique({ where: { id: evacuationId }, select: { locationId: true } });
  if (!e || !canSeeLocation(actor, e.locationId)) throw new AppError("NOT_FOUND");
}

export async function loadSummary(ctx: DomainContext, actor: Actor, evacuationId: string): Promise<EvacuationSummary> {
  await requireReader(ctx, actor, evacuationId);
  const [rollCall, marks] = await Promise.all([readRollCall(ctx, evacuationId), readMarks(ctx.db, evacuationId)]);
  const markLikes = marks.map((m) => ({
    id: m.id,
    personId: m.personId,
    status: m.status,
    markedAt: Date.parse(m.markedAt),
  }));
  const ids = rollCall.people.map((p) => p.id);
  const started = Date.parse(rollCall.evacuation.startedAt);
  const at = accountedAt(ids, markLikes, started);
  const outcomes = new Map(personOutcomes(ids, markLikes).map((o) => [o.personId, o]));
  const isoOf = (n: number | null) => (n === null ? null : new Date(n).toISOString());
  return {
    evacuation: rollCall.evacuation,
    total: ids.length,
    secondsToAccounted: at === null ? null : Math.round((at - started) / 1000),
    rows: rollCall.people.map((p) => {
      const o = outcomes.get(p.id);
      return {
        personId: p.id,
        kind: p.kind,
        name: p.name,
        roomName: p.roomName,
        needsHelp: p.needsHelp,
        finalStatus: o?.finalStatus ?? p.status,
        firstAccountedAt: isoOf(o?.firstAccountedAt ?? null),
        wasMissing: o?.wasMissing ?? true,
        foundAt: isoOf(o?.foundAt ?? null),
      };
    }),
    marks,
  };
}

/** The printable roll call: one line per person with boxes to tick, needs-help first. */
export async function rollCallPdfFor(ctx: DomainContext, actor: Actor, evacuationId: string, language: string) {
  await requireReader(ctx, actor, evacuationId);
  return rollCallPdf(await readRollCall(ctx, evacuationId), language, ctx.clock.now());
}

const T = {
  nl: {
    rollCall: "Ontruiming — presentielijst",
    drill: "OEFENING",
    real: "ONTRUIMING",
    started: "Gestart",
    printed: "Afgedrukt",
    people: "personen",
    staff: "Medewerker",
    visitor: "Bezoeker",
    help: "HULP NODIG",
    columns: "Veilig  Hulp  Niet gevonden",
    noRoom: "Ruimte onbekend",
    summary: "Ontruiming — samenvatting",
    ended: "Beëindigd",
    toAccounted: "Tijd tot iedereen bekend was",
    never: "niet bereikt",
    missing: "Vermist geweest en wanneer gevonden",
    notFound: "nog niet gevonden",
    nobody: "Niemand.",
    page: "Pagina",
  },
  en: {
    rollCall: "Evacuation — roll call",
    drill: "DRILL",
    real: "EVACUATION",
    started: "Started",
    printed: "Printed",
    people: "people",
    staff: "Staff",
    visitor: "Visitor",
    help: "NEEDS HELP",
    columns: "Safe  Help  Not found",
    noRoom: "Room unknown",
    summary: "Evacuation — summary",
    ended: "Ended",
    toAccounted: "Time until everyone was accounted for",
    never: "not reached",
    missing: "Missing at some point, and when found",
    notFound: "not found yet",
    nobody: "Nobody.",
    page: "Page",
  },
};

const time = (isoText: string | null, tz = "Europe/Amsterdam") =>
  isoText
    ? new Intl.DateTimeFormat("nl-NL", { timeZone: tz, dateStyle: "short", timeStyle: "medium" }).format(
        new Date(isoText),
      )
    : "—";

const MARGIN = 40;
const LINE = 16;

async function pages(title: string, language: string) {
  const doc = await newA4Document({ title, language });
  let page: PDFPage = doc.page;
  let y = A4[1] - MARGIN;
  let n = 1;
  const footer = (p: PDFPage, i: number) =>
    p.drawText(`${T[language === "en" ? "en" : "nl"].page} ${i}`, {
      x: A4[0] - MARGIN - 50,
      y: 20,
      size: 8,
      font: doc.regular,
    });
  footer(page, 1);
  return {
    doc,
    get page() {
      return page;
    },
    get y() {
      return y;
    },
    set y(v: number) {
      y = v;
    },
    /** Room for `h` more points, else a new page. */
    need(h: number) {
      if (y - h < MARGIN) {
        page = doc.doc.addPage(A4);
        n++;
        footer(page, n);
        y = A4[1] - MARGIN;
      }
    },
    text(s: string, opts: { x?: number; size?: number; bold?: boolean; color?: [number, number, number] } = {}) {
      const font = opts.bold ? doc.bold : doc.regular;
      page.drawText(printable(font, s), {
        x: opts.x ?? MARGIN,
        y,
        size: opts.size ?? 10,
        font,
        color: opts.color ? rgb(...opts.color) : undefined,
      });
    },
  };
}

export async function rollCallPdf(rollCall: RollCall, language: string, now: Date): Promise<Uint8Array> {
  const t = T[language === "en" ? "en" : "nl"];
  const e = rollCall.evacuation;
  const p = await pages(t.rollCall, language);
  p.text(`${e.drill ? t.drill : t.real} — ${t.rollCall}`, {
    size: 16,
    bold: true,
    color: e.drill ? [0, 0, 0] : [0.7, 0, 0],
  });
  p.y -= 22;
  p.text(`${e.locationName} · ${t.started}: ${time(e.startedAt)} · ${t.printed}: ${time(now.toISOString())}`);
  p.y -= LINE;
  p.text(`${rollCall.people.length} ${t.people}${e.reason ? ` · ${e.reason}` : ""}`);
  p.y -= LINE * 1.5;
  // Grouped by room (unknown last), needs-help first within each room (the roll call's order).
  const groups = new Map<string, RollCallPerson[]>();
  for (const person of rollCall.people) {
    const key = person.roomName ?? "";
    groups.set(key, [...(groups.get(key) ?? []), person]);
  }
  const keys = [...groups.keys()].sort((a, b) => (a === "" ? 1 : b === "" ? -1 : a.localeCompare(b, "nl")));
  for (const key of keys) {
    p.need(LINE * 3);
    p.text(key || t.noRoom, { bold: true, size: 12 });
    p.text(t.columns, { x: A4[0] - MARGIN - 150, size: 8 });
    p.y -= LINE;
    for (const person of groups.get(key) ?? []) {
      p.need(LINE);
      for (let i = 0; i < 3; i++)
        p.page.drawRectangle({
          x: A4[0] - MARGIN - 145 + i * 38,
          y: p.y - 2,
          width: 10,
          height: 10,
          borderColor: rgb(0, 0, 0),
          borderWidth: 0.8,
        });
      p.text(person.name, { x: MARGIN + 8, bold: person.needsHelp });
      p.text(`${person.kind === "STAFF" ? t.staff : t.visitor}${person.needsHelp ? ` · ${t.help}` : ""}`, {
        x: MARGIN + 250,
        size: 8,
        color: person.needsHelp ? [0.7, 0, 0] : undefined,
      });
      p.y -= LINE;
    }
    p.y -= LINE / 2;
  }
  return p.doc.doc.save();
}

export async function summaryPdf(summary: EvacuationSummary, language: string): Promise<Uint8Array> {
  const t = T[language === "en" ? "en" : "nl"];
  const e = summary.evacuation;
  const p = await pages(t.summary, language);
  p.text(`${e.drill ? t.drill : t.real} — ${t.summary}`, { size: 16, bold: true });
  p.y -= 22;
  p.text(`${e.locationName} · ${summary.total} ${t.people}`);
  p.y -= LINE;
  p.text(`${t.started}: ${time(e.startedAt)} · ${t.ended}: ${time(e.endedAt)}`);
  p.y -= LINE;
  p.text(`${t.toAccounted}: ${summary.secondsToAccounted === null ? t.never : duration(summary.secondsToAccounted)}`, {
    bold: true,
  });
  p.y -= LINE * 1.5;
  p.text(t.missing, { bold: true, size: 12 });
  p.y -= LINE;
  const missing = summary.rows.filter((r) => r.wasMissing);
  if (!missing.length) {
    p.text(t.nobody);
    p.y -= LINE;
  }
  for (const r of missing) {
    p.need(LINE);
    p.text(r.name, { x: MARGIN + 8 });
    p.text(r.foundAt ? time(r.foundAt) : t.notFound, { x: MARGIN + 260, color: r.foundAt ? undefined : [0.7, 0, 0] });
    p.y -= LINE;
  }
  return p.doc.doc.save();
}

const duration = (s: number) => `${Math.floor(s / 60)} min ${s % 60} s`;

const csvCell = (v: string | number | boolean | null) => {
  const s = v === null ? "" : String(v);
  // Spreadsheet formula injection: a leading = + - @ is quoted as text.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",;\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** The summary as CSV: a header block, then one row per person. */
export function summaryCsv(summary: EvacuationSummary): string {
  const e = summary.evacuation;
  const lines = [
    ["evacuation", e.id],
    ["location", e.locationName],
    ["kind", e.drill ? "drill" : "real"],
    ["source", e.source],
    ["started_at", e.startedAt],
    ["ended_at", e.endedAt],
    ["all_accounted_at", e.allAccountedAt],
    ["seconds_to_accounted", summary.secondsToAccounted],
    [],
    ["name", "kind", "room", "needs_help", "final_status", "first_accounted_at", "was_missing", "found_at"],
    ...summary.rows.map((r) => [
      r.name,
      r.kind,
      r.roomName,
      r.needsHelp,
      r.finalStatus,
      r.firstAccountedAt,
      r.wasMissing,
      r.foundAt,
    ]),
  ];
  return `${lines.map((l) => l.map((c) => csvCell(c ?? null)).join(",")).join("\r\n")}\r\n`;
}
