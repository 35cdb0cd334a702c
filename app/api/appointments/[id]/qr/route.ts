import { handle } from "@/src/server/http";
import { inviteQrResponse } from "@/src/staff/appointments/invite-documents";

export const dynamic = "force-dynamic";

/** The invite QR as an SVG image (to show on screen or send on). 404 for what the caller may not see. */
export const GET = handle(async (req, { params }: { params: Promise<{ id: string }> }) =>
  inviteQrResponse(req, (await params).id),
);
