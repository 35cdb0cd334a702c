import { handle } from "@/src/server/http";
import { summaryResponse } from "@/src/staff/evacuation/evacuation-responses";

export const dynamic = "force-dynamic";

/** The evacuation's summary: `?format=pdf` (default) or `?format=csv`. */
export const GET = handle(async (req, { params }: { params: Promise<{ id: string }> }) =>
  summaryResponse(req, (await params).id),
);
