// The alarm's delivery protocol over real sockets: Portier's own attachRealtime on a loopback
// socket.io server, socket.io-client pagers signed in with a next-auth session cookie and a room
// tablet with its device cookie, on the real migrated database. Proves: a page that is not
// acknowledged is sent again after RESEND_AFTER_MS, an acknowledgement records delivery, a
// reconnecting pager receives the open alarm, resending stops when the alarm closes, and the
// tablet's requests (raise, status) and the pager's (respond, close) answer with acks.
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { encode } from "next-auth/jwt";
import { io as connectClient, type Socket } from "socket.io-client";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { type LeanPager, leanPager } from "@/bench/support/lean-pager";
import { RESEND_AFTER_MS } from "@/src/domain/alarms/alarm-policy";
import type { AlarmView } from "@/src/domain/alarms/alarm-view";
import { escalateAlarm, openAlarm, recordDeliveries } from "@/src/domain/alarms/alarms";
import { receiptBatcher } from "@/src/realtime/alarm-delivery";
import { attachRealtime, closeRealtime, type PortierServer } from "@/src/realtime/attach";
import type { AlarmAckResult } from "@/src/realtime/events";
import { DEVICE_COOKIE } from "@/src/server/auth/device-cookie";
import { type AlarmSite, makeAlarmSite, makePresent, TABLET_CREDENTIAL } from "@/tests/helpers/alarm-fixtures";
import { collectEvents } from "@/tests/helpers/kiosk-fixtures";
import { closeTestDb, resetDb, type TestContext, testContext } from "@/tests/helpers/test-db";

const secret = randomBytes(32).toString("base64url");
let ctx: TestContext;
let site: AlarmSite;
let io: PortierServer;
let url: string;
const clients: Socket[] = [];

beforeEach(async () => {
  ctx = await testContext();
  await resetDb(ctx.db);
  site = await makeAlarmSite(ctx.db, ctx.clock.now());
  const httpServer = createServer();
  io = attachRealtime(httpServer, ctx, secret);
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.disconnect();
  await closeRealtime(io);
});
afterAll(closeTestDb);

