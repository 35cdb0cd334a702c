import { handle } from "@/src/server/http";
import { inviteLetterResponse } from "@/src/staff/appointments/invite-documents";

export const dynamic = "force-dynamic";

/** The printable invite letter (A4 PDF) with the invite QR; `?lang=nl|en`. 404 for what the caller may not see. */
export const GET = handle(async (req, { params }: { params: Promise<{ id: string }> }) =>
  inviteLetterResponse(req, (await params).id),
);
