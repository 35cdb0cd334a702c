// The printable client pass (PDF) for its route handler: staff session, visitors.manage, a visitor
// the caller may see (else 404), the print audited.
import { AppError } from "@/src/domain/errors";
import { renderPassCard } from "@/src/domain/visitors/pass-card";
import { passCardDetails, recordPassPrinted } from "@/src/domain/visitors/visitors";
import { requestLocale } from "@/src/i18n/error-message";
import { getStaffActor } from "@/src/server/auth/get-actor";
import { domain } from "@/src/server/runtime";

export async function passCardResponse(req: Request, visitorId: string): Promise<Response> {
  const actor = await getStaffActor();
  if (!actor) throw new AppError("UNAUTHORIZED");
  const ctx = await domain();
  const { firstName, passId } = await passCardDetails(ctx, actor, visitorId);
  await recordPassPrinted(ctx, actor, visitorId);
  const asked = new URL(req.url).searchParams.get("lang");
  const language = asked === "en" || asked === "nl" ? asked : requestLocale(req) === "en" ? "en" : "nl";
  const pdf = await renderPassCard({ language, firstName, passId });
  return new Response(Buffer.from(pdf), {
    headers: {
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
      "content-type": "application/pdf",
      "content-disposition": 'attachment; filename="toegangspas.pdf"',
    },
  });
}
