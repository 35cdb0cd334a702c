// POST or DELETE /api/devices/unpair — "forget this pairing" on the device itself: removes the
// credential cookie from this browser. The device stays registered; an administrator can revoke
// it or issue a new pairing code. Refused from other sites, so a web page cannot unpair a kiosk.
import { NextResponse } from "next/server";
import { AppError } from "@/src/domain/errors";
import { DEVICE_COOKIE, deviceCookieOptions } from "@/src/server/auth/device-cookie";
import { handle } from "@/src/server/http";

function sameOrigin(req: Request): boolean {
  const site = req.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return false;
  const origin = req.headers.get("origin");
  if (!origin) return true;
  try {
    return new URL(origin).host === (req.headers.get("host") ?? new URL(req.url).host);
  } catch {
    return false;
  }
}

const unpair = handle(async (req: Request) => {
  if (!sameOrigin(req)) throw new AppError("FORBIDDEN");
  const res = NextResponse.json({ ok: true });
  const { maxAge: _keep, ...options } = deviceCookieOptions(new URL(req.url).protocol === "https:");
  res.cookies.set(DEVICE_COOKIE, "", { ...options, maxAge: 0 });
  res.headers.set("Cache-Control", "no-store");
  return res;
});

export const POST = unpair;
export const DELETE = unpair;
