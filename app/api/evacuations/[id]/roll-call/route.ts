import { handle } from "@/src/server/http";
import { rollCallPdfResponse } from "@/src/staff/evacuation/evacuation-responses";

export const dynamic = "force-dynamic";

/** The printable roll call (A4 PDF, `?lang=nl|en`). */
export const GET = handle(async (req, { params }: { params: Promise<{ id: string }> }) =>
  rollCallPdfResponse(req, (await params).id),
);
