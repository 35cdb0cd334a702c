"use client";
// Keeps the staff session alive while someone works, and ends the screen when nobody does
// (src/domain/staff/staff-sessions.ts). Reports POST /api/staff/activity:
//   - on a screen of duty (DUTY_SCREENS: pager, desk, doorman console, register, evacuation roll
//     call — a marshal on the pavement must never be signed out) at load and every
//     REPORT_EVERY_MS by itself, marked `duty` — it stays signed in however long it is left open;
//   - on any other staff screen at load and then only after a tap, click, key or scroll, at most
//     every REPORT_EVERY_MS; after `idleMs` without any, the screen goes to the sign-in page
//     (which says why) so nothing stays visible on an unattended computer.
// A 401 (the session ended or idled out on the server) also goes to the sign-in page. While the
// reports succeed, the signed session cookie (12 hours) is renewed every COOKIE_RENEW_MS through
// next-auth's own /api/auth/session, so a pager left open for days is not signed out by its
// cookie expiring either.
import { useLocale } from "next-intl";
import { useEffect } from "react";
import { usePathname } from "@/src/i18n/navigation";

/** Screens meant to stay open all day. Paths without the language prefix. */
export const DUTY_SCREENS = [
  "/staff/alarms",
  "/staff/desk",
  "/staff/doors",
  "/staff/register",
  "/staff/evacuation",
] as const;
export const REPORT_EVERY_MS = 60_000;
export const COOKIE_RENEW_MS = 30 * 60_000;

export const isDutyScreen = (pathname: string) =>
  DUTY_SCREENS.some((p) => pathname === p || pathname.startsWith(`${p}/`));

const INPUT_EVENTS = ["pointerdown", "keydown", "touchstart", "wheel", "scroll"] as const;

export function StaffActivity({ idleMs }: { idleMs: number }) {
  const pathname = usePathname();
  const locale = useLocale();
  const duty = isDutyScreen(pathname);

  useEffect(() => {
    let stopped = false;
    let lastInput = Date.now();
    let lastReport = 0;
    let lastRenew = Date.now();
    const toSignIn = () => {
      if (stopped) return;
      stopped = true;
      window.location.assign(`/${locale}/login?reason=idle&next=${encodeURIComponent(pathname)}`);
    };
    const report = async () => {
      lastReport = Date.now();
      try {
        const res = await fetch("/api/staff/activity", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ duty }),
          cache: "no-store",
        });
        if (res.status === 401) return toSignIn();
        if (res.ok && Date.now() - lastRenew >= COOKIE_RENEW_MS) {
          lastRenew = Date.now();
          await fetch("/api/auth/session", { cache: "no-store" });
        }
      } catch {
        // Offline: the next report tries again.
      }
    };
    const onInput = () => {
      lastInput = Date.now();
    };
    const tick = () => {
      if (stopped) return;
      const now = Date.now();
      if (!duty && now - lastInput >= idleMs) return toSignIn();
      if (duty || lastInput > lastReport) void report();
    };
    for (const e of INPUT_EVENTS) window.addEventListener(e, onInput, { passive: true, capture: true });
    void report(); // opening a screen is activity too
    const timer = setInterval(tick, Math.min(REPORT_EVERY_MS, Math.max(1000, idleMs / 4)));
    return () => {
      stopped = true;
      clearInterval(timer);
      for (const e of INPUT_EVENTS) window.removeEventListener(e, onInput, { capture: true });
    };
  }, [duty, idleMs, locale, pathname]);

  return null;
}
