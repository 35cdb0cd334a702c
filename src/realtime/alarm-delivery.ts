// The alarm's realtime side: delivery you can prove. Every page goes to each socket of a paged
// responder with a socket.io acknowledgement; an acknowledged page is recorded as delivered, an
// unacknowledged one is sent to that socket again every RESEND_AFTER_MS until it is acknowledged,
// the socket is gone or the alarm is no longer open. A staff socket that (re)connects gets every
// open alarm it is paged for the same way. The requests of tablets and pagers (raise, cancel,
// seen, respond, close, tablet status) are answered here with `{ ok, alarm?, code? }`.
// Several processes (REDIS_URL): every process pages, resends to and updates its OWN sockets
// (io.local), driven by the alarm events it receives in every process (EventBus.onEveryProcess).
// So a page's 2 s resend loop lives where the pager's socket is, and survives the loss of the
// process that raised the alarm; acknowledgements never cross processes.
import type { Actor } from "@/src/domain/access/actor";
import { can } from "@/src/domain/access/permissions";
import { type SocketEventName, socketMaySend } from "@/src/domain/access/socket-events";
import { RESEND_AFTER_MS } from "@/src/domain/alarms/alarm-policy";
import { openAlarmsForStaff, respondersNow } from "@/src/domain/alarms/alarm-queries";
import { type AlarmView, loadAlarmView } from "@/src/domain/alarms/alarm-view";
import {
  ALARM_LEVELS,
  ALARM_OUTCOMES,
  ALARM_RESPONSES,
  cancelAlarm,
  closeAlarm,
  type DeliveryReceipt,
  type ReceiptDevice,
  raiseAlarm,
  recordDeliveries,
  recordReceipt,
  respondToAlarm,
} from "@/src/domain/alarms/alarms";
import { pagerView, sharedPagerView } from "@/src/domain/alarms/pager-view";
import type { DomainContext } from "@/src/domain/db";
import { isAppError } from "@/src/domain/errors";
import type { PortierServer, PortierSocket } from "@/src/realtime/attach";
import { type AlarmAck, type AlarmAckResult, rooms } from "@/src/realtime/events";

type StaffActor = Actor & { type: "STAFF" };
/** A local or remote socket: its id and the handshake (for the device's user agent). */
type PagerSocket = { id: string; handshake: { headers: Record<string, string | string[] | undefined> } };

/** socket.io-parser's PacketType.EVENT: the packet of a page broadcast with acknowledgements. */
const EVENT_PACKET = 2;

/** The device a receipt names: the socket and its browser. */
function deviceOf(socket: PagerSocket): ReceiptDevice {
  const ua = socket.handshake.headers["user-agent"];
  return { socketId: socket.id, userAgent: typeof ua === "string" ? ua.slice(0, 160) : null };
}

/** After an `alarm.updated` is sent, further updates of that alarm within this window are merged into one. */
export const UPDATE_COALESCE_MS = 100;
/** How long what the pagers were last shown of an alarm is remembered after it ended. */
const PAGER_SHOWN_KEPT_MS = 60_000;

export interface AlarmDelivery {
  /** Sends the page to one socket until it is acknowledged (or the socket or the alarm is gone); `now`: an extra copy at once if a loop runs. */
  deliver(socket: PagerSocket, actor: StaffActor, alarm: AlarmView, opts?: { now?: boolean }): void;
  /** Delivery loops running now (socket id + alarm id); for tests and diagnostics. */
  inFlight(): number;
  /** Stores the receipts still waiting for their batch; resolves when all are written (shutdown). */
  drainReceipts(): Promise<void>;
}

/**
 * One page on its way to one socket: sent, then sent again every RESEND_AFTER_MS until it is
 * acknowledged, the socket is gone or the alarm is no longer open. A class rather than a set of
 * closures per socket: a page to 200 pagers makes 200 of these on the path from press to pager.
 */
class PageLoop {
  private acked = false;

  constructor(
    private readonly loops: Map<string, PageLoop>,
    private readonly key: string,
    private readonly socketId: string,
    private readonly actor: StaffActor,
    private readonly device: ReceiptDevice,
    private readonly env: {
      io: PortierServer;
      ctx: DomainContext;
      receipts: { push(r: DeliveryReceipt): void };
    },
  ) {}

