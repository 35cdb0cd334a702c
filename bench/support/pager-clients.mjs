// The alarm bench's pagers, in a worker thread of their own: on a real site every pager is a
// separate phone, so the server's thread must not also parse 200 clients' messages. Plain
// JavaScript (a worker does not go through tsx). Times are absolute (timeOrigin + now), so the
// bench's thread can compare them with its own.
//
// Messages in:  { cmd: "socketio", url, tokens }  connect one socket.io pager per staff token
//               { cmd: "ws", url, n }             connect n raw `ws` clients (the baseline)
//               { cmd: "close" }
// Messages out: { type: "ready" } once all are connected;
//               { type: "all", alarmId?, at } when the last client has a page (socket.io: per alarm
//               id, a re-send not counted twice; ws: every n-th message); { type: "sample", payload }
//               once (the first page as sent, for its size); { type: "error", message }.
import { parentPort } from "node:worker_threads";
import { io as connectClient } from "socket.io-client";
import { WebSocket } from "ws";

const now = () => performance.timeOrigin + performance.now();
const clients = [];
const post = (m) => parentPort.postMessage(m);

function opened(c, event) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("a client did not connect within 60 s")), 60_000);
    c.once(event, () => {
      clearTimeout(timer);
      resolve();
    });
    c.once(event === "open" ? "error" : "connect_error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

async function socketio(url, tokens) {
  const got = new Map();
  let sampled = false;
  const ready = tokens.map((token, i) => {
    const c = connectClient(url, {
      path: "/socket.io",
      transports: ["websocket"],
      extraHeaders: { cookie: `next-auth.session-token=${token}` },
      reconnection: false,
    });
    c.on("alarm.paged", (alarm, ack) => {
      const at = now();
      ack?.({ ok: true }); // as the real pager does: the server then records the receipt
      let set = got.get(alarm.id);
      if (!set) {
        set = new Set();
        got.set(alarm.id, set);
      }
      if (set.has(i)) return; // a re-send
      set.add(i);
      if (set.size === tokens.length) post({ type: "all", alarmId: alarm.id, at });
      if (!sampled) {
        sampled = true;
        post({ type: "sample", payload: JSON.stringify(["alarm.paged", alarm]) });
      }
    });
    clients.push(c);
    return opened(c, "connect");
  });
  await Promise.all(ready);
}

async function ws(url, n) {
  let received = 0;
  const ready = [];
  for (let i = 0; i < n; i++) {
    const c = new WebSocket(url);
    c.on("message", (data) => {
      JSON.parse(String(data)); // the client parses, as a pager does
      if (++received % n === 0) post({ type: "all", at: now() });
    });
    clients.push(c);
    ready.push(opened(c, "open"));
  }
  await Promise.all(ready);
}

parentPort.on("message", (m) => {
  const work = m.cmd === "socketio" ? socketio(m.url, m.tokens) : m.cmd === "ws" ? ws(m.url, m.n) : Promise.resolve();
  work.then(
    () => {
      if (m.cmd === "close") {
        for (const c of clients.splice(0)) c.close();
        post({ type: "closed" });
      } else post({ type: "ready" });
    },
    (err) => post({ type: "error", message: String(err?.message ?? err) }),
  );
});
