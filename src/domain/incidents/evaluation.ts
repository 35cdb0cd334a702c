// The yearly evaluation (section 4.6): the registered incidents of a date range, counted by
// behaviour category, location, month and outcome, with the time it took to answer the
// perpetrator; and the same rows as CSV (no names, no free text). Every CSV export is audited.
import type { Actor } from "@/src/domain/access/actor";
import { canSeeLocation, requirePermission } from "@/src/domain/access/permissions";
import { recordAudit } from "@/src/domain/audit/record-audit";
import type { DomainContext } from "@/src/domain/db";
import { AppError } from "@/src/domain/errors";
import { RESPONSE_WINDOW_HOURS } from "@/src/domain/incidents/step-plan";
import { localDay } from "@/src/domain/local-day";

export interface EvaluationRange {
  /** Instants: from inclusive, to exclusive. */
  from: Date;
  to: Date;
  locationId?: string | null;
}

export interface EvaluationRow {
  id: string;
  locationId: string;
  locationName: string;
  occurredAt: string;
  /** yyyy-mm in the location's time zone. */
  month: string;
  category: string;
  endedEarly: boolean;
  status: string;
  complaintStatus: string | null;
  vptReported: boolean;
  responseKind: string | null;
  /** Hours from the incident to the response (one decimal), null when not answered. */
  responseHours: number | null;
  respondedInTime: boolean;
  aftercareOutcomes: string[];
}

export interface Evaluation {
  rows: EvaluationRow[];
  total: number;
  byCategory: Record<string, number>;
  byLocation: Record<string, number>;
  byMonth: Record<string, number>;
  byResponse: Record<string, number>;
  byComplaint: Record<string, number>;
  byAftercare: Record<string, number>;
  response: { answered: number; inTime: number; medianHours: number | null };
}

const HOUR = 60 * 60 * 1000;
const MAX_RANGE_DAYS = 3 * 366;

function count(into: Record<string, number>, key: string) {
  into[key] = (into[key] ?? 0) + 1;
}

export function median(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : Math.round(((s[mid - 1]! + s[mid]!) / 2) * 10) / 10;
}