  /** The socket's own emit with a timeout (cheaper than a broadcast with acknowledgements to a room of one). */
  send(view: AlarmView, resend: boolean) {
    const socket = this.env.io.sockets.sockets.get(this.socketId);
    if (!socket) return this.stop();
    socket
      .timeout(RESEND_AFTER_MS)
      .emit("alarm.paged", pagerView(view, this.actor.id), (err: Error | null) => this.answered(err, view, resend));
  }

  private answered(err: Error | null, view: AlarmView, resend: boolean) {
    const { io, ctx, receipts } = this.env;
    if (!err) {
      this.stop();
      if (this.acked) return; // a second copy acknowledged too: recorded once per socket
      this.acked = true;
      receipts.push({ actor: this.actor, alarmId: view.id, device: this.device, at: ctx.clock.now() });
      return;
    }
    if (!resend || this.acked) return;
    // No acknowledgement in time: send again while the socket is here and the alarm open.
    loadAlarmView(ctx.db, view.id)
      .then((current) => {
        if (this.acked || !io.sockets.sockets.has(this.socketId) || current?.status !== "OPEN") return this.stop();
        this.send(current, true);
      })
      .catch((e) => {
        this.stop();
        logError(e);
      });
  }

  private stop() {
    if (this.loops.get(this.key) === this) this.loops.delete(this.key);
  }
}