/** A client; `setup` registers its listeners before it connects (as a pager must). */
async function connect(cookie: string, setup?: (c: Socket) => void): Promise<Socket> {
  const c = connectClient(url, {
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
async function staffSocket(staffId: string, setup?: (c: Socket) => void) {
  const token = await encode({ token: { staffId, sub: staffId }, secret });
  return connect(`next-auth.session-token=${token}`, setup);
}
const tabletSocket = () => connect(`${DEVICE_COOKIE}=${TABLET_CREDENTIAL}`);

async function waitFor<T>(probe: () => T | Promise<T>, what: string, ms = 8000): Promise<NonNullable<T>> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v as NonNullable<T>;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
const page = (alarmId: string, staffId: string) =>
  ctx.db.alarmPage.findUniqueOrThrow({ where: { alarmId_staffId: { alarmId, staffId } } });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A pager socket that records every alarm.paged and acknowledges according to `ackWhen(n)` (n = 1: the first copy). */
async function pager(staffId: string, ackWhen: (n: number) => boolean) {
  const received: { at: number; alarm: AlarmView }[] = [];
  const socket = await staffSocket(staffId, (c) => listen(c, ackWhen, received));
  return { socket, received };
}

/** A tablet (this one, or a new socket) raises an alarm and its cancel window is over (openAlarm, as the job would). */
async function tabletAlarm(level: "ASSISTANCE" | "EMERGENCY" = "EMERGENCY", tablet?: Socket) {
  const raised: AlarmAckResult = await (tablet ?? (await tabletSocket())).emitWithAck("alarm.raise", { level });
  const alarmId = raised.alarm?.id as string;
  await openAlarm(ctx, alarmId);
  return alarmId;
}
function listen(socket: Socket, ackWhen: (n: number) => boolean, received: { at: number; alarm: AlarmView }[]) {
  socket.on("alarm.paged", (alarm: AlarmView, ack: (r: { ok: boolean }) => void) => {
    received.push({ at: performance.now(), alarm });
    if (ackWhen(received.length)) ack({ ok: true });
  });
}

describe("alarm delivery over socket.io", () => {
  it("pagers' updates carry the answers and their own row, and only changes they show; the tablet's every change, with the full list", async () => {
    const [a, b] = site.team;
    await makePresent(ctx.db, ctx.clock.now(), a.id, b.id);
    const updatesAt = { a: [] as AlarmView[], b: [] as AlarmView[], tablet: [] as AlarmView[] };
    const socketA = await staffSocket(a.id, (c) => {
      listen(c, () => true, []);
      c.on("alarm.updated", (v: AlarmView) => updatesAt.a.push(v));
    });
    const socketB = await staffSocket(b.id, (c) => {
      listen(c, () => true, []);
      c.on("alarm.updated", (v: AlarmView) => updatesAt.b.push(v));
    });
    const tablet = await tabletSocket();
    tablet.on("alarm.updated", (v: AlarmView) => updatesAt.tablet.push(v));
    const alarmId = await tabletAlarm("EMERGENCY", tablet);
    await waitFor(
      () => updatesAt.tablet.some((v) => v.responders.length === 2 && v.responders.every((r) => r.deliveredAt)),
      "the tablet seeing both pages delivered",
    );
    await socketB.emitWithAck("alarm.respond", { alarmId, response: "COMING" });
    const withB = await waitFor(
      () => updatesAt.a.find((v) => v.responders.some((r) => r.staffId === b.id)),
      "A seeing that B is coming",
    );
    // The receipts changed nothing a pager shows: A's first update (in order on its socket) is B's answer.
    expect(updatesAt.a[0]).toBe(withB);
    expect(withB.responders.map((r) => [r.staffId, r.response]).sort()).toEqual(
      [
        [a.id, null],
        [b.id, "COMING"],
      ].sort(),
    );
    await waitFor(
      () => updatesAt.b.some((v) => v.responders.length === 1 && v.responders[0].response === "COMING"),
      "B's own answer",
    );
    expect(updatesAt.tablet.at(-1)?.responders).toHaveLength(2);
    socketA.disconnect();
  }, 20_000);

  it("an escalation pages the colleague and is an update at the pagers paged before", async () => {
    const [a, b] = site.team;
    const c = site.colleague;
    await makePresent(ctx.db, ctx.clock.now(), a.id, b.id, c.id);
    const updatesAtA: AlarmView[] = [];
    await staffSocket(a.id, (s) => {
      listen(s, () => true, []);
      s.on("alarm.updated", (v: AlarmView) => updatesAtA.push(v));
    });
    const { received: atC } = await pager(c.id, () => true);
    const alarmId = await tabletAlarm("EMERGENCY");
    await waitFor(async () => (await page(alarmId, a.id)).deliveredAt, "A's delivery receipt");
    expect(atC).toHaveLength(0); // not on the team
    await escalateAlarm(ctx, alarmId, 1);
    await waitFor(() => atC.some((p) => p.alarm.escalation === 1), "the colleague paged by the escalation");
    await waitFor(() => updatesAtA.some((v) => v.escalation === 1), "A told of the escalation");
  });

  it("tablet raises; an acking pager is marked delivered; a silent one gets the page again after 2 s", async () => {
    const [a, b] = site.team;
    await makePresent(ctx.db, ctx.clock.now(), a.id, b.id);
    const { socket: socketA, received: atA } = await pager(a.id, (n) => n >= 2); // ignores the first copy
    const { socket: socketB, received: atB } = await pager(b.id, () => true);
    const tablet = await tabletSocket();
    const pending: AlarmView[] = [];
    const tabletUpdates: AlarmView[] = [];
    tablet.on("alarm.pending", (v: AlarmView) => pending.push(v));
    tablet.on("alarm.updated", (v: AlarmView) => tabletUpdates.push(v));

    const status = await tablet.emitWithAck("tablet.status");
    expect(status).toEqual({ ok: true, reachable: 2 });

    const raised: AlarmAckResult = await tablet.emitWithAck("alarm.raise", { level: "EMERGENCY" });
    expect(raised).toMatchObject({ ok: true, joined: false, alarm: { status: "PENDING", level: "EMERGENCY" } });
    const alarmId = raised.alarm?.id as string;
    await waitFor(() => pending.length === 1, "alarm.pending at the tablet");
    expect(atA).toHaveLength(0);

    // The cancel window ends (the scheduler's job, called directly here).
    await openAlarm(ctx, alarmId);
    await waitFor(async () => (await page(alarmId, b.id)).deliveredAt, "B's delivery receipt");
    expect(atB).toHaveLength(1);
    await waitFor(() => atA.length >= 1, "the first copy at A");
    expect((await page(alarmId, a.id)).deliveredAt).toBeNull();
    await waitFor(() => atA.length >= 2, "the second copy at A");
    expect(atA[1].at - atA[0].at).toBeGreaterThanOrEqual(RESEND_AFTER_MS - 50);
    expect(atA[1].alarm.id).toBe(alarmId);
    // A page carries the answers, not every colleague's unanswered row. Its first copy is one
    // message for every pager (no own row: nothing in it yet); a copy sent to one socket again
    // carries that pager's own row.
    expect(atA[0].alarm.responders).toEqual([]);
    expect(atB[0].alarm).toEqual(atA[0].alarm);
    expect(atA[1].alarm.responders.map((r) => r.staffId)).toEqual([a.id]);
    await waitFor(async () => (await page(alarmId, a.id)).deliveredAt, "A's delivery receipt after the resend");
    await sleep(RESEND_AFTER_MS + 300);
    expect(atA).toHaveLength(2); // acknowledged: no third copy
    expect(atB).toHaveLength(1);
    await waitFor(() => tabletUpdates.some((v) => v.status === "OPEN"), "the tablet told the alarm is open");

    const seen: AlarmAckResult = await socketA.emitWithAck("alarm.seen", { alarmId });
    expect(seen.ok).toBe(true);
    const coming: AlarmAckResult = await socketA.emitWithAck("alarm.respond", { alarmId, response: "COMING" });
    expect(coming).toMatchObject({
      ok: true,
      alarm: { responders: expect.arrayContaining([expect.objectContaining({ staffId: a.id, response: "COMING" })]) },
    });
    await waitFor(
      () => tabletUpdates.some((v) => v.responders.some((r) => r.staffId === a.id && r.response === "COMING")),
      "the tablet seeing help is coming",
    );
    const bad: AlarmAckResult = await socketB.emitWithAck("alarm.respond", { alarmId, response: "MAYBE" });
    expect(bad).toEqual({ ok: false, code: "VALIDATION" });

    const closed: AlarmAckResult = await socketB.emitWithAck("alarm.close", { alarmId, outcome: "RESOLVED" });
    expect(closed).toMatchObject({ ok: true, alarm: { status: "CLOSED" } });
    expect(closed.incidentId).toBeTruthy();
    await waitFor(() => tabletUpdates.some((v) => v.status === "CLOSED"), "the tablet back to normal");
  }, 20_000);

  it("a reconnecting pager receives the open alarm; resending stops once the alarm is closed", async () => {
    const [a] = site.team;
    await makePresent(ctx.db, ctx.clock.now(), a.id);
    const alarmId = await tabletAlarm("ASSISTANCE"); // A is not connected: nothing can be delivered
    expect((await page(alarmId, a.id)).deliveredAt).toBeNull();

    // A silent socket first: it keeps receiving copies while the alarm is open.
    const { socket: silent, received: atSilent } = await pager(a.id, () => false);
    await waitFor(() => atSilent.length >= 2, "a second copy at the silent socket");
    silent.disconnect();

    // The pager reconnects (a new socket) and acknowledges: delivered.
    const { socket: again, received: atAgain } = await pager(a.id, () => true);
    await waitFor(() => atAgain.length >= 1, "the open alarm on reconnect");
    expect(atAgain[0].alarm).toMatchObject({ id: alarmId, status: "OPEN" });
    await waitFor(async () => (await page(alarmId, a.id)).deliveredAt, "delivery after reconnect");

    // Another socket that never acknowledges: copies stop when the alarm is closed.
    const { received: atStubborn } = await pager(a.id, () => false);
    await waitFor(() => atStubborn.length >= 1, "the open alarm at the third socket");
    const closed: AlarmAckResult = await again.emitWithAck("alarm.close", { alarmId, outcome: "FALSE_ALARM" });
    expect(closed.ok).toBe(true);
    await sleep(RESEND_AFTER_MS + 300);
    const count = atStubborn.length;
    await sleep(RESEND_AFTER_MS + 300);
    expect(atStubborn.length).toBe(count);
    expect(count).toBeLessThanOrEqual(2);
  }, 20_000);

  it("every device of a responder that confirms a page is recorded (per-device proof)", async () => {
    const [a] = site.team;
    await makePresent(ctx.db, ctx.clock.now(), a.id);
    const { socket: phone, received: atPhone } = await pager(a.id, () => true);
    const { socket: desktop, received: atDesktop } = await pager(a.id, () => true);
    const alarmId = await tabletAlarm();
    await waitFor(() => atPhone.length && atDesktop.length, "the page on both devices");
    const receipts = await waitFor(async () => {
      const rows = await ctx.db.auditEvent.findMany({ where: { subjectId: alarmId, action: "alarm.delivered" } });
      return rows.length === 2 ? rows : null;
    }, "two device receipts");
    const data = receipts.map((r) => JSON.parse(r.data ?? "{}"));
    expect(data.map((d) => d.device.socketId).sort()).toEqual([phone.id, desktop.id].sort());
    expect(data.map((d) => d.first).sort()).toEqual([false, true]);
    expect(data.every((d) => d.staffId === a.id)).toBe(true);
  });

  it("alarm.sync: a pager whose listener came late asks for its open alarms and gets them at once", async () => {
    const [a] = site.team;
    await makePresent(ctx.db, ctx.clock.now(), a.id);
    const tablet = await tabletSocket();
    const alarmId = await tabletAlarm("EMERGENCY", tablet);
    // Connects without a listener: the on-connect copy is lost (socket.io drops unhandled events).
    const late = await staffSocket(a.id);
    await sleep(200);
    const received: { at: number; alarm: AlarmView }[] = [];
    listen(late, () => true, received);
    const t0 = performance.now();
    const synced = await late.emitWithAck("alarm.sync");
    expect(synced).toMatchObject({ ok: true, alarms: [{ id: alarmId, status: "OPEN" }] });
    await waitFor(() => received.length >= 1, "the page after alarm.sync");
    // Sent on request, not by the 2-second resend.
    expect(received[0].at - t0).toBeLessThan(RESEND_AFTER_MS);
    await waitFor(async () => (await page(alarmId, a.id)).deliveredAt, "delivery after sync");
    const tabletSync = await tablet.emitWithAck("alarm.sync");
    expect(tabletSync).toEqual({ ok: false, code: "FORBIDDEN" });
  });

  it("a request the actor may not make is answered with its error code", async () => {
    const [a] = site.team;
    const socketA = await staffSocket(a.id);
    expect(await socketA.emitWithAck("alarm.raise", { level: "EMERGENCY" })).toEqual({ ok: false, code: "FORBIDDEN" });
    const tablet = await tabletSocket();
    expect(await tablet.emitWithAck("alarm.raise", { level: "LOUD" })).toEqual({ ok: false, code: "VALIDATION" });
    expect(await tablet.emitWithAck("alarm.cancel", { alarmId: "nope" })).toEqual({ ok: false, code: "NOT_FOUND" });
    // A room tablet may never close an alarm: refused before the alarm is looked up (socket-events.ts).
    expect(await tablet.emitWithAck("alarm.close", { alarmId: "nope", outcome: "RESOLVED" })).toEqual({
      ok: false,
      code: "FORBIDDEN",
    });
  });
});

describe("the scale bench's lean pager (bench/support/lean-pager.ts)", () => {
  it("is a socket.io client to the server: signed in by its cookie, paged, its acknowledgement a receipt; a bad cookie is refused", async () => {
    const [a] = site.team;
    await makePresent(ctx.db, ctx.clock.now(), a.id);
    const token = await encode({ token: { staffId: a.id, sub: a.id }, secret });
    const events: { event: string; alarm: { id: string; status: string } }[] = [];
    const wsUrl = url.replace("http:", "ws:");
    const lean: LeanPager = await leanPager({
      url: wsUrl,
      cookie: `next-auth.session-token=${token}`,
      onEvent: (event, alarm) => events.push({ event, alarm }),
    });
    try {
      await sleep(100); // its rooms are joined after the handshake
      const alarmId = await tabletAlarm();
      await waitFor(() => events.some((e) => e.event === "alarm.paged" && e.alarm.id === alarmId), "the page");
      await waitFor(async () => (await page(alarmId, a.id)).deliveredAt, "the lean pager's receipt");
      await expect(
        leanPager({ url: wsUrl, cookie: "next-auth.session-token=forged", onEvent: () => {}, timeoutMs: 5000 }),
      ).rejects.toThrow(/refused/);
    } finally {
      lean.close();
    }
  });
});

describe("receipts at shutdown", () => {
  it("closing the realtime layer records a connected tablet's disconnection before it returns", async () => {
    await tabletSocket();
    const tablet = () => ctx.db.device.findUniqueOrThrow({ where: { id: site.tablet.id } });
    await waitFor(async () => (await tablet()).connectedAt, "the tablet online");
    const events = collectEvents(ctx);
    await closeRealtime(io);
    // Written, and told to the screens (and, with several processes, over Redis), while both are still there.
    expect((await tablet()).connectedAt).toBeNull();
    expect(events.named("device.presence_changed")).toMatchObject([{ deviceId: site.tablet.id, online: false }]);
  });

  it("a receipt still waiting for its batch is stored when the realtime layer closes", async () => {
    const [a] = site.team;
    await makePresent(ctx.db, ctx.clock.now(), a.id);
    const alarmId = await tabletAlarm();
    const batcher = receiptBatcher((batch) => recordDeliveries(ctx, batch));
    batcher.push({ actor: a, alarmId, device: { socketId: "s-1", userAgent: null }, at: ctx.clock.now() });
    await batcher.drain(); // before RECEIPT_BATCH_MS has passed
    expect((await page(alarmId, a.id)).deliveredAt?.getTime()).toBe(ctx.clock.now().getTime());
    await batcher.drain(); // nothing waiting: resolves at once, writes nothing twice
    expect(await ctx.db.auditEvent.count({ where: { subjectId: alarmId, action: "alarm.delivered" } })).toBe(1);
  });
});
