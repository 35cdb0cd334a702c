// The HTTP security headers of every response. Pages get a Content-Security-Policy with a fresh
// nonce per request (proxy.ts): Next puts that nonce on its own scripts, and 'strict-dynamic'
// lets them load the rest, so no other script runs. Styles stay 'unsafe-inline' because React's
// style attributes need it (a nonce does not cover attributes). 'wasm-unsafe-eval' is for the
// kiosk's barcode and MRZ decoders (zxing-wasm, tesseract), which compile WebAssembly.

/** The page CSP for one request. Development needs 'unsafe-eval' for Next's hot reloading. */
export function contentSecurityPolicy(nonce: string, opts: { dev: boolean; https: boolean }): string {
  const script = ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", "'wasm-unsafe-eval'"];
  if (opts.dev) script.push("'unsafe-eval'");
  const directives = [
    "default-src 'self'",
    `script-src ${script.join(" ")}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "media-src 'self' blob:",
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  if (opts.https) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

/**
 * Headers for every response (pages, route handlers, files). The camera is for the kiosk's
 * scanner; nothing else may use devices. HSTS only where the request came over https.
 */
export function securityHeaders(opts: { https: boolean }): [string, string][] {
  const headers: [string, string][] = [
    ["X-Content-Type-Options", "nosniff"],
    ["Referrer-Policy", "no-referrer"],
    ["X-Frame-Options", "DENY"],
    ["Cross-Origin-Opener-Policy", "same-origin"],
    ["Permissions-Policy", "camera=(self), microphone=(), geolocation=(), payment=(), usb=()"],
  ];
  if (opts.https) headers.push(["Strict-Transport-Security", "max-age=31536000; includeSubDomains"]);
  return headers;
}

/** True when the client reached us over https (directly or through a TLS-terminating proxy). */
export function isHttps(url: string, forwardedProto: string | null): boolean {
  const proto = forwardedProto?.split(",")[0]?.trim().toLowerCase();
  return proto ? proto === "https" : url.startsWith("https:");
}