export function attachAlarmDelivery(io: PortierServer, ctx: DomainContext): AlarmDelivery {
  const env = { io, ctx, receipts: receiptBatcher((batch) => recordDeliveries(ctx, batch)) };
  // One delivery loop per (socket, alarm). `now` sends one more copy at once without starting a
  // second loop; whichever copy is acknowledged ends the loop.
  const loops = new Map<string, PageLoop>();

  const deliver = (target: PagerSocket, actor: StaffActor, alarm: AlarmView, opts: { now?: boolean } = {}) => {
    const key = `${target.id}|${alarm.id}`;
    const running = loops.get(key);
    if (running) {
      if (opts.now) running.send(alarm, false);
      return;
    }
    const loop = new PageLoop(loops, key, target.id, actor, deviceOf(target), env);
    loops.set(key, loop);
    loop.send(alarm, true);
  };

  // A page: the first copy to every paged socket of this process as ONE message (the alarm and
  // who has answered, the same for every pager: sharedPagerView), encoded once and written to each
  // socket, with each socket's acknowledgement as its receipt — 200 sockets' own emits cost ~3×
  // as much on the path from press to pager (measured). A socket that has not acknowledged it
  // after RESEND_AFTER_MS goes on in its own delivery loop (the pager's own view, resent until
  // acknowledged), if the alarm is still open.
  const page = async (alarm: AlarmView, staffIds: string[]) => {
    if (!staffIds.length) return;
    // This process's sockets in the responders' rooms, looked up at once (io.local.fetchSockets()
    // builds a wrapper per socket and resolves later: ~3 ms for 500 sockets on the path to the pager).
    const nsp = io.of("/");
    const targets = new Map<string, { socket: PagerSocket; actor: StaffActor }>();
    for (const staffId of staffIds) {
      for (const id of nsp.adapter.rooms.get(rooms.staff(staffId)) ?? []) {
        const socket = nsp.sockets.get(id);
        const actor = socket?.data.actor;
        if (socket && actor?.type === "STAFF" && actor.id === staffId) targets.set(id, { socket, actor });
      }
    }
    if (!targets.size) return;
    const acked = new Set<string>();
    // The in-memory adapter calls a broadcast's acknowledgement with the answering socket as `this`.
    function answered(this: { id: string }) {
      const target = targets.get(this.id);
      if (!target || acked.has(this.id)) return;
      acked.add(this.id);
      env.receipts.push({
        actor: target.actor,
        alarmId: alarm.id,
        device: deviceOf(target.socket),
        at: ctx.clock.now(),
      });
    }
    io.of("/").adapter.broadcastWithAck(
      { type: EVENT_PACKET, data: ["alarm.paged", sharedPagerView(alarm)] },
      { rooms: new Set(targets.keys()), except: new Set(), flags: { local: true } },
      () => {},
      answered,
    );
    setTimeout(() => {
      // From here on a socket's receipt is its own loop's: a late answer to this copy is not counted twice.
      const late = [...targets].filter(([id]) => !acked.has(id));
      targets.clear();
      const here = late.filter(([id]) => io.sockets.sockets.has(id));
      if (!here.length) return;
      loadAlarmView(ctx.db, alarm.id)
        .then((current) => {
          if (current?.status !== "OPEN") return;
          for (const [, { socket, actor }] of here) deliver(socket, actor, current);
        })
        .catch(logError);
    }, RESEND_AFTER_MS).unref?.();
  };

  // alarm.updated: the first change goes out at once, later ones within UPDATE_COALESCE_MS are
  // merged and re-read (so a burst of 200 receipts is a handful of messages, always the newest state).
  const windows = new Map<string, { dirty: boolean }>();
  // The presser's tablet, the room's tablets and the desk get the full list of responders; each
  // paged responder's own sockets the pager's view (src/domain/alarms/pager-view.ts) — except a
  // socket that is also a desk's, which has the full list already, and the responders in `paged`,
  // whose page of this same state has just gone out.
  //
  // A pager shows the alarm and the answered rows, the same for every pager, and its own row only
  // to know the alarm is its own (pager-view.ts). So a change that leaves that shared part as it
  // was — the receipts of a page, arriving in batches from every pager, or someone having seen it
  // — changes nothing a pager shows: it goes to the tablets and the desk only. At 1,000 pagers
  // that is 1,000 messages fewer per receipt batch (bench/scale.bench.ts).
  const pagerShown = new Map<string, string>();
  const sendUpdated = (view: AlarmView, paged?: ReadonlySet<string>) => {
    const hidden = view.status === "PENDING" || (view.status === "CANCELLED" && !view.openedAt);
    // Only to rooms with a socket in this process: a broadcast encodes its message before it looks
    // for sockets, and the full view of 1,000 responders is ~150 KB to encode for nobody (with
    // several processes, the desk's and the tablets' sockets are in one of them).
    const here = io.of("/").adapter.rooms;
    const full: string[] = [];
    if (view.deviceId) full.push(rooms.device(view.deviceId));
    if (!hidden) {
      if (view.roomId) full.push(rooms.roomTablets(view.roomId));
      full.push(rooms.locationDesk(view.locationId));
    }
    const watching = full.filter((room) => here.has(room));
    if (watching.length) io.local.to(watching).emit("alarm.updated", view);
    if (hidden) return;
    const shown = shownToPagers(view);
    if (pagerShown.get(view.id) === shown) return;
    pagerShown.set(view.id, shown);
    // Once the alarm is over, a late copy of its last update may still come (coalescing): kept a while.
    if (view.status !== "OPEN") setTimeout(() => pagerShown.delete(view.id), PAGER_SHOWN_KEPT_MS).unref?.();
    for (const r of view.responders) {
      const room = rooms.staff(r.staffId);
      if (paged?.has(r.staffId) || !here.has(room)) continue;
      io.local.to(room).except(watching).emit("alarm.updated", pagerView(view, r.staffId));
    }
  };
  const updated = (view: AlarmView, paged?: ReadonlySet<string>) => {
    const open = windows.get(view.id);
    if (open) {
      open.dirty = true;
      return;
    }
    // Next macrotask: pages published with the same change go out first.
    setImmediate(() => sendUpdated(view, paged));
    const state = { dirty: false };
    windows.set(view.id, state);
    const close = () => {
      if (!state.dirty) {
        windows.delete(view.id);
        return;
      }
      state.dirty = false;
      loadAlarmView(ctx.db, view.id)
        .then((fresh) => {
          if (fresh) sendUpdated(fresh);
        })
        .catch(logError)
        .finally(() => setTimeout(close, UPDATE_COALESCE_MS).unref?.());
    };
    setTimeout(close, UPDATE_COALESCE_MS).unref?.();
  };

  // In every process, to its own sockets (see the top of this file).
  ctx.events.onEveryProcess(
    "alarm.pending",
    (p) => void io.local.to(rooms.device(p.deviceId)).emit("alarm.pending", p.alarm),
  );
  // A page is also the alarm's update for everyone else who watches it (domain: no alarm.updated with it).
  ctx.events.onEveryProcess("alarm.paged", (p) => {
    void page(p.alarm, p.staffIds).catch(logError);
    const paged = new Set(p.staffIds);
    // Everyone paged at once (the alarm opening): every pager has now been shown this state, also
    // when this update is merged into one already under way (a cancel window ended within it).
    if (p.alarm.responders.every((r) => paged.has(r.staffId))) pagerShown.set(p.alarm.id, shownToPagers(p.alarm));
    updated(p.alarm, paged);
  });
  ctx.events.onEveryProcess("alarm.updated", (view) => updated(view));
  ctx.events.onEveryProcess(
    "alarm.escalated",
    (p) => void io.local.to(rooms.locationDesk(p.alarm.locationId)).emit("alarm.escalated", p),
  );

  return { deliver, inFlight: () => loops.size, drainReceipts: () => env.receipts.drain() };
}

