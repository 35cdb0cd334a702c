import { handle } from "@/src/server/http";
import { subjectExportResponse } from "@/src/staff/privacy/export-response";

export const dynamic = "force-dynamic";

/** Everything Portier holds about one person (?format=json|pdf). Privacy officers only; audited. */
export const GET = handle(async (req, { params }: { params: Promise<{ kind: string; id: string }> }) =>
  subjectExportResponse(req, await params),
);
