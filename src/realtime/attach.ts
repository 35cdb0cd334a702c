// socket.io on the same HTTP server as Next: authenticates every socket, puts it in its rooms,
// keeps device presence current, and forwards domain events to the rooms that may see them.
import type { Server as HttpServer } from "node:http";
import { Server, type Socket } from "socket.io";
import type { Actor } from "@/src/domain/access/actor";
import { can } from "@/src/domain/access/permissions";
import { socketMaySend } from "@/src/domain/access/socket-events";
import type { DomainContext } from "@/src/domain/db";
import { deviceByCredential, markDevicePresence } from "@/src/domain/devices/devices";
import { DEFAULT_STAFF_IDLE_MS, staffSessionStates } from "@/src/domain/staff/staff-sessions";
import {
  type AlarmDelivery,
  attachAlarmDelivery,
  deliverOpenAlarms,
  handleAlarmRequests,
} from "@/src/realtime/alarm-delivery";
import { type ClientToServerEvents, rooms, type ServerToClientEvents } from "@/src/realtime/events";
import { authenticateSocket, parseCookies } from "@/src/realtime/socket-auth";
import { DEVICE_COOKIE } from "@/src/server/auth/device-cookie";

/** Per socket: who it is, and for staff the session it belongs to (null: a paired device, or an old token). */
type SocketData = { actor: Actor; sid: string | null };
export type PortierServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type PortierSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** How often open staff sockets are checked against their session (ended by sign-out or the idle timeout). */
export const SESSION_SWEEP_MS = 60_000;

export function attachRealtime(
  httpServer: HttpServer,
  ctx: DomainContext,
  sessionSecret: string,
  opts: { staffIdleMs?: number; sessionSweepMs?: number } = {},
): PortierServer {
  const io: PortierServer = new Server(httpServer, {
    path: "/socket.io",
    // WebSocket only: no long-polling, so several processes need no sticky sessions.
    transports: ["websocket"],
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
    pingInterval: 10_000,
    pingTimeout: 10_000,
  });

  io.use(async (socket, next) => {
    try {
      const identity = await authenticateSocket(ctx, socket.request, sessionSecret, opts.staffIdleMs);
      if (!identity) return next(new Error("UNAUTHORIZED"));
      socket.data.actor = identity.actor;
      socket.data.sid = identity.sid;
      next();
    } catch (err) {
      console.error("[realtime] authentication failed:", err);
      next(new Error("UNAUTHORIZED"));
    }
  });

  const alarmDelivery = attachAlarmDelivery(io, ctx);
  // Devices' disconnections still being recorded (and told to the screens): shutdown waits for them.
  const disconnects = new Set<Promise<unknown>>();

  io.on("connection", async (socket) => {
    const actor = socket.data.actor;
    // Requests first, before any await: an early press or heartbeat must not be lost. Each event
    // checks its permission before anything else (src/domain/access/socket-events.ts).
    handleAlarmRequests(io, ctx, alarmDelivery, socket);
    const heartbeats = actor.type === "DEVICE" && socketMaySend(actor, "device.heartbeat");
    socket.on("device.heartbeat", (ack) => {
      const reply = typeof ack === "function" ? ack : () => {};
      if (!heartbeats) return reply({ ok: false, code: "FORBIDDEN" });
      stillValid(ctx, socket, actor.id as string)
        .then(async (valid) => {
          // Revoked, or a credential rotated away and past its grace period (a copied cookie):
          // this socket ends; a real device reconnects with its current cookie.
          if (!valid) {
            socket.emit("session.ended", { reason: "revoked" });
            socket.disconnect(true);
            return;
          }
          await markDevicePresence(ctx, actor.id as string, "heartbeat");
          reply({ ok: true });
        })
        .catch((err) => {
          logError(err);
          reply({ ok: false });
        });
    });
    await socket.join(await roomsFor(ctx, actor));
    // A (re)connecting pager gets every open alarm it is paged for (src/realtime/alarm-delivery.ts).
    void deliverOpenAlarms(ctx, alarmDelivery, socket).catch(logError);
    if (actor.type === "DEVICE" && heartbeats) {
      await markDevicePresence(ctx, actor.id, "connected").catch(logError);
      socket.on("disconnect", () => {
        const recorded = stillConnected(io, actor.id)
          .then((others) => {
            if (!others) return markDevicePresence(ctx, actor.id, "disconnected").catch(logError);
          })
          .catch(logError); // several processes: asking the others can time out
        disconnects.add(recorded);
        void recorded.finally(() => disconnects.delete(recorded));
      });
    }
  });

  bridgeDomainEvents(io, ctx);
  const sweep = setInterval(() => {
    void closeEndedSessions(io, ctx, opts.staffIdleMs ?? DEFAULT_STAFF_IDLE_MS).catch(logError);
  }, opts.sessionSweepMs ?? SESSION_SWEEP_MS);
  sweep.unref?.();
  httpServer.once("close", () => clearInterval(sweep));
  shutdownWork.set(io, { alarmDelivery, disconnects });
  return io;
}