/**
 * Acknowledgements are written together once none has arrived for RECEIPT_BATCH_MS (recordDeliveries),
 * but never later than RECEIPT_MAX_WAIT_MS after the first of the batch. So the acknowledgements of
 * one page — from 1,000 pagers they arrive over some 30 ms while the page is still going out — are
 * one batch written after the page is out to everyone, instead of a write (and the alarm.updated it
 * sends to every watcher) every 25 ms competing with it (bench/scale.bench.ts).
 */
export const RECEIPT_BATCH_MS = 25;
export const RECEIPT_MAX_WAIT_MS = 250;

export function receiptBatcher(
  write: (batch: DeliveryReceipt[]) => Promise<void>,
  now: () => number = () => performance.now(),
) {
  let queue: DeliveryReceipt[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  let firstAt = 0;
  let lastAt = 0;
  let flushing: Promise<void> = Promise.resolve();
  const flush = () => {
    timer = null;
    const batch = queue;
    queue = [];
    flushing = flushing.then(() => write(batch)).catch(logError);
  };
  // Fires RECEIPT_BATCH_MS after the first receipt, then again until the line has been quiet that
  // long (or the batch is RECEIPT_MAX_WAIT_MS old): one timer per batch, not one per receipt.
  const due = () => {
    const t = now();
    const wait = Math.min(lastAt + RECEIPT_BATCH_MS, firstAt + RECEIPT_MAX_WAIT_MS) - t;
    if (wait > 0) timer = setTimeout(due, wait);
    else flush();
  };
  return {
    push(r: DeliveryReceipt) {
      queue.push(r);
      lastAt = now();
      if (!timer) {
        firstAt = lastAt;
        timer = setTimeout(due, RECEIPT_BATCH_MS);
      }
    },
    /** Writes what is waiting now and resolves when every receipt so far is stored (shutdown). */
    drain(): Promise<void> {
      if (timer) {
        clearTimeout(timer);
        flush();
      }
      return flushing;
    },
  };
}

/**
 * Per socket, right at connection (before any await, so an early request is not lost): the alarm
 * requests. Each first checks the event's permission (src/domain/access/socket-events.ts) before
 * it reads the payload: refused → `{ ok: false, code: "FORBIDDEN" }`. The domain functions then
 * check the record (paged for this alarm, the tablet's own alarm); errors answer `{ ok: false, code }`.
 */
export function handleAlarmRequests(
  io: PortierServer,
  ctx: DomainContext,
  delivery: AlarmDelivery,
  socket: PortierSocket,
) {
  const actor = socket.data.actor;
  const answer = (event: SocketEventName, ack: AlarmAck | undefined, work: () => Promise<AlarmAckResult>) => {
    if (typeof ack !== "function") return;
    if (!socketMaySend(actor, event)) return ack({ ok: false, code: "FORBIDDEN" });
    work()
      .then(ack)
      .catch((err) => {
        if (!isAppError(err)) logError(err);
        ack({ ok: false, code: isAppError(err) ? err.code : "INTERNAL" });
      });
  };
  const str = (v: unknown) => (typeof v === "string" && v.length > 0 && v.length <= 100 ? v : null);
  const invalid = (): AlarmAckResult => ({ ok: false, code: "VALIDATION" });

  socket.on("alarm.raise", (payload, ack) =>
    answer("alarm.raise", ack, async () => {
      const level = payload?.level;
      if (!ALARM_LEVELS.includes(level)) return invalid();
      if (actor.type !== "DEVICE") return { ok: false, code: "FORBIDDEN" };
      const { alarm, joined } = await raiseAlarm(ctx, actor, {
        locationId: actor.locationId,
        roomId: actor.roomId,
        level,
        source: "ROOM_TABLET",
        deviceId: actor.id,
      });
      return { ok: true, alarm, joined };
    }),
  );
  socket.on("alarm.cancel", (payload, ack) =>
    answer("alarm.cancel", ack, async () => {
      const alarmId = str(payload?.alarmId);
      if (!alarmId) return invalid();
      return { ok: true, alarm: await cancelAlarm(ctx, actor, alarmId) };
    }),
  );
  socket.on("alarm.seen", (payload, ack) =>
    answer("alarm.seen", ack, async () => {
      const alarmId = str(payload?.alarmId);
      if (!alarmId) return invalid();
      return { ok: true, alarm: await recordReceipt(ctx, actor, alarmId, "seen") };
    }),
  );
  socket.on("alarm.respond", (payload, ack) =>
    answer("alarm.respond", ack, async () => {
      const alarmId = str(payload?.alarmId);
      if (!alarmId || !ALARM_RESPONSES.includes(payload?.response)) return invalid();
      return { ok: true, alarm: await respondToAlarm(ctx, actor, alarmId, payload.response) };
    }),
  );
  socket.on("alarm.close", (payload, ack) =>
    answer("alarm.close", ack, async () => {
      const alarmId = str(payload?.alarmId);
      const note = payload?.note;
      if (!alarmId || !ALARM_OUTCOMES.includes(payload?.outcome)) return invalid();
      if (note !== undefined && note !== null && typeof note !== "string") return invalid();
      const { alarm, incidentId } = await closeAlarm(ctx, actor, alarmId, {
        outcome: payload.outcome,
        note: note ?? undefined,
      });
      return { ok: true, alarm, incidentId };
    }),
  );
  socket.on("alarm.sync", (ack) => {
    if (typeof ack !== "function") return;
    if (!socketMaySend(actor, "alarm.sync")) return ack({ ok: false, code: "FORBIDDEN" });
    (async () => {
      if (actor.type !== "STAFF") return ack({ ok: false, code: "FORBIDDEN" });
      const alarms = await openAlarmsForStaff(ctx, actor.id);
      for (const alarm of alarms) delivery.deliver(socket, actor, alarm, { now: true });
      ack({ ok: true, alarms });
    })().catch((err) => {
      logError(err);
      ack({ ok: false, code: "INTERNAL" });
    });
  });
  socket.on("tablet.status", (ack) => {
    if (typeof ack !== "function") return;
    if (!socketMaySend(actor, "tablet.status")) return ack({ ok: false, reachable: 0, code: "FORBIDDEN" });
    reachableResponders(io, ctx, actor)
      .then((reachable) => ack({ ok: true, reachable }))
      .catch((err) => {
        if (!isAppError(err)) logError(err);
        ack({ ok: false, reachable: 0, code: isAppError(err) ? err.code : "INTERNAL" });
      });
  });
}

/** On a staff socket's (re)connection: every open alarm this person is paged for, delivered with receipt. */
export async function deliverOpenAlarms(ctx: DomainContext, delivery: AlarmDelivery, socket: PortierSocket) {
  const actor = socket.data.actor;
  if (actor.type !== "STAFF" || !can(actor, "alarms.respond")) return;
  for (const alarm of await openAlarmsForStaff(ctx, actor.id)) delivery.deliver(socket, actor, alarm);
}

/** How many of the responders an alarm would page now have at least one connected socket. */
export async function reachableResponders(io: PortierServer, ctx: DomainContext, actor: Actor): Promise<number> {
  const staffIds = await respondersNow(ctx, actor);
  const counts = await Promise.all(
    staffIds.map(async (id) => ((await io.in(rooms.staff(id)).fetchSockets()).length > 0 ? 1 : 0)),
  );
  return counts.reduce<number>((a, b) => a + b, 0);
}

/** What every pager is shown of an alarm (all but its own row), as text to compare. */
function shownToPagers(view: AlarmView): string {
  return JSON.stringify(sharedPagerView(view));
}

function logError(err: unknown) {
  console.error("[alarm]", err);
}
