// The incident exports for their route handlers: the partner summary (PDF) and the evaluation
// (CSV). Staff session; the permission first, then the input; the domain checks need to know and
// writes the audit event. Never cached.
import { requirePermission } from "@/src/domain/access/permissions";
import { AppError } from "@/src/domain/errors";
import { exportEvaluationCsv } from "@/src/domain/incidents/evaluation";
import { exportIncidentSummary, renderIncidentSummaryPdf } from "@/src/domain/incidents/summary-pdf";
import { requestLocale } from "@/src/i18n/error-message";
import { getStaffActor } from "@/src/server/auth/get-actor";
import { domain } from "@/src/server/runtime";
import { DEFAULT_TIME_ZONE, dayRange } from "@/src/staff/incidents/evaluation-range";
import { evaluationQuerySchema } from "@/src/staff/incidents/schemas";

const NO_STORE = { "cache-control": "private, no-store", "x-content-type-options": "nosniff" };

export async function incidentSummaryResponse(req: Request, id: string): Promise<Response> {
  const actor = requirePermission(await getStaffActor(), "incidents.register");
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(id)) throw new AppError("NOT_FOUND");
  const url = new URL(req.url);
  const summary = await exportIncidentSummary(await domain(), actor, id, {
    withVisitor: url.searchParams.get("visitor") === "1",
  });
  const asked = url.searchParams.get("lang");
  const language = asked === "en" || asked === "nl" ? asked : requestLocale(req) === "en" ? "en" : "nl";
  const pdf = await renderIncidentSummaryPdf(summary, language);
  return new Response(Buffer.from(pdf), {
    headers: {
      ...NO_STORE,
      "content-type": "application/pdf",
      "content-disposition": `attachment; filename="portier-incident-${id}.pdf"`,
    },
  });
}

export async function evaluationCsvResponse(req: Request): Promise<Response> {
  const actor = requirePermission(await getStaffActor(), "incidents.evaluate");
  const url = new URL(req.url);
  const query = evaluationQuerySchema.safeParse(Object.fromEntries(url.searchParams));
  if (!query.success) throw new AppError("VALIDATION", "Invalid range", { from: ["invalid"], to: ["invalid"] });
  const ctx = await domain();
  const location = query.data.location
    ? await ctx.db.location.findUnique({ where: { id: query.data.location }, select: { id: true, timeZone: true } })
    : null;
  if (query.data.location && !location)
    throw new AppError("VALIDATION", "Unknown location", { location: ["invalid_value"] });
  const range = dayRange(query.data.from, query.data.to, location?.timeZone ?? DEFAULT_TIME_ZONE);
  if (!range) throw new AppError("VALIDATION", "Invalid range", { from: ["invalid"], to: ["invalid"] });
  const csv = await exportEvaluationCsv(ctx, actor, {
    from: range.from,
    to: range.to,
    locationId: location?.id ?? null,
  });
  return new Response(`\uFEFF${csv}`, {
    headers: {
      ...NO_STORE,
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="portier-incidents-${range.fromDay}-${range.toDay}.csv"`,
    },
  });
}
