// Two Portier "processes" in one test: two socket.io servers (attachRealtime), each with its own
// EventBus, sharing the database and a real Redis (startCluster: socket.io's Redis adapter and the
// domain events over Redis pub/sub, a unique key prefix per test). Proves: an event reaches every
// process's every-process subscribers once (the publisher's too, once), `on` subscribers only in
// the publisher; a room tablet on A raises an alarm that reaches pagers on B with receipts and the
// 2 s resend; a response on B reaches the tablet on A; a pager connecting to B later gets the open
// alarm; the resend keeps going on B after A is gone.
import { randomBytes } from "node:crypto";
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { encode } from "next-auth/jwt";
import { io as connectClient, type Socket } from "socket.io-client";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { RESEND_AFTER_MS } from "@/src/domain/alarms/alarm-policy";
import type { AlarmView } from "@/src/domain/alarms/alarm-view";
import { openAlarm } from "@/src/domain/alarms/alarms";
import { EventBus } from "@/src/domain/events/event-bus";
import { attachRealtime, closeRealtime, type PortierServer } from "@/src/realtime/attach";
import type { AlarmAckResult } from "@/src/realtime/events";
import { DEVICE_COOKIE } from "@/src/server/auth/device-cookie";
import { type Cluster, startCluster } from "@/src/server/cluster";
import { type AlarmSite, makeAlarmSite, makePresent, TABLET_CREDENTIAL } from "@/tests/helpers/alarm-fixtures";
import { REDIS_TEST_URL, skipWithout, uniqueRedisPrefix } from "@/tests/helpers/services";
import { closeTestDb, resetDb, type TestContext, testContext } from "@/tests/helpers/test-db";

const skip = await skipWithout(["redis"], "cluster (Redis)");
const secret = randomBytes(32).toString("base64url");

interface Node {
  ctx: TestContext;
  io: PortierServer;
  http: HttpServer;
  cluster: Cluster;
  url: string;
  closed: boolean;
}
let ctx: TestContext;
let site: AlarmSite;
let a: Node;
let b: Node;
const clients: Socket[] = [];

async function startNode(prefix: string): Promise<Node> {
  // Same database and clock, its own event bus: what a second process has.
  const own: TestContext = { ...ctx, events: new EventBus() };
  const http = createServer();
  const io = attachRealtime(http, own, secret);
  const cluster = await startCluster(own, io, { url: REDIS_TEST_URL, prefix });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  return {
    ctx: own,
    io,
    http,
    cluster,
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    closed: false,
  };
}
async function stopNode(n: Node) {
  if (n.closed) return;
  n.closed = true;
  await closeRealtime(n.io);
  await n.cluster.stop();
}

beforeEach(async () => {
  if (skip) return;
  ctx = await testContext();
  await resetDb(ctx.db);
  site = await makeAlarmSite(ctx.db, ctx.clock.now());
  const prefix = uniqueRedisPrefix("cluster");
  a = await startNode(prefix);
  b = await startNode(prefix);
});
afterEach(async () => {
  if (skip) return;
  for (const c of clients.splice(0)) c.disconnect();
  await stopNode(a);
  await stopNode(b);
});
afterAll(closeTestDb);

async function connect(node: Node, cookie: string, setup?: (c: Socket) => void): Promise<Socket> {
  const c = connectClient(node.url, {
    path: "/socket.io",
    transports: ["websocket"],
    extraHeaders: { cookie },
    reconnection: false,
    autoConnect: false,
  });
  clients.push(c);
  setup?.(c);
  c.connect();
  await new Promise<void>((resolve, reject) => {
    c.once("connect", () => resolve());
    c.once("connect_error", reject);
  });
  return c;
}
async function staffSocket(node: Node, staffId: string, setup?: (c: Socket) => void) {
  const token = await encode({ token: { staffId, sub: staffId }, secret });
  return connect(node, `next-auth.session-token=${token}`, setup);
}
async function pager(node: Node, staffId: string, ackWhen: (n: number) => boolean) {
  const received: { at: number; alarm: AlarmView }[] = [];
  const socket = await staffSocket(node, staffId, (c) =>
    c.on("alarm.paged", (alarm: AlarmView, ack: (r: { ok: boolean }) => void) => {
      received.push({ at: performance.now(), alarm });
      if (ackWhen(received.length)) ack({ ok: true });
    }),
  );
  return { socket, received };
}
async function waitFor<T>(probe: () => T | Promise<T>, what: string, ms = 8000): Promise<NonNullable<T>> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v as NonNullable<T>;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pageRow = (alarmId: string, staffId: string) =>
  ctx.db.alarmPage.findUniqueOrThrow({ where: { alarmId_staffId: { alarmId, staffId } } });

