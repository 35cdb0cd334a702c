// The benches' realtime baseline: a raw `ws` server broadcasting a payload to `clients` raw `ws`
// clients on loopback that parse it (as a pager or marshal does), no database. Returns, per
// broadcast after `warmup` ones, the ms until the last client has it.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocket, WebSocketServer } from "ws";

const MAX_PAYLOAD = 64 * 1024 * 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function rawWsBroadcast(
  payload: string,
  opts: { clients: number; rounds: number; warmup: number },
): Promise<number[]> {
  const httpServer = createServer();
  const wss = new WebSocketServer({ server: httpServer, maxPayload: MAX_PAYLOAD });
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  const port = (httpServer.address() as AddressInfo).port;
  const clients: WebSocket[] = [];
  let received = 0;
  let onAll: (() => void) | null = null;
  let lastAt = 0;
  try {
    for (let i = 0; i < opts.clients; i++) {
      const c = new WebSocket(`ws://127.0.0.1:${port}`, { maxPayload: MAX_PAYLOAD });
      c.on("message", (data) => {
        JSON.parse(String(data));
        if (++received % opts.clients === 0) {
          lastAt = performance.now();
          onAll?.();
        }
      });
      clients.push(c);
    }
    await Promise.all(clients.map((c) => new Promise((resolve) => c.once("open", resolve))));
    const out: number[] = [];
    for (let i = 0; i < opts.rounds + opts.warmup; i++) {
      const done = new Promise<void>((resolve) => {
        onAll = resolve;
      });
      const t0 = performance.now();
      for (const c of wss.clients) c.send(payload);
      await done;
      if (i >= opts.warmup) out.push(lastAt - t0);
      await sleep(5);
    }
    return out;
  } finally {
    for (const c of clients) c.close();
    wss.close();
    httpServer.closeAllConnections();
    await new Promise((r) => httpServer.close(() => r(null)));
  }
}