const shutdownWork = new WeakMap<PortierServer, { alarmDelivery: AlarmDelivery; disconnects: Set<Promise<unknown>> }>();

/** Longest a shutdown waits for the devices' disconnections to be recorded. */
export const SHUTDOWN_DISCONNECTS_WAIT_MS = 3000;

/**
 * Shutdown: closes every socket, then stores the delivery receipts still waiting for their batch
 * (a receipt is proof that a page arrived: it must not be lost with the process) and records the
 * devices' disconnections (at most SHUTDOWN_DISCONNECTS_WAIT_MS: with several processes each asks the
 * others first), so both are written, and told to the other processes, while the database and Redis
 * are still there. Call it before closing those. Does not wait for the HTTP server's other connections.
 */
export async function closeRealtime(io: PortierServer): Promise<void> {
  io.close();
  const work = shutdownWork.get(io);
  if (!work) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, SHUTDOWN_DISCONNECTS_WAIT_MS);
  });
  await Promise.all([
    work.alarmDelivery.drainReceipts(),
    Promise.race([Promise.all(work.disconnects), limit]).finally(() => clearTimeout(timer)),
  ]);
}

/**
 * A staff socket lives as long as its session: signed out elsewhere or idle past the timeout (a
 * screen forgotten on a shared computer), its sockets here are told and closed — they stop getting
 * the register, alarms and visitors' names. A screen of duty keeps its session on duty, so an open
 * pager is never closed by this.
 */
async function closeEndedSessions(io: PortierServer, ctx: DomainContext, idleMs: number) {
  const staff = [...io.of("/").sockets.values()].filter((s) => s.data.actor?.type === "STAFF" && s.data.sid);
  if (!staff.length) return;
  const states = await staffSessionStates(
    ctx,
    staff.map((s) => ({ sid: s.data.sid as string, staffId: s.data.actor.id as string })),
    idleMs,
  );
  for (const socket of staff) {
    if (states.get(socket.data.sid as string) === "active") continue;
    socket.emit("session.ended", { reason: "ended" });
    socket.disconnect(true);
  }
}

async function roomsFor(ctx: DomainContext, actor: Actor): Promise<string[]> {
  if (actor.type === "DEVICE") {
    const out = [rooms.device(actor.id)];
    if (actor.kind === "KIOSK") out.push(rooms.locationKiosks(actor.locationId));
    if (actor.kind === "ROOM_TABLET" && actor.roomId) out.push(rooms.roomTablets(actor.roomId));
    if (can(actor, "desk.use")) out.push(rooms.locationDesk(actor.locationId));
    return out;
  }
  if (actor.type !== "STAFF") return [];
  const locationIds =
    actor.role === "ADMIN"
      ? (await ctx.db.location.findMany({ select: { id: true } })).map((l) => l.id)
      : actor.locationIds;
  const out = [rooms.staff(actor.id), ...locationIds.map(rooms.locationStaff)];
  if (can(actor, "devices.view")) out.push(...locationIds.map(rooms.locationDevices));
  if (can(actor, "desk.use")) out.push(...locationIds.map(rooms.locationDesk));
  if (can(actor, "evacuation.marshal")) out.push(...locationIds.map(rooms.locationMarshals));
  return out;
}

/** Whether the credential this socket connected with still names its device (checked on each heartbeat). */
async function stillValid(ctx: DomainContext, socket: PortierSocket, deviceId: string): Promise<boolean> {
  const credential = parseCookies(socket.request.headers.cookie)[DEVICE_COOKIE];
  const device = await deviceByCredential(ctx, credential);
  return device?.id === deviceId;
}

async function stillConnected(io: PortierServer, deviceId: string): Promise<boolean> {
  const sockets = await io.in(rooms.device(deviceId)).fetchSockets();
  return sockets.length > 0;
}

/**
 * Domain events → rooms. The only place that decides who hears what — except the alarm events,
 * which need per-socket delivery with acknowledgement: src/realtime/alarm-delivery.ts.
 */
