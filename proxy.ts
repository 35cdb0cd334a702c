// Next 16 "proxy" (formerly middleware): sends every page request to its locale (/nl, /en).
import createMiddleware from "next-intl/middleware";
import { routing } from "@/src/i18n/routing";

export default createMiddleware(routing);

export const config = {
  // Pages only: not the API, Next's assets, socket.io, or files with an extension.
  matcher: ["/((?!api|_next|_vercel|socket\\.io|.*\\..*).*)"],
};