describe.skipIf(skip)("several processes over Redis", () => {
  it("an event reaches every process's every-process subscribers once; `on` runs in the publisher only", async () => {
    const seen: string[] = [];
    for (const [name, node] of [
      ["A", a],
      ["B", b],
    ] as const) {
      node.ctx.events.onEveryProcess("device.registered", (p) => void seen.push(`${name} every ${p.deviceId}`));
      node.ctx.events.on("device.registered", (p) => void seen.push(`${name} on ${p.deviceId}`));
    }
    a.ctx.events.publish("device.registered", {
      deviceId: "d1",
      locationId: site.locationId,
      kind: "KIOSK",
      name: "K1",
    });
    b.ctx.events.publish("device.registered", {
      deviceId: "d2",
      locationId: site.locationId,
      kind: "KIOSK",
      name: "K2",
    });
    await waitFor(() => seen.length >= 6, "both events in both processes");
    await sleep(200); // nothing more arrives (no echo of a process's own message)
    expect(seen.sort()).toEqual(["A every d1", "A every d2", "A on d1", "B every d1", "B every d2", "B on d2"]);
    expect(a.cluster.status()).toMatchObject({ state: "connected", events: { sent: 1, received: 1, dropped: 0 } });
  });

  it("tablet on A, pagers on B: paged with receipts and the 2 s resend; B's response reaches the tablet on A", async () => {
    const [p1, p2] = site.team;
    await makePresent(ctx.db, ctx.clock.now(), p1.id, p2.id);
    const silent = await pager(b, p1.id, (n) => n >= 2); // ignores the first copy
    const acking = await pager(b, p2.id, () => true);
    const tablet = await connect(a, `${DEVICE_COOKIE}=${TABLET_CREDENTIAL}`);
    const tabletUpdates: AlarmView[] = [];
    tablet.on("alarm.updated", (v: AlarmView) => tabletUpdates.push(v));

    // The tablet on A counts the pagers connected to B (socket.io's Redis adapter).
    expect(await tablet.emitWithAck("tablet.status")).toEqual({ ok: true, reachable: 2 });
    const raised: AlarmAckResult = await tablet.emitWithAck("alarm.raise", { level: "EMERGENCY" });
    expect(raised.ok).toBe(true);
    const alarmId = raised.alarm?.id as string;
    await openAlarm(a.ctx, alarmId); // the end of the cancel window, on A

    await waitFor(async () => (await pageRow(alarmId, p2.id)).deliveredAt, "B's acking pager's receipt");
    expect(acking.received).toHaveLength(1);
    await waitFor(() => silent.received.length >= 2, "the resend to B's silent pager");
    expect(silent.received[1].at - silent.received[0].at).toBeGreaterThanOrEqual(RESEND_AFTER_MS - 50);
    await waitFor(
      async () => (await pageRow(alarmId, p1.id)).deliveredAt,
      "the silent pager's receipt after the resend",
    );
    await sleep(RESEND_AFTER_MS + 300);
    // One copy per pager (no duplicate from the other process), plus the one resend.
    expect(acking.received).toHaveLength(1);
    expect(silent.received).toHaveLength(2);

    const coming: AlarmAckResult = await acking.socket.emitWithAck("alarm.respond", { alarmId, response: "COMING" });
    expect(coming.ok).toBe(true);
    await waitFor(
      () => tabletUpdates.some((v) => v.responders.some((r) => r.staffId === p2.id && r.response === "COMING")),
      "the response on B at the tablet on A",
    );
  });

  it("a pager that (re)connects to B after the alarm was raised on A gets it, and alarm.sync on B lists it", async () => {
    const [p1] = site.team;
    await makePresent(ctx.db, ctx.clock.now(), p1.id);
    const tablet = await connect(a, `${DEVICE_COOKIE}=${TABLET_CREDENTIAL}`);
    const raised: AlarmAckResult = await tablet.emitWithAck("alarm.raise", { level: "EMERGENCY" });
    const alarmId = raised.alarm?.id as string;
    await openAlarm(a.ctx, alarmId); // nobody connected yet
    const late = await pager(b, p1.id, () => true);
    await waitFor(() => late.received.some((r) => r.alarm.id === alarmId), "the open alarm at the pager on B");
    const synced = await late.socket.emitWithAck("alarm.sync");
    expect(synced).toMatchObject({ ok: true, alarms: [expect.objectContaining({ id: alarmId, status: "OPEN" })] });
    await waitFor(async () => (await pageRow(alarmId, p1.id)).deliveredAt, "the receipt, recorded by B");
  });

  it("a page's resend loop lives with the pager's process: it goes on after the raising process is gone", async () => {
    const [p1] = site.team;
    await makePresent(ctx.db, ctx.clock.now(), p1.id);
    const silent = await pager(b, p1.id, () => false); // never acknowledges
    const tablet = await connect(a, `${DEVICE_COOKIE}=${TABLET_CREDENTIAL}`);
    const raised: AlarmAckResult = await tablet.emitWithAck("alarm.raise", { level: "EMERGENCY" });
    await openAlarm(a.ctx, raised.alarm?.id as string);
    await waitFor(() => silent.received.length >= 1, "the first copy on B");
    await stopNode(a);
    await waitFor(() => silent.received.length >= 3, "two more copies from B, without A", 3 * RESEND_AFTER_MS + 2000);
  });
});
