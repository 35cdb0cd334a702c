// A pager for the scale bench that speaks socket.io's wire protocol itself over one `ws`
// WebSocket (engine.io protocol 4, socket.io protocol 5, text packets only — all a pager gets):
// open → CONNECT to the main namespace, pong to every ping, and each event with an id
// acknowledged at once with `{ ok: true }`, as the real pager does (src/staff/alarms). To the server
// it is a socket.io client like any other; it only costs less CPU than socket.io-client, which
// matters when 1,000 simulated devices share the servers' cores (bench/support/scale-pagers.ts).
import { WebSocket } from "ws";

export interface LeanPager {
  close(): void;
}

type Alarm = { id: string; status: string };

/** Engine.io packet types (first character) and socket.io packet types (second, in a message). */
const OPEN = "0";
const PING = "2";
const PONG = "3";
const MESSAGE = "4";
const SIO_CONNECT = "0";
const SIO_EVENT = "2";
const SIO_ACK = "3";
const SIO_CONNECT_ERROR = "4";

/** Parses a socket.io EVENT packet after its "42": the ack id (may be empty) and the arguments. */
function parseEvent(body: string): { ackId: string; args: unknown[] } {
  const start = body.indexOf("[");
  if (start < 0) throw new Error(`not an event packet: ${body.slice(0, 40)}`);
  return { ackId: body.slice(0, start), args: JSON.parse(body.slice(start)) as unknown[] };
}

export function leanPager(opts: {
  /** ws://host:port (the path /socket.io/ is added). */
  url: string;
  cookie: string;
  onEvent: (event: string, alarm: Alarm) => void;
  timeoutMs?: number;
}): Promise<LeanPager> {
  const ws = new WebSocket(`${opts.url}/socket.io/?EIO=4&transport=websocket`, {
    headers: { cookie: opts.cookie },
    perMessageDeflate: false,
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error("a pager did not connect in time")), opts.timeoutMs ?? 60_000);
    const fail = (err: Error) => {
      clearTimeout(timer);
      ws.terminate();
      reject(err);
    };
    ws.on("message", (data: Buffer) => {
      const packet = data.toString();
      const type = packet[0];
      if (type === PING) return ws.send(PONG);
      if (type === OPEN) return ws.send(MESSAGE + SIO_CONNECT);
      if (type !== MESSAGE) return;
      const kind = packet[1];
      if (kind === SIO_EVENT) {
        const { ackId, args } = parseEvent(packet.slice(2));
        if (ackId) ws.send(`${MESSAGE}${SIO_ACK}${ackId}[{"ok":true}]`);
        opts.onEvent(args[0] as string, args[1] as Alarm);
      } else if (kind === SIO_CONNECT) {
        clearTimeout(timer);
        resolve({ close: () => ws.close() });
      } else if (kind === SIO_CONNECT_ERROR) {
        fail(new Error(`connection refused: ${packet.slice(2)}`));
      }
    });
    ws.once("error", fail);
    ws.once("close", () => fail(new Error("closed before it connected")));
  });
}