function bridgeDomainEvents(io: PortierServer, ctx: DomainContext) {
  ctx.events.on(
    "device.registered",
    (p) => void io.to(rooms.locationDevices(p.locationId)).emit("device.registered", p),
  );
  ctx.events.on("device.paired", (p) => {
    io.to(rooms.locationDevices(p.locationId)).emit("device.paired", p);
    // A re-paired device's old sockets carry the old credential: close them.
    closeSockets(io, rooms.device(p.deviceId), "changed");
  });
  ctx.events.on(
    "device.presence_changed",
    (p) => void io.to(rooms.locationDevices(p.locationId)).emit("device.presence_changed", p),
  );
  ctx.events.on("device.revoked", (p) => {
    io.to(rooms.locationDevices(p.locationId)).emit("device.revoked", p);
    closeSockets(io, rooms.device(p.deviceId), "revoked");
  });
  const toVisitWatchers = (name: "visit.checked_in" | "visit.checked_out" | "visit.updated") =>
    ctx.events.on(name, (p) => {
      io.to(rooms.locationStaff(p.locationId)).emit(name, p);
      if (p.hostId) io.to(rooms.staff(p.hostId)).emit(name, p);
    });
  // Who is in the building: the location's staff (the register, the dashboard's one tap).
  ctx.events.on("presence.changed", (p) => void io.to(rooms.locationStaff(p.locationId)).emit("presence.changed", p));
  toVisitWatchers("visit.checked_in");
  toVisitWatchers("visit.checked_out");
  toVisitWatchers("visit.updated");
  // The wait-time reminder is for the host alone (the desk gets its WAIT_TIME desk alert).
  ctx.events.on("visit.wait_reminder", (p) => void io.to(rooms.staff(p.hostId)).emit("visit.wait_reminder", p));
  // Risky conversations: the colleagues present (their own rooms), or, while nobody is signed in
  // at the location, its whole staff room (src/domain/visits/risk-checks.ts).
  const toRiskAudience = (name: "risk_conversation.started" | "risk_check.prompted" | "risk_check.answered") =>
    ctx.events.on(name, (p) => {
      const targets = p.staffIds.length ? p.staffIds.map(rooms.staff) : [rooms.locationStaff(p.locationId)];
      io.to(targets).emit(name, p);
    });
  toRiskAudience("risk_conversation.started");
  toRiskAudience("risk_check.prompted");
  toRiskAudience("risk_check.answered");
  ctx.events.on("desk.alert_raised", (p) => void io.to(rooms.locationDesk(p.locationId)).emit("desk.alert_raised", p));
  ctx.events.on(
    "desk.alert_acknowledged",
    (p) => void io.to(rooms.locationDesk(p.locationId)).emit("desk.alert_acknowledged", p),
  );
  ctx.events.on(
    "queue.changed",
    (p) => void io.to([rooms.locationDesk(p.locationId), rooms.locationKiosks(p.locationId)]).emit("queue.changed", p),
  );
  ctx.events.on(
    "house_rules.published",
    (p) => void io.to(rooms.locationKiosks(p.locationId)).emit("house_rules.published", p),
  );
  // Incident tasks due: the location's staff screens that list them read them again (the event
  // names no incident; the read decides who sees what).
  ctx.events.on(
    "incident.tasks_changed",
    (p) => void io.to(rooms.locationStaff(p.locationId)).emit("incident.tasks_changed", p),
  );
  // Appointment lists: the location's staff (reception, managers) and the host's own sockets.
  ctx.events.on("appointment.changed", (p) => {
    io.to([rooms.locationStaff(p.locationId), rooms.staff(p.hostId)]).emit("appointment.changed", p);
  });
  // Doors: the doorman console (the location's desk room: reception with desk.use, DESK devices).
  ctx.events.on(
    "door.state_changed",
    (p) => void io.to(rooms.locationDesk(p.locationId)).emit("door.state_changed", p),
  );
  // Evacuation: the roll call (names, who needs help) to the marshals only; that one runs, to
  // every screen of the location (kiosks show the evacuation screen; no names).
  ctx.events.on("evacuation.started", (p) => {
    io.to(rooms.locationMarshals(p.evacuation.locationId)).emit("evacuation.started", p);
  });
  ctx.events.on(
    "evacuation.marked",
    (p) => void io.to(rooms.locationMarshals(p.locationId)).emit("evacuation.marked", p),
  );
  ctx.events.on(
    "evacuation.ended",
    (p) => void io.to(rooms.locationMarshals(p.locationId)).emit("evacuation.ended", p),
  );
  ctx.events.on(
    "evacuation.status_changed",
    (p) =>
      void io
        .to([rooms.locationStaff(p.locationId), rooms.locationKiosks(p.locationId)])
        .emit("evacuation.status_changed", p),
  );
  ctx.events.on("staff.changed", (p) => {
    // Rights may have changed: the staff member's sockets reconnect and are authorised afresh.
    closeSockets(io, rooms.staff(p.staffId), "changed");
  });
}

function closeSockets(io: PortierServer, room: string, reason: "revoked" | "deactivated" | "changed") {
  io.to(room).emit("session.ended", { reason });
  io.in(room).disconnectSockets(true);
}

function logError(err: unknown) {
  console.error("[realtime]", err);
}

export type { PortierSocket };
