import type { IncomingMessage } from "node:http";

/**
 * The custom server stamps each request with the peer address under this header (replacing
 * anything a client sent), so throttling can count per address inside Next's handlers.
 */
export const CLIENT_ADDRESS_HEADER = "x-portier-client-address";

export function stampClientAddress(req: IncomingMessage): void {
  req.headers[CLIENT_ADDRESS_HEADER] = req.socket.remoteAddress ?? "unknown";
}
