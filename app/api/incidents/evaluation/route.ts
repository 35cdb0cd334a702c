import { handle } from "@/src/server/http";
import { evaluationCsvResponse } from "@/src/staff/incidents/export-responses";

export const dynamic = "force-dynamic";

/** The yearly evaluation's rows as CSV (?from=yyyy-mm-dd&to=yyyy-mm-dd&location=). Audited. */
export const GET = handle(async (req) => evaluationCsvResponse(req));
