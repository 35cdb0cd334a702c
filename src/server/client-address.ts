import type { IncomingMessage } from "node:http";

/**
 * The custom server stamps each request with the peer address under this header (replacing
 * anything a client sent), so throttling can count per address inside Next's handlers.
 */
export const CLIENT_ADDRESS_HEADER = "x-portier-client-address";

/**
 * Behind a load balancer every peer is the balancer. PORTIER_TRUSTED_PROXIES lists the balancers'
 * addresses (comma-separated); a request from one of them is counted for the right-most address
 * in its X-Forwarded-For that is not itself a trusted proxy. From anyone else the header is ignored.
 */
export function clientAddress(
  peer: string | undefined,
  forwardedFor: string | string[] | undefined,
  trusted: ReadonlySet<string>,
): string {
  const direct = normalise(peer ?? "unknown");
  if (!trusted.has(direct) || !forwardedFor) return direct;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor)
    .split(",")
    .map((h) => normalise(h.trim()))
    .filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) if (!trusted.has(hops[i])) return hops[i];
  return direct;
}

/** IPv4 peers arrive as ::ffff:1.2.3.4 on a dual-stack socket. */
const normalise = (address: string) => address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, "$1");

export const trustedProxies = (value: string | undefined): ReadonlySet<string> =>
  new Set(
    (value ?? "")
      .split(/[\s,]+/)
      .filter(Boolean)
      .map(normalise),
  );

const TRUSTED = trustedProxies(process.env.PORTIER_TRUSTED_PROXIES);

export function stampClientAddress(req: IncomingMessage): void {
  req.headers[CLIENT_ADDRESS_HEADER] = clientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], TRUSTED);
}
