// Portier's one process: Next.js pages and route handlers, socket.io and the scheduler on one port.
import { createServer } from "node:http";
import { hostname as osHostname } from "node:os";
import next from "next";
import { startAuditSealer } from "@/src/domain/audit/audit-chain";
import { scheduleAuditPrune } from "@/src/domain/audit/audit-retention";
import { ensureTabletWatch } from "@/src/domain/devices/tablet-watch";
import { attachEvacuationCheckOuts } from "@/src/domain/evacuation/evacuations";
import { ensureEndOfDayJobs } from "@/src/domain/presence/presence";
import { ensureRetentionJobs } from "@/src/domain/privacy/retention";
import { startSchedulerLoop } from "@/src/domain/scheduler/scheduler-loop";
import { attachRealtime, closeRealtime } from "@/src/realtime/attach";
import { stampClientAddress } from "@/src/server/client-address";
import { type Cluster, startCluster } from "@/src/server/cluster";
import { config, demoSecretWarning, productionSecretProblem } from "@/src/server/config";
import { startDoorDrivers } from "@/src/server/door-drivers";
import { jobHandlers } from "@/src/server/job-handlers";
import { type MqttButtons, startMqttButtons } from "@/src/server/mqtt-buttons";
import { type MqttEvacuation, startMqttEvacuation } from "@/src/server/mqtt-evacuation";
import { domain, runtime } from "@/src/server/runtime";
import { isHttps, securityHeaders } from "@/src/server/security-headers";

process.env.NEXT_TELEMETRY_DISABLED = "1";
// Portier runs on-premise behind hosts its operators choose: next-auth takes the origin from the request.
process.env.AUTH_TRUST_HOST ??= "true";

async function main() {
  const cfg = config();
  // A production server never runs on a missing or default secret (default ones are refused in config()).
  const problem = productionSecretProblem(cfg);
  if (problem) throw new Error(problem);
  const warning = demoSecretWarning(cfg);
  if (warning) console.warn(warning);
  const dev = cfg.env !== "production";
  const httpServer = createServer();
  const app = next({ dev, hostname: cfg.host, port: cfg.port, httpServer, turbopack: dev });
  const handle = app.getRequestHandler();
  await app.prepare();

  httpServer.on("request", (req, res) => {
    if (req.url?.startsWith("/socket.io")) return; // socket.io answers these itself
    stampClientAddress(req);
    const https = isHttps(`http://${req.headers.host ?? ""}`, req.headers["x-forwarded-proto"]?.toString() ?? null);
    for (const [name, value] of securityHeaders({ https })) res.setHeader(name, value);
    void handle(req, res);
  });

  const ctx = await domain();
  const io = attachRealtime(httpServer, ctx, cfg.sessionSecret, { staffIdleMs: cfg.staffIdleMs });
  const rt = runtime();
  rt.realtime = { connectedSockets: () => io.engine.clientsCount };
  // Several processes (REDIS_URL): socket.io's Redis adapter and domain events over Redis (src/server/cluster).
  let cluster: Cluster | null = null;
  if (cfg.redisUrl) {
    cluster = await startCluster(ctx, io, { url: cfg.redisUrl, prefix: cfg.redisPrefix });
    rt.cluster = { status: cluster.status };
  }
  // Every location's end-of-day sign-out is scheduled, also on a fresh or restored database.
  await ensureEndOfDayJobs(ctx).catch((err) => console.error("[presence] scheduling end-of-day jobs failed:", err));
  // Retention is enforced by a daily job per location (src/domain/privacy/retention.ts).
  await ensureRetentionJobs(ctx).catch((err) => console.error("[privacy] scheduling retention jobs failed:", err));
  // The audit trail's own retention: a daily job, cut behind a checkpoint (audit-retention.ts).
  await scheduleAuditPrune(ctx, cfg.auditRetentionDays).catch((err) =>
    console.error("[audit] scheduling retention failed:", err),
  );
  // The silent-room-tablet watch: a recurring job, started once (idempotent after a restart).
  await ensureTabletWatch(ctx).catch((err) => console.error("[tablet-watch] scheduling failed:", err));
  const scheduler = startSchedulerLoop(ctx, jobHandlers, `${osHostname()}:${process.pid}`);
  rt.tickScheduler = scheduler.tick;
  // The audit trail is sealed (hash-chained) a few seconds after each event (audit-chain.ts).
  const sealer = startAuditSealer(ctx);
  // Hardware panic buttons over MQTT: only with a broker configured (the default needs none).
  let buttons: MqttButtons | null = null;
  if (cfg.mqttUrl) {
    buttons = startMqttButtons(ctx, { url: cfg.mqttUrl });
    rt.buttonLink = { status: buttons.status };
  }
  // Doors (issue 7): the check-in's door release, the simulator, and MQTT door controllers when a
  // broker is configured (the same PORTIER_MQTT_URL, its own connection).
  const doors = startDoorDrivers(ctx, { mqttUrl: cfg.mqttUrl });
  // Evacuation (issue 6): check-outs and sign-outs during one count as left; the fire panel's
  // MQTT topics (only with a broker configured).
  attachEvacuationCheckOuts(ctx);
  const fireInput: MqttEvacuation | null = cfg.mqttUrl ? startMqttEvacuation(ctx, { url: cfg.mqttUrl }) : null;

  await new Promise<void>((resolve) => httpServer.listen(cfg.port, cfg.host, resolve));
  console.log(
    `Portier ${dev ? "(development) " : ""}listening on http://${cfg.host === "0.0.0.0" ? "localhost" : cfg.host}:${cfg.port}`,
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping — no new connections, closing sockets and the database`);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    httpServer.close();
    await scheduler.stop();
    sealer.stop();
    await buttons?.stop();
    await doors.stop();
    await fireInput?.stop();
    await closeRealtime(io); // closes every socket.io connection, then stores the receipts still batched and the devices gone
    await cluster?.stop();
    httpServer.closeAllConnections();
    await ctx.db.$disconnect();
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((err) => {
  console.error("Portier failed to start:", err instanceof Error ? err.message : err);
  process.exit(1);
});
