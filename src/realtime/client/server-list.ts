// Several Portier processes without a load balancer: a socket.io client is given a list of server
// addresses and each reconnection attempt tries the next one (socket.io's own back-off and its
// listeners stay as they are: only the Manager's address changes). With a load balancer, the list is
// one address and this does nothing. Browsers send the page origin's cookies only to addresses that
// share them (the same host name on other ports, or a cookie domain): see docs/operations.md.

/** The part of socket.io-client's Manager this uses (its `uri` is private in the typings, writable at run time). */
interface RotatableManager {
  uri: string;
  on(event: "reconnect_attempt", listener: () => void): unknown;
}

/** Parses a comma- or space-separated list of http(s) addresses; the bad ones are left out. */
export function parseServerList(value: string | null | undefined): string[] {
  return (value ?? "")
    .split(/[\s,]+/)
    .map((s) => s.trim().replace(/\/+$/, ""))
    .filter((s) => /^https?:\/\/[^\s/]+$/.test(s));
}

/** Makes every reconnection attempt of `socket` go to the next address of `servers` (in a ring). */
export function rotateServers(socket: { io: unknown }, servers: string[]): void {
  if (servers.length < 2) return;
  const manager = socket.io as RotatableManager;
  let i = Math.max(0, servers.indexOf(manager.uri.replace(/\/+$/, "")));
  manager.on("reconnect_attempt", () => {
    i = (i + 1) % servers.length;
    manager.uri = servers[i];
  });
}
