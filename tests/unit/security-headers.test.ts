// The security headers: a nonce-based CSP (no inline script without the nonce, no framing, no
// plugins), the headers every response carries, HSTS and upgrade-insecure-requests only over https.
import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, isHttps, securityHeaders } from "@/src/server/security-headers";

const directives = (csp: string) =>
  new Map(csp.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1)] as [string, string[]]));

describe("content security policy", () => {
  it("allows scripts only with the request's nonce (and what they load), never inline or eval", () => {
    const d = directives(contentSecurityPolicy("abc123", { dev: false, https: false }));
    expect(d.get("script-src")).toEqual(["'self'", "'nonce-abc123'", "'strict-dynamic'", "'wasm-unsafe-eval'"]);
    expect(d.get("script-src")).not.toContain("'unsafe-inline'");
    expect(d.get("frame-ancestors")).toEqual(["'none'"]);
    expect(d.get("object-src")).toEqual(["'none'"]);
    expect(d.get("base-uri")).toEqual(["'self'"]);
    expect(d.get("form-action")).toEqual(["'self'"]);
    expect(d.get("connect-src")).toEqual(["'self'"]);
    expect(d.has("upgrade-insecure-requests")).toBe(false);
  });

  it("adds eval only in development, and upgrade-insecure-requests only over https", () => {
    expect(directives(contentSecurityPolicy("n", { dev: true, https: false })).get("script-src")).toContain(
      "'unsafe-eval'",
    );
    expect(directives(contentSecurityPolicy("n", { dev: false, https: true })).has("upgrade-insecure-requests")).toBe(
      true,
    );
  });
});

describe("security headers", () => {
  it("are on every response, HSTS only over https", () => {
    const plain = new Map(securityHeaders({ https: false }));
    expect(plain.get("X-Content-Type-Options")).toBe("nosniff");
    expect(plain.get("Referrer-Policy")).toBe("no-referrer");
    expect(plain.get("X-Frame-Options")).toBe("DENY");
    expect(plain.get("Permissions-Policy")).toContain("camera=(self)");
    expect(plain.has("Strict-Transport-Security")).toBe(false);
    expect(new Map(securityHeaders({ https: true })).get("Strict-Transport-Security")).toMatch(/^max-age=\d+/);
  });

  it("tells https from the URL or the proxy's forwarded protocol", () => {
    expect(isHttps("https://portier.example/nl", null)).toBe(true);
    expect(isHttps("http://10.0.0.5/nl", "https")).toBe(true);
    expect(isHttps("http://10.0.0.5/nl", "http, https")).toBe(false);
    expect(isHttps("http://localhost:3000/nl", null)).toBe(false);
  });
});
