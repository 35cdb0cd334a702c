// Portier's one process: Next.js pages and route handlers, socket.io and the scheduler on one port.
import { createServer } from "node:http";
import { hostname as osHostname } from "node:os";
import next from "next";
import { ensureEndOfDayJobs } from "@/src/domain/presence/presence";
import { startSchedulerLoop } from "@/src/domain/scheduler/scheduler-loop";
import { attachRealtime } from "@/src/realtime/attach";
import { stampClientAddress } from "@/src/server/client-address";
import { config } from "@/src/server/config";
import { jobHandlers } from "@/src/server/job-handlers";
import { domain, runtime } from "@/src/server/runtime";

process.env.NEXT_TELEMETRY_DISABLED = "1";
// Portier runs on-premise behind hosts its operators choose: next-auth takes the origin from the request.
process.env.AUTH_TRUST_HOST ??= "true";

async function main() {
  const cfg = config();
  const dev = cfg.env !== "production";
  const httpServer = createServer();
  const app = next({ dev, hostname: cfg.host, port: cfg.port, httpServer, turbopack: dev });
  const handle = app.getRequestHandler();
  await app.prepare();

  httpServer.on("request", (req, res) => {
    if (req.url?.startsWith("/socket.io")) return; // socket.io answers these itself
    stampClientAddress(req);
    void handle(req, res);
  });

  const ctx = await domain();
  const io = attachRealtime(httpServer, ctx, cfg.sessionSecret);
  const rt = runtime();
  rt.realtime = { connectedSockets: () => io.engine.clientsCount };
  // Every location's end-of-day sign-out is scheduled, also on a fresh or restored database.
  await ensureEndOfDayJobs(ctx).catch((err) => console.error("[presence] scheduling end-of-day jobs failed:", err));
  const scheduler = startSchedulerLoop(ctx, jobHandlers, `${osHostname()}:${process.pid}`);
  rt.tickScheduler = scheduler.tick;

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
    io.close(); // closes every socket.io connection
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
