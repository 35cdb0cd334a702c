// Pager clients of the scale bench, as a real child process: a share of the 1,000 pagers
// (socket.io-client, websocket transport, acknowledging every page as the real pager does). The
// parent sends { connect } with a session token and a port per pager; this process answers
// { connected }, then, per alarm, { all } once every one of its pagers has the page: when the last
// of them had it, overall and per server port; and { closed } once every one of them has had the
// alarm's closing update. Times are process.hrtime (CLOCK_MONOTONIC, the same
// clock in every process of the machine), in ms.
import { io as connectClient, type Socket } from "socket.io-client";

type Message = { type: "connect"; pagers: { token: string; port: number }[] } | { type: "close" };

const now = () => Number(process.hrtime.bigint()) / 1e6;
const send = (m: unknown) => process.send?.(m);
const sockets: Socket[] = [];

async function connect(pagers: { token: string; port: number }[]) {
  const got = new Map<string, number>();
  const closed = new Map<string, number>();
  const lastOnPort = new Map<string, Map<number, number>>();
  await Promise.all(
    pagers.map(
      ({ token, port }) =>
        new Promise<void>((resolve, reject) => {
          const c = connectClient(`http://127.0.0.1:${port}`, {
            path: "/socket.io",
            transports: ["websocket"],
            extraHeaders: { cookie: `next-auth.session-token=${token}` },
            reconnection: false,
          });
          const seen = new Set<string>();
          c.on("alarm.paged", (alarm: { id: string }, ack?: (r: { ok: boolean }) => void) => {
            const t = now();
            ack?.({ ok: true });
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
          });
          c.on("alarm.updated", (alarm: { id: string; status: string }) => {
            if (alarm.status !== "CLOSED" || closedSeen.has(alarm.id)) return;
            closedSeen.add(alarm.id);
            const n = (closed.get(alarm.id) ?? 0) + 1;
            closed.set(alarm.id, n);
            if (n === pagers.length) {
              send({ type: "closed", alarmId: alarm.id });
              closed.delete(alarm.id);
            }
          });
          const closedSeen = new Set<string>();
          sockets.push(c);
          const timer = setTimeout(() => reject(new Error("a pager did not connect within 60 s")), 60_000);
          c.once("connect", () => {
            clearTimeout(timer);
            resolve();
          });
          c.once("connect_error", reject);
        }),
    ),
  );
}

process.on("message", (m: Message) => {
  if (m.type === "connect") {
    connect(m.pagers)
      .then(() => send({ type: "connected" }))
      .catch((err: unknown) => send({ type: "error", message: String(err) }));
  } else if (m.type === "close") {
    for (const s of sockets) s.close();
    process.exit(0);
  }
});
process.on("disconnect", () => process.exit(0)); // the bench is gone
send({ type: "ready" });
