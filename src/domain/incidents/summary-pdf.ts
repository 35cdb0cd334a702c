// The need-to-know summary of one incident for a partner organisation (ketenpartner), as a
// one-page PDF: the reference, location, day, kind of behaviour, what was reported to the police
// and how the perpetrator was answered. No description, no staff names; the visitor's name only
// when asked for. Every export is an audit event.
import type { Actor } from "@/src/domain/access/actor";
import { requirePermission } from "@/src/domain/access/permissions";
import { recordAudit } from "@/src/domain/audit/record-audit";
import type { DomainContext } from "@/src/domain/db";
import { AppError } from "@/src/domain/errors";
import { incidentAccess } from "@/src/domain/incidents/incident-access";
import { localDay } from "@/src/domain/local-day";
import { A4, newA4Document, wrap } from "@/src/domain/visitors/pdf-draw";
import en from "@/src/i18n/messages/en/incidents.json";
import nl from "@/src/i18n/messages/nl/incidents.json";

const MARGIN = 56;

export interface IncidentSummary {
  reference: string;
  locationName: string;
  day: string;
  category: string | null;
  endedEarly: boolean;
  complaintStatus: string | null;
  vptReported: boolean;
  responseKind: string | null;
  banUntil: string | null;
  visitorName: string | null;
  generatedAt: string;
}

/** The summary's data (access: the incident's manager or safety officer), with the export audited. */
export async function exportIncidentSummary(
  ctx: DomainContext,
  actor: Actor,
  id: string,
  options: { withVisitor: boolean },
): Promise<IncidentSummary> {
  requirePermission(actor, "incidents.register");
  const now = ctx.clock.now();
  return ctx.db.$transaction(async (tx) => {
    const incident = await tx.incident.findUnique({ where: { id } });
    if (!incident) throw new AppError("NOT_FOUND");
    const access = await incidentAccess(tx, actor, incident);
    if (!access.view) throw new AppError("NOT_FOUND");
    if (!access.manage) throw new AppError("FORBIDDEN");
    if (incident.status === "DRAFT") throw new AppError("CONFLICT", "Register the incident first");
    const location = await tx.location.findUniqueOrThrow({ where: { id: incident.locationId } });
    const ban = incident.banId ? await tx.ban.findUnique({ where: { id: incident.banId } }) : null;
    const visitor =
      options.withVisitor && incident.visitorId
        ? await tx.visitor.findUnique({
            where: { id: incident.visitorId },
            select: { firstName: true, lastName: true },
          })
        : null;
    await recordAudit(tx, actor, {
      action: "incident.summary_exported",
      subjectType: "Incident",
      subjectId: id,
      locationId: incident.locationId,
      data: { format: "pdf", withVisitor: !!visitor },
      at: now,
    });
    return {
      reference: incident.id,
      locationName: location.name,
      day: localDay(incident.occurredAt, location.timeZone),
      category: incident.category,
      endedEarly: !!incident.endedEarly,
      complaintStatus: incident.complaintStatus,
      vptReported: !!incident.vptReportedAt,
      responseKind: incident.responseKind,
      banUntil: ban ? localDay(new Date(ban.endsAt.getTime() - 1), location.timeZone) : null,
      visitorName: visitor ? [visitor.firstName, visitor.lastName].filter(Boolean).join(" ") : null,
      generatedAt: now.toISOString(),
    };
  });
}

export async function renderIncidentSummaryPdf(s: IncidentSummary, language: "nl" | "en"): Promise<Uint8Array> {
  const t = language === "en" ? en : nl;
  const { doc, page, regular, bold } = await newA4Document({
    title: `${t.pdf.title} — ${s.reference}`,
    language: language === "en" ? "en-GB" : "nl-NL",
  });
  const width = A4[0] - 2 * MARGIN;
  let y = A4[1] - MARGIN;
  const line = (text: string, font = regular, size = 11) => {
    for (const l of wrap(font, text, size, width)) {
      page.drawText(l, { x: MARGIN, y, font, size });
      y -= size + 5;
    }
  };
  const yesNo = (b: boolean) => (b ? t.pdf.yes : t.pdf.no);
  const categories = t.categories as Record<string, string>;
  const complaint = t.complaint as Record<string, string>;
  const kinds = t.response.kinds as Record<string, string>;
  line(t.pdf.title, bold, 16);
  line(t.pdf.subtitle, regular, 10);
  y -= 10;
  line(`${t.pdf.reference}: ${s.reference}`);
  line(`${t.pdf.location}: ${s.locationName}`);
  line(`${t.pdf.date}: ${s.day}`);
  line(`${t.pdf.category}: ${categories[s.category ?? "UNKNOWN"] ?? s.category}`);
  line(`${t.pdf.endedEarly}: ${yesNo(s.endedEarly)}`);
  line(`${t.pdf.complaint}: ${complaint[s.complaintStatus ?? "NONE"] ?? s.complaintStatus}`);
  line(`${t.pdf.vpt}: ${yesNo(s.vptReported)}`);
  line(`${t.pdf.response}: ${kinds[s.responseKind ?? "NONE"] ?? s.responseKind}`);
  if (s.banUntil) line(`${t.pdf.banUntil}: ${s.banUntil}`);
  if (s.visitorName) line(`${t.pdf.visitor}: ${s.visitorName}`);
  y -= 10;
  line(`${t.pdf.generatedAt}: ${s.generatedAt.replace("T", " ").slice(0, 16)} UTC`, regular, 9);
  return doc.save();
}
