// The export of a subject request for its route handler: staff session, privacy.subject_requests
// (checked by the domain), the export audited with its format. Never cached.
import { AppError } from "@/src/domain/errors";
import { renderSubjectPdf } from "@/src/domain/privacy/subject-export-pdf";
import { exportSubject } from "@/src/domain/privacy/subject-requests";
import { requestLocale } from "@/src/i18n/error-message";
import { getStaffActor } from "@/src/server/auth/get-actor";
import { domain } from "@/src/server/runtime";
import { exportFormatSchema, subjectIdSchema, subjectKindSchema } from "@/src/staff/privacy/schemas";

const NO_STORE = { "cache-control": "private, no-store", "x-content-type-options": "nosniff" };

export async function subjectExportResponse(req: Request, params: { kind: string; id: string }): Promise<Response> {
  const actor = await getStaffActor();
  if (!actor) throw new AppError("UNAUTHORIZED");
  const url = new URL(req.url);
  const kind = subjectKindSchema.safeParse(params.kind);
  const id = subjectIdSchema.safeParse(params.id);
  if (!kind.success || !id.success) throw new AppError("NOT_FOUND");
  const format = exportFormatSchema.safeParse(url.searchParams.get("format") ?? "json");
  if (!format.success) throw new AppError("VALIDATION", "Invalid input", { format: ["invalid_value"] });
  const data = await exportSubject(await domain(), actor, kind.data, id.data, format.data);
  const file = `portier-${kind.data}-${id.data.replace(/[^A-Za-z0-9_-]/g, "")}`;
  if (format.data === "json") {
    return new Response(JSON.stringify(data, null, 2), {
      headers: {
        ...NO_STORE,
        "content-type": "application/json; charset=utf-8",
        "content-disposition": `attachment; filename="${file}.json"`,
      },
    });
  }
  const asked = url.searchParams.get("lang");
  const language = asked === "en" || asked === "nl" ? asked : requestLocale(req) === "en" ? "en" : "nl";
  const pdf = await renderSubjectPdf(data, language);
  return new Response(Buffer.from(pdf), {
    headers: {
      ...NO_STORE,
      "content-type": "application/pdf",
      "content-disposition": `attachment; filename="${file}.pdf"`,
    },
  });
}