/** Every month (yyyy-mm) from the first to the last day of the range, so empty months show too. */
export function monthsBetween(fromDay: string, toDay: string): string[] {
  const out: string[] = [];
  let [y, m] = fromDay.slice(0, 7).split("-").map(Number) as [number, number];
  const end = toDay.slice(0, 7);
  for (let i = 0; i < 60; i++) {
    const key = `${y}-${String(m).padStart(2, "0")}`;
    out.push(key);
    if (key >= end) break;
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

export async function evaluateIncidents(ctx: DomainContext, actor: Actor, range: EvaluationRange): Promise<Evaluation> {
  requirePermission(actor, "incidents.evaluate");
  if (actor.type !== "STAFF") throw new AppError("FORBIDDEN");
  if (Number.isNaN(range.from.getTime()) || Number.isNaN(range.to.getTime()) || range.to <= range.from) {
    throw new AppError("VALIDATION", "Invalid range", { to: ["before_start"] });
  }
  if (range.to.getTime() - range.from.getTime() > MAX_RANGE_DAYS * 24 * HOUR) {
    throw new AppError("VALIDATION", "Range too long", { to: ["too_long"] });
  }
  if (range.locationId && !canSeeLocation(actor, range.locationId)) {
    throw new AppError("VALIDATION", "Unknown location", { locationId: ["invalid_value"] });
  }
  const locationFilter = range.locationId
    ? { locationId: range.locationId }
    : actor.role === "ADMIN"
      ? {}
      : { locationId: { in: actor.locationIds } };
  const incidents = await ctx.db.incident.findMany({
    where: { ...locationFilter, status: { not: "DRAFT" }, occurredAt: { gte: range.from, lt: range.to } },
    include: { aftercare: { select: { outcome: true } } },
    orderBy: { occurredAt: "asc" },
  });
  const locations = new Map(
    (
      await ctx.db.location.findMany({
        where: { id: { in: [...new Set(incidents.map((i) => i.locationId))] } },
        select: { id: true, name: true, timeZone: true },
      })
    ).map((l) => [l.id, l]),
  );
  const result: Evaluation = {
    rows: [],
    total: incidents.length,
    byCategory: {},
    byLocation: {},
    byMonth: {},
    byResponse: {},
    byComplaint: {},
    byAftercare: {},
    response: { answered: 0, inTime: 0, medianHours: null },
  };
  const hours: number[] = [];
  for (const i of incidents) {
    const location = locations.get(i.locationId);
    const month = localDay(i.occurredAt, location?.timeZone ?? "Europe/Amsterdam").slice(0, 7);
    const responseHours = i.responseAt
      ? Math.round(((i.responseAt.getTime() - i.occurredAt.getTime()) / HOUR) * 10) / 10
      : null;
    const inTime = responseHours !== null && responseHours <= RESPONSE_WINDOW_HOURS;
    const outcomes = i.aftercare.flatMap((t) => (t.outcome ? [t.outcome] : []));
    const category = i.category ?? "UNKNOWN";
    count(result.byCategory, category);
    count(result.byLocation, location?.name ?? i.locationId);
    count(result.byMonth, month);
    count(result.byResponse, i.responseKind ?? "NONE");
    count(result.byComplaint, i.complaintStatus ?? "NONE");
    for (const o of new Set(outcomes)) count(result.byAftercare, o);
    if (responseHours !== null) {
      hours.push(responseHours);
      result.response.answered += 1;
      if (inTime) result.response.inTime += 1;
    }
    result.rows.push({
      id: i.id,
      locationId: i.locationId,
      locationName: location?.name ?? "",
      occurredAt: i.occurredAt.toISOString(),
      month,
      category,
      endedEarly: !!i.endedEarly,
      status: i.status,
      complaintStatus: i.complaintStatus,
      vptReported: !!i.vptReportedAt,
      responseKind: i.responseKind,
      responseHours,
      respondedInTime: inTime,
      aftercareOutcomes: outcomes,
    });
  }
  result.response.medianHours = median(hours);
  return result;
}

const CSV_COLUMNS = [
  "id",
  "location",
  "occurredAt",
  "month",
  "category",
  "endedEarly",
  "status",
  "complaintStatus",
  "vptReported",
  "responseKind",
  "responseHours",
  "respondedInTime",
  "aftercareOutcomes",
] as const;

/** A CSV cell: quoted when needed; a leading = + - @ is neutralised (spreadsheet formula injection). */
export function csvCell(value: unknown): string {
  let s = value === null || value === undefined ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function evaluationCsv(e: Evaluation): string {
  const lines = [CSV_COLUMNS.join(",")];
  for (const r of e.rows) {
    lines.push(
      [
        r.id,
        r.locationName,
        r.occurredAt,
        r.month,
        r.category,
        r.endedEarly,
        r.status,
        r.complaintStatus ?? "",
        r.vptReported,
        r.responseKind ?? "",
        r.responseHours ?? "",
        r.respondedInTime,
        r.aftercareOutcomes.join(" "),
      ]
        .map(csvCell)
        .join(","),
    );
  }
  return `${lines.join("\r\n")}\r\n`;
}

/** The evaluation as CSV, with the export in the audit trail. */
export async function exportEvaluationCsv(ctx: DomainContext, actor: Actor, range: EvaluationRange): Promise<string> {
  const evaluation = await evaluateIncidents(ctx, actor, range);
  await ctx.db.$transaction((tx) =>
    recordAudit(tx, actor, {
      action: "incident.evaluation_exported",
      subjectType: "Incident",
      locationId: range.locationId ?? null,
      data: { format: "csv", from: range.from, to: range.to, rows: evaluation.total },
      at: ctx.clock.now(),
    }),
  );
  return evaluationCsv(evaluation);
}
