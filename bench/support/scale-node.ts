// One Portier "process" of the scale bench, run as a real child process (fork): the database
// (DATABASE_URL of the bench), socket.io with Portier's attachRealtime, and — with REDIS_URL — the
// cluster link (socket.io's Redis adapter, domain events over Redis). The parent talks to it over
// IPC: { press } raises the alarm of a button here (pressButton: the real domain, committed),
// { close } closes an alarm here (all clear, told to the pagers like any close), { cpu } answers
// this process's CPU time so far, { stop } ends it.
// No scheduler: the presses open at once (hardware buttons have no cancel window).
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { systemActor } from "../../src/domain/access/actor";
import { closeAlarm } from "../../src/domain/alarms/alarms";
import { pressButton } from "../../src/domain/alarms/buttons";
import { systemClock } from "../../src/domain/clock";
import type { DomainContext } from "../../src/domain/db";
import { EventBus } from "../../src/domain/events/event-bus";
import { attachRealtime, closeRealtime } from "../../src/realtime/attach";
import { type Cluster, startCluster } from "../../src/server/cluster";
import { createPrismaClient, tuneSqlite } from "../../src/server/db";

type Message =
  | { type: "press"; button: { id: string; locationId: string; roomId: string; level: "EMERGENCY" } }
  | { type: "close"; alarmId: string }
  | { type: "cpu" }
  | { type: "stop" };

const url = process.env.BENCH_DATABASE_URL as string;
const db = createPrismaClient(url);
await tuneSqlite(db);
const ctx: DomainContext = {
  db,
  clock: systemClock,
  events: new EventBus(),
  hmacKey: process.env.BENCH_HMAC_KEY as string,
};
const http = createServer();
const io = attachRealtime(http, ctx, process.env.BENCH_SESSION_SECRET as string);
let cluster: Cluster | null = null;
if (process.env.REDIS_URL) {
  cluster = await startCluster(ctx, io, {
    url: process.env.REDIS_URL,
    prefix: process.env.BENCH_REDIS_PREFIX as string,
  });
}
await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
const send = (m: unknown) => process.send?.(m);
send({ type: "ready", port: (http.address() as AddressInfo).port });

process.on("message", (m: Message) => {
  if (m.type === "press") {
    pressButton(ctx, m.button, { source: "BUTTON_WEBHOOK" })
      .then(({ alarm, joined }) => send({ type: "pressed", alarmId: alarm.id, joined, paged: alarm.responders.length }))
      .catch((err: unknown) => send({ type: "error", message: String(err) }));
  } else if (m.type === "close") {
    closeAlarm(ctx, systemActor, m.alarmId, { outcome: "FALSE_ALARM", note: "bench" })
      .then(() => send({ type: "closed" }))
      .catch((err: unknown) => send({ type: "error", message: String(err) }));
  } else if (m.type === "cpu") {
    // This process's CPU time so far (user + system), in ms: the bench takes the difference over its presses.
    const { user, system } = process.cpuUsage();
    send({ type: "cpu", ms: (user + system) / 1000 });
  } else if (m.type === "stop") {
    const closed = closeRealtime(io);
    http.closeAllConnections();
    void closed
      .then(() => cluster?.stop())
      .then(() => db.$disconnect())
      .finally(() => process.exit(0));
  }
});
