// Pager clients of the scale bench, as a real child process: a share of the 1,000 pagers, each on
// its own WebSocket, acknowledging every page as the real pager does. The parent sends { connect }
// with a session token and a port per pager; this process answers { connected }, then, per alarm,
// { all } once every one of its pagers has the page: when the last of them had it, overall and per
// server port; and { closed } once every one of them has had the alarm's closing update. Times are
// process.hrtime (CLOCK_MONOTONIC, the same clock in every process of the machine), in ms.
//
// The client: by default each pager speaks socket.io's wire protocol itself over a `ws` WebSocket
// (lean-pager.ts) — to the server exactly what socket.io-client sends (the handshake with the
// session cookie, pong to every ping, the acknowledgement of every page), at a fraction of
// socket.io-client's CPU. Here 1,000 devices share the servers' two cores (a real pager has its
// own), so the clients' own work is on the measured path; BENCH_SCALE_CLIENT=socket.io-client runs
// the real client library instead (docs/alarms.md, Speed, has figures taken with it).
import { io as connectClient } from "socket.io-client";
import { leanPager } from "./lean-pager";

type Message = { type: "connect"; pagers: { token: string; port: number }[] } | { type: "close" };
type Client = { close(): void };

const now = () => Number(process.hrtime.bigint()) / 1e6;
const send = (m: unknown) => process.send?.(m);
const clients: Client[] = [];
const useSocketIoClient = process.env.BENCH_SCALE_CLIENT === "socket.io-client";

/** One pager: calls `onEvent` for each alarm event (after acknowledging a page); resolves once connected. */
function connectPager(
  token: string,
  port: number,
  onEvent: (event: string, alarm: { id: string; status: string }) => void,
): Promise<Client> {
  if (!useSocketIoClient) {
    return leanPager({ url: `ws://127.0.0.1:${port}`, cookie: `next-auth.session-token=${token}`, onEvent });
  }
  return new Promise((resolve, reject) => {
    const c = connectClient(`http://127.0.0.1:${port}`, {
      path: "/socket.io",
      transports: ["websocket"],
      extraHeaders: { cookie: `next-auth.session-token=${token}` },
      reconnection: false,
    });
    c.on("alarm.paged", (alarm: { id: string; status: string }, ack?: (r: { ok: boolean }) => void) => {
      ack?.({ ok: true });
      onEvent("alarm.paged", alarm);
    });
    c.on("alarm.updated", (alarm: { id: string; status: string }) => onEvent("alarm.updated", alarm));
    const timer = setTimeout(() => reject(new Error("a pager did not connect within 60 s")), 60_000);
    c.once("connect", () => {
      clearTimeout(timer);
      resolve(c);
    });
    c.once("connect_error", reject);
  });
}

async function connect(pagers: { token: string; port: number }[]) {
  const got = new Map<string, number>();
  const closed = new Map<string, number>();
  const lastOnPort = new Map<string, Map<number, number>>();
  const connected = await Promise.all(
    pagers.map(({ token, port }) => {
      const seen = new Set<string>();
      const closedSeen = new Set<string>();
      return connectPager(token, port, (event, alarm) => {
        const t = now();
        if (event === "alarm.paged") {
          if (seen.has(alarm.id)) return;
          seen.add(alarm.id);
          let perPort = lastOnPort.get(alarm.id);
          if (!perPort) {
            perPort = new Map();
            lastOnPort.set(alarm.id, perPort);
          }
          perPort.set(port, t);
          const n = (got.get(alarm.id) ?? 0) + 1;
          got.set(alarm.id, n);
          if (n === pagers.length) {
            send({ type: "all", alarmId: alarm.id, last: t, perPort: [...perPort] });
            lastOnPort.delete(alarm.id);
            got.delete(alarm.id);
          }
        } else if (event === "alarm.updated") {
          if (alarm.status !== "CLOSED" || closedSeen.has(alarm.id)) return;
          closedSeen.add(alarm.id);
          const n = (closed.get(alarm.id) ?? 0) + 1;
          closed.set(alarm.id, n);
          if (n === pagers.length) {
            send({ type: "closed", alarmId: alarm.id });
            closed.delete(alarm.id);
          }
        }
      });
    }),
  );
  clients.push(...connected);
}

process.on("message", (m: Message) => {
  if (m.type === "connect") {
    connect(m.pagers)
      .then(() => send({ type: "connected" }))
      .catch((err: unknown) => send({ type: "error", message: String(err) }));
  } else if (m.type === "close") {
    for (const c of clients) c.close();
    process.exit(0);
  }
});
process.on("disconnect", () => process.exit(0)); // the bench is gone
send({ type: "ready" });
