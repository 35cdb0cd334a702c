// The invite letter (PDF) and QR image (SVG) for the route handlers: who asks (staff session),
// whether they may see the appointment (else 404), the invite issued (and audited), the bytes.
import { issueInvite, letterDetails } from "@/src/domain/appointments/appointments";
import { renderInviteLetter } from "@/src/domain/appointments/invite-letter";
import { AppError } from "@/src/domain/errors";
import { qrSvg } from "@/src/domain/visitors/barcodes";
import { requestLocale } from "@/src/i18n/error-message";
import { getStaffActor } from "@/src/server/auth/get-actor";
import { domain } from "@/src/server/runtime";

/** Never cached anywhere: a letter carries a door credential for one day. */
export const PRIVATE_HEADERS = {
  "cache-control": "private, no-store",
  "x-content-type-options": "nosniff",
} as const;

async function staff() {
  const actor = await getStaffActor();
  if (!actor) throw new AppError("UNAUTHORIZED");
  return actor;
}

const languageOf = (req: Request): "nl" | "en" => {
  const asked = new URL(req.url).searchParams.get("lang");
  return asked === "en" || asked === "nl" ? asked : requestLocale(req) === "en" ? "en" : "nl";
};

export async function inviteLetterResponse(req: Request, id: string): Promise<Response> {
  const actor = await staff();
  const ctx = await domain();
  const details = await letterDetails(ctx, actor, id);
  const { token, day } = await issueInvite(ctx, actor, id, { via: "letter" });
  const pdf = await renderInviteLetter({ language: languageOf(req), invite: token, ...details });
  return new Response(Buffer.from(pdf), {
    headers: {
      ...PRIVATE_HEADERS,
      "content-type": "application/pdf",
      // The file name says what and when, never who.
      "content-disposition": `attachment; filename="uitnodiging-${day}.pdf"`,
    },
  });
}

export async function inviteQrResponse(req: Request, id: string): Promise<Response> {
  const actor = await staff();
  const ctx = await domain();
  await letterDetails(ctx, actor, id); // 404 for what the caller may not see
  const { token } = await issueInvite(ctx, actor, id, { via: "image" });
  const title = languageOf(req) === "en" ? "Invitation QR code" : "QR-code van de uitnodiging";
  return new Response(qrSvg(token, title), {
    headers: {
      ...PRIVATE_HEADERS,
      "content-type": "image/svg+xml; charset=utf-8",
      "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'",
    },
  });
}
