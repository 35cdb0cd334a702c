import { handle } from "@/src/server/http";
import { passCardResponse } from "@/src/staff/visitors/pass-document";

export const dynamic = "force-dynamic";

/** The client pass to print (PDF: first name, Code 128 and QR of the pass id). 404 for what the caller may not see. */
export const GET = handle(async (req, { params }: { params: Promise<{ id: string }> }) =>
  passCardResponse(req, (await params).id),
);
