import { handle } from "@/src/server/http";
import { marksResponse } from "@/src/staff/evacuation/evacuation-responses";

export const dynamic = "force-dynamic";

/** A marshal's marks `{ marks: [{ id, personId, status, markedAt }] }`; a mark id sent again changes nothing. */
export const POST = handle(async (req, { params }: { params: Promise<{ id: string }> }) =>
  marksResponse(req, (await params).id),
);
