// POST /api/devices/pair {code} — a device exchanges its one-time pairing code for a long-lived
// credential, which goes into an httpOnly cookie and never into the page. Failed attempts are
// counted per client address: 10 within 15 minutes block that address for 15 minutes.
import { NextResponse } from "next/server";
import { z } from "zod";
import { DEVICE_SCREEN_PATH } from "@/src/devices/device-screens";
import { pairDevice } from "@/src/domain/devices/devices";
import { AppError, isAppError } from "@/src/domain/errors";
import { blockedUntil, recordFailure } from "@/src/domain/staff/login-throttle";
import { requestLocale } from "@/src/i18n/error-message";
import { DEVICE_COOKIE, deviceCookieOptions } from "@/src/server/auth/device-cookie";
import { CLIENT_ADDRESS_HEADER } from "@/src/server/client-address";
import { handle, readJson } from "@/src/server/http";
import { domain } from "@/src/server/runtime";
import { isHttps } from "@/src/server/security-headers";

/** Failed pairing attempts per client address before it is blocked (window and block: 15 min). */
const PAIR_FAILURE_LIMIT = 10;
const MAX_BODY_BYTES = 16 * 1024;

const pairSchema = z.object({ code: z.string().max(64) });

const pairKey = (address: string) => `pair:${address}`;

export const POST = handle(async (req: Request) => {
  const ctx = await domain();
  const now = ctx.clock.now();
  const key = pairKey(req.headers.get(CLIENT_ADDRESS_HEADER) ?? "unknown");
  if (await blockedUntil(ctx.db, [key], now)) throw new AppError("RATE_LIMITED");

  const { code } = await readJson(req, pairSchema, MAX_BODY_BYTES);
  let paired: Awaited<ReturnType<typeof pairDevice>>;
  try {
    paired = await pairDevice(ctx, code);
  } catch (err) {
    if (isAppError(err) && err.code === "PAIRING_CODE_INVALID") {
      await recordFailure(ctx.db, [{ key, limit: PAIR_FAILURE_LIMIT }], now);
    }
    throw err;
  }

  const { device, credential } = paired;
  const locale = requestLocale(req);
  const res = NextResponse.json({
    ok: true,
    kind: device.kind,
    redirectTo: `/${locale}${DEVICE_SCREEN_PATH[device.kind]}`,
  });
  res.cookies.set(
    DEVICE_COOKIE,
    credential,
    deviceCookieOptions(isHttps(req.url, req.headers.get("x-forwarded-proto"))),
  );
  res.headers.set("Cache-Control", "no-store");
  return res;
});
