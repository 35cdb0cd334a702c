// Route-handler bodies of the evacuation API (app/api/evacuations/**): staff session, permission
// first, then input. Documents are never cached by shared caches and are audited when printed.
import { z } from "zod";
import type { Actor } from "@/src/domain/access/actor";
import { can } from "@/src/domain/access/permissions";
import { recordAudit } from "@/src/domain/audit/record-audit";
import { AppError } from "@/src/domain/errors";
import { loadSummary, rollCallPdfFor, summaryCsv, summaryPdf } from "@/src/domain/evacuation/evacuation-reports";
import { loadMarks, loadRollCall, MARKS_PER_REQUEST, recordMarks } from "@/src/domain/evacuation/evacuations";
import { MARSHAL_STATUSES } from "@/src/domain/evacuation/roll-call-rules";
import { requestLocale } from "@/src/i18n/error-message";
import { getStaffActor } from "@/src/server/auth/get-actor";
import { readJson } from "@/src/server/http";
import { domain } from "@/src/server/runtime";

async function staff(...permissions: ("evacuation.marshal" | "evacuation.reports")[]) {
  const actor = await getStaffActor();
  if (!actor) throw new AppError("UNAUTHORIZED");
  if (!permissions.some((p) => can(actor, p))) throw new AppError("FORBIDDEN");
  return actor;
}

const idSchema = z.string().trim().min(1).max(100);
/** A route parameter or query value that does not fit: 422, never a 500. */
function valid<S extends z.ZodType>(schema: S, value: unknown, field: string): z.infer<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw new AppError("VALIDATION", "Invalid input", { [field]: ["invalid"] });
  return r.data;
}
const evacuationId = { parse: (v: unknown) => valid(idSchema, v, "id") as string };

/** The roll call and every mark so far (the marshal page's state; its service worker keeps a copy). */
export async function rollCallResponse(id: string): Promise<Response> {
  const actor = await staff("evacuation.marshal");
  const ctx = await domain();
  const eid = evacuationId.parse(id);
  const [rollCall, marks] = await Promise.all([loadRollCall(ctx, actor, eid), loadMarks(ctx, actor, eid)]);
  return Response.json({ rollCall, marks }, { headers: { "cache-control": "private, no-store" } });
}

const marksSchema = z.object({
  marks: z
    .array(
      z.object({
        id: z.string().min(8).max(64),
        personId: z.string().min(1).max(100),
        status: z.enum(MARSHAL_STATUSES),
        markedAt: z.string().max(40),
      }),
    )
    .min(1)
    .max(MARKS_PER_REQUEST),
});

/** A marshal's marks (one, or an offline queue): idempotent by the marks' own ids. */
export async function marksResponse(req: Request, id: string): Promise<Response> {
  const actor = await staff("evacuation.marshal");
  const body = await readJson(req, marksSchema, 64 * 1024);
  const r = await recordMarks(await domain(), actor, evacuationId.parse(id), body.marks);
  return Response.json({ ok: true, accepted: r.accepted, duplicates: r.duplicates, counts: r.rollCall.counts });
}

const language = (req: Request) => {
  const asked = new URL(req.url).searchParams.get("lang");
  return asked === "en" || asked === "nl" ? asked : requestLocale(req) === "en" ? "en" : "nl";
};

const fileHeaders = (type: string, name: string) => ({
  "cache-control": "private, no-store",
  "x-content-type-options": "nosniff",
  "content-type": type,
  "content-disposition": `attachment; filename="${name}"`,
});

async function auditPrint(id: string, actor: Actor, what: string) {
  const ctx = await domain();
  const e = await ctx.db.evacuation.findUnique({ where: { id }, select: { locationId: true } });
  await ctx.db.$transaction((tx) =>
    recordAudit(tx, actor, {
      action: "evacuation.printed",
      subjectType: "Evacuation",
      subjectId: id,
      locationId: e?.locationId ?? null,
      data: { document: what },
      at: ctx.clock.now(),
    }),
  );
}

/** The printable roll call (PDF). */
export async function rollCallPdfResponse(req: Request, id: string): Promise<Response> {
  const actor = await staff("evacuation.marshal", "evacuation.reports");
  const eid = evacuationId.parse(id);
  const ctx = await domain();
  const pdf = await rollCallPdfFor(ctx, actor, eid, language(req));
  await auditPrint(eid, actor, "roll-call");
  return new Response(Buffer.from(pdf), { headers: fileHeaders("application/pdf", "ontruiming-presentielijst.pdf") });
}

/** The summary: `?format=pdf` (default) or `csv`. */
export async function summaryResponse(req: Request, id: string): Promise<Response> {
  const actor = await staff("evacuation.marshal", "evacuation.reports");
  const eid = evacuationId.parse(id);
  const format = valid(z.enum(["pdf", "csv"]), new URL(req.url).searchParams.get("format") ?? "pdf", "format");
  const summary = await loadSummary(await domain(), actor, eid);
  await auditPrint(eid, actor, `summary-${format}`);
  if (format === "csv")
    return new Response(`\uFEFF${summaryCsv(summary)}`, {
      headers: fileHeaders("text/csv; charset=utf-8", "ontruiming-samenvatting.csv"),
    });
  const pdf = await summaryPdf(summary, language(req));
  return new Response(Buffer.from(pdf), { headers: fileHeaders("application/pdf", "ontruiming-samenvatting.pdf") });
}
