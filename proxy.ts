// Next 16 "proxy" (formerly middleware), for page requests: a fresh CSP nonce per request
// (src/server/security-headers.ts) handed to Next through the request headers and set on the
// response, and the locale (/nl, /en) from next-intl. The other security headers are set on
// every response by server.ts.
import { NextRequest, type NextResponse } from "next/server";
import createMiddleware from "next-intl/middleware";
import { routing } from "@/src/i18n/routing";
import { contentSecurityPolicy, isHttps } from "@/src/server/security-headers";

const handleLocale = createMiddleware(routing);

export default function proxy(request: NextRequest): NextResponse {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const https = isHttps(request.url, request.headers.get("x-forwarded-proto"));
  const csp = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV !== "production", https });
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", csp);
  const response = handleLocale(new NextRequest(request, { headers }));
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  // Pages only: not the API, Next's assets, socket.io, or files with an extension.
  matcher: ["/((?!api|_next|_vercel|socket\\.io|.*\\..*).*)"],
};
