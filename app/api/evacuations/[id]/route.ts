import { handle } from "@/src/server/http";
import { rollCallResponse } from "@/src/staff/evacuation/evacuation-responses";

export const dynamic = "force-dynamic";

/** The roll call of an evacuation and every mark so far (marshals). */
export const GET = handle(async (_req, { params }: { params: Promise<{ id: string }> }) =>
  rollCallResponse((await params).id),
);
