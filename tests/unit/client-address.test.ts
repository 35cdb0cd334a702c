import { describe, expect, it } from "vitest";
import { clientAddress, trustedProxies } from "@/src/server/client-address";

describe("the client address behind a load balancer", () => {
  const lb = trustedProxies("10.0.0.5, 10.0.0.6");

  it("is the peer when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(clientAddress("::ffff:192.0.2.7", "203.0.113.9", new Set())).toBe("192.0.2.7");
  });

  it("is the right-most untrusted hop when the peer is a trusted balancer", () => {
    expect(clientAddress("::ffff:10.0.0.5", "198.51.100.1, 203.0.113.9", lb)).toBe("203.0.113.9");
    expect(clientAddress("10.0.0.6", ["203.0.113.9", "10.0.0.5"], lb)).toBe("203.0.113.9");
  });

  it("ignores the header from anyone else, and falls back to the peer when every hop is trusted", () => {
    expect(clientAddress("192.0.2.7", "203.0.113.9", lb)).toBe("192.0.2.7");
    expect(clientAddress("10.0.0.5", "10.0.0.6", lb)).toBe("10.0.0.5");
    expect(clientAddress("10.0.0.5", undefined, lb)).toBe("10.0.0.5");
  });
});
