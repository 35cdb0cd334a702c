// POST /api/devices/credential — a paired device's screen asks whether its credential is due for
// rotation (src/domain/devices/credential-rotation.ts); when it is, the answer carries the new
// credential in the httpOnly cookie, and the old one keeps working for a short grace period.
import { NextResponse } from "next/server";
import { renewDeviceCredential } from "@/src/domain/devices/credential-rotation";
import { AppError } from "@/src/domain/errors";
import { parseCookies } from "@/src/realtime/socket-auth";
import { DEVICE_COOKIE, deviceCookieOptions } from "@/src/server/auth/device-cookie";
import { handle } from "@/src/server/http";
import { domain } from "@/src/server/runtime";
import { isHttps } from "@/src/server/security-headers";

export const POST = handle(async (req: Request) => {
  const presented = parseCookies(req.headers.get("cookie") ?? undefined)[DEVICE_COOKIE];
  if (!presented) throw new AppError("UNAUTHORIZED");
  const result = await renewDeviceCredential(await domain(), presented);
  if (!result.ok) throw new AppError("DEVICE_REVOKED");
  const res = NextResponse.json({ ok: true, rotated: result.rotated }, { headers: { "Cache-Control": "no-store" } });
  if (result.rotated) {
    res.cookies.set(
      DEVICE_COOKIE,
      result.credential,
      deviceCookieOptions(isHttps(req.url, req.headers.get("x-forwarded-proto"))),
    );
  }
  return res;
});
