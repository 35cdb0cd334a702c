import { handle } from "@/src/server/http";
import { incidentSummaryResponse } from "@/src/staff/incidents/export-responses";

export const dynamic = "force-dynamic";

/** The need-to-know summary of one incident for a partner organisation (PDF; ?visitor=1 adds the visitor's name). Audited. */
export const GET = handle(async (req, { params }: { params: Promise<{ id: string }> }) =>
  incidentSummaryResponse(req, (await params).id),
);
