/** The httpOnly cookie that carries a paired device's credential. */
export const DEVICE_COOKIE = "portier_device";
/** Devices stay paired until revoked; the cookie is renewed on every pairing. */
export const DEVICE_COOKIE_MAX_AGE_S = 5 * 365 * 24 * 60 * 60;

export function deviceCookieOptions(secure: boolean) {
  return { httpOnly: true, sameSite: "lax" as const, secure, path: "/", maxAge: DEVICE_COOKIE_MAX_AGE_S };
}
