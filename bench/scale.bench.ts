// Scale-out bench (issue 10, "Speed").
//
// (a) Alarm → the LAST of 1,000 pagers, one process vs two. Real child processes
// (bench/support/scale-node.ts: Portier's attachRealtime on loopback, the real domain), one fresh
// PostgreSQL database (the multi-process database), 1,000 signed-in staff each with a
// pager that acknowledges every page as the real pager does (bench/support/lean-pager.ts: socket.io's
// wire protocol spoken over a plain WebSocket, so that 1,000 simulated devices cost the shared cores
// less; BENCH_SCALE_CLIENT=socket.io-client uses the client library instead); the pagers run in
// BENCH_SCALE_PAGER_PROCESSES (default 2) child processes (bench/support/scale-pagers.ts), not on
// one thread with the bench. A press is a hardware button's press (pressButton → raiseAlarm: alarm, 1,000
// AlarmPage rows, audit, one transaction) sent to process A over IPC; the clock runs from just
// before the IPC message until the 1,000th pager has the page. Baseline, same run: ONE process
// (no Redis) with all 1,000 pagers. Then TWO processes with REDIS_URL (socket.io's Redis adapter,
// domain events over Redis pub/sub), 500 pagers on each; the press goes to A, so B's 500 pages
// travel through Redis. Each alarm is closed on A once its 1,000 receipts are stored, and the next
// press waits until every pager has had that closing update (each press starts from a quiet system).
// Target: two processes, p99 <= 100 ms. Beside the times, each server's CPU per press cycle (its
// process CPU over the timed presses): the work, which moves less with this machine's speed.
//
// (b) Check-ins per second, 20 kiosks at once (closed loop, no think time: the kiosk route handlers
// identify + check-in, as bench/checkin.bench.ts does), on SQLite (WAL, synchronous=FULL) and on
// PostgreSQL (the same schema and migrations, @prisma/adapter-pg, a pool of 10), same run.
import { type ChildProcess, fork } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpus } from "node:os";
import path from "node:path";
import { encode } from "next-auth/jwt";
import pg from "pg";
import { POST as checkInRoute } from "../app/api/kiosk/check-in/route";
import { POST as identifyRoute } from "../app/api/kiosk/identify/route";
import { systemClock } from "../src/domain/clock";
import type { DomainContext } from "../src/domain/db";
import { EventBus } from "../src/domain/events/event-bus";
import { createPrismaClient } from "../src/server/db";
import { deployMigrations } from "../src/server/migrations";
import { type BenchResult, fmt, loadAverage, percentile, ratio, table } from "./lib";
import { makeBenchSite } from "./support/checkin-site";

// BENCH_SCALE_PAGERS / BENCH_SCALE_PRESSES / BENCH_SCALE_WARMUP: another size (the section says which).
const ISSUE_PAGERS = 1000;
const PAGERS = Number(process.env.BENCH_SCALE_PAGERS) || ISSUE_PAGERS;
const PAGER_PROCESSES = Number(process.env.BENCH_SCALE_PAGER_PROCESSES) || 2;
const WARMUP = Number(process.env.BENCH_SCALE_WARMUP) || 5;
// 100 presses: the p99 is then the 99th of 100 (nearest rank), a percentile rather than the slowest press.
const PRESSES = Number(process.env.BENCH_SCALE_PRESSES) || 100;
const TARGET_P99_MS = 100;
const PAGER_CLIENT =
  process.env.BENCH_SCALE_CLIENT === "socket.io-client"
    ? "Each pager is a socket.io-client (BENCH_SCALE_CLIENT=socket.io-client)."
    : "Each pager speaks socket.io's wire protocol itself over one `ws` WebSocket (bench/support/lean-pager.ts: handshake with the session cookie, pong to pings, every page acknowledged): to the server a socket.io client like any other, at less CPU than socket.io-client — here the 1,000 devices share the servers' cores, a real pager has its own. BENCH_SCALE_CLIENT=socket.io-client runs the client library instead.";
const KIOSKS = 20;
const CHECKINS_PER_KIOSK = 15;
const PRISMA_DIR = path.resolve(import.meta.dirname, "../prisma");
const PG_ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? "postgresql://root@127.0.0.1:5432/postgres";
const REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";
const LOCATION = "bench-scale";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const stats = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  return { n: s.length, p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99), max: s.at(-1) ?? 0 };
};
async function until(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string) {
  const start = performance.now();
  while (!(await check())) {
    if (performance.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

async function withPgDatabase<T>(name: string, fn: (url: string) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const u = new URL(PG_ADMIN_URL);
  u.pathname = `/${name}`;
  try {
    return await fn(u.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

/** The alarm site: one location, a room with a hardware button, PAGERS staff signed in. */
async function makeSite(ctx: DomainContext) {
  const db = ctx.db;
  const now = new Date();
  await db.organisation.create({ data: { id: "bench-org", name: "Bench" } });
  await db.location.create({
    data: { id: LOCATION, organisationId: "bench-org", name: "Schaal", kind: "APPOINTMENT" },
  });
  await db.room.create({ data: { id: "bench-room", locationId: LOCATION, name: "Kamer", kind: "CONSULT" } });
  const button = await db.alarmButton.create({
    data: { locationId: LOCATION, roomId: "bench-room", name: "Knop", level: "EMERGENCY", secretHash: "bench-scale" },
  });
  const ids = Array.from({ length: PAGERS }, (_, i) => `bench-pager-${String(i).padStart(4, "0")}`);
  await db.staffMember.createMany({
    data: ids.map((id, i) => ({
      id,
      name: `Pieper ${i}`,
      email: `${id}@bench.test`,
      role: "STAFF" as const,
      passwordHash: "not-a-real-hash",
    })),
  });
  await db.staffLocation.createMany({ data: ids.map((staffId) => ({ staffId, locationId: LOCATION })) });
  await db.staffPresence.createMany({
    data: ids.map((staffId) => ({ staffId, locationId: LOCATION, signedInAt: now, signedInBy: "DASHBOARD" as const })),
  });
  return { ids, button: { id: button.id, locationId: LOCATION, roomId: "bench-room", level: "EMERGENCY" as const } };
}

interface Node {
  child: ChildProcess;
  port: number;
  press(button: unknown): Promise<{ alarmId: string; paged: number }>;
  /** All clear from this process (closeAlarm there: its realtime and the cluster tell the pagers). */
  close(alarmId: string): Promise<void>;
  /** The process's CPU time so far (user + system), ms. */
  cpu(): Promise<number>;
  stop(): Promise<void>;
}

async function startNode(env: Record<string, string>): Promise<Node> {
  const child = fork(path.join(import.meta.dirname, "support", "scale-node.ts"), [], {
    execArgv: ["--import", "tsx"],
    env: { ...process.env, ...env },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const waiting: ((m: { type: string; [k: string]: unknown }) => void)[] = [];
  child.on("message", (m: { type: string; [k: string]: unknown }) => waiting.shift()?.(m));
  const next = () => new Promise<{ type: string; [k: string]: unknown }>((resolve) => waiting.push(resolve));
  const ready = await next();
  if (ready.type !== "ready") throw new Error(`node did not start: ${JSON.stringify(ready)}`);
  /** Sends one request and waits for its answer, which must be of type `expected`. */
  const ask = async (request: { type: string; [k: string]: unknown }, expected: string) => {
    const answer = next();
    child.send(request);
    const m = await answer;
    if (m.type !== expected) throw new Error(`${request.type} failed: ${JSON.stringify(m)}`);
    return m;
  };
  return {
    child,
    port: ready.port as number,
    async press(button) {
      const m = await ask({ type: "press", button }, "pressed");
      return { alarmId: m.alarmId as string, paged: m.paged as number };
    },
    async close(alarmId) {
      await ask({ type: "close", alarmId }, "closed");
    },
    async cpu() {
      return (await ask({ type: "cpu" }, "cpu")).ms as number;
    },
    async stop() {
      const gone = new Promise((resolve) => child.once("exit", resolve));
      child.send({ type: "stop" });
      await gone;
    },
  };
}

/** CLOCK_MONOTONIC in ms: the same clock in the pager processes. */
const now = () => Number(process.hrtime.bigint()) / 1e6;

/**
 * Connects the pagers (pager i to ports[i % ports.length]), spread over PAGER_PROCESSES child
 * processes (bench/support/scale-pagers.ts): 1,000 pagers are 1,000 devices, and on one thread
 * their work (decoding each page, sending each receipt) was done one after another. Records when
 * the last one has each alarm, overall and per server port.
 */
async function connectPagers(ids: string[], ports: number[], secret: string) {
  const lastAt = new Map<string, number>();
  /** alarm id → port → when the last pager on that port had it. */
  const lastOnPort = new Map<string, Map<number, number>>();
  const reports = new Map<string, { n: number; last: number; perPort: Map<number, number> }>();
  /** alarm id → pager processes all of whose pagers have had its closing update. */
  const closedBy = new Map<string, number>();
  const tokens = await Promise.all(ids.map((staffId) => encode({ token: { staffId, sub: staffId }, secret })));
  const pagers = tokens.map((token, i) => ({ token, port: ports[i % ports.length] }));
  const children = await Promise.all(
    Array.from({ length: PAGER_PROCESSES }, async (_, k) => {
      const share = pagers.filter((_, i) => i % PAGER_PROCESSES === k);
      const child = fork(path.join(import.meta.dirname, "support", "scale-pagers.ts"), [], {
        execArgv: ["--import", "tsx"],
        stdio: ["ignore", "inherit", "inherit", "ipc"],
      });
      await new Promise<void>((resolve, reject) => {
        child.on("message", (m: { type: string; alarmId?: string; last?: number; perPort?: [number, number][] }) => {
          if (m.type === "ready") child.send({ type: "connect", pagers: share });
          else if (m.type === "connected") resolve();
          else if (m.type === "error") reject(new Error(`pager process: ${JSON.stringify(m)}`));
          else if (m.type === "closed" && m.alarmId) closedBy.set(m.alarmId, (closedBy.get(m.alarmId) ?? 0) + 1);
          else if (m.type === "all" && m.alarmId) {
            const r = reports.get(m.alarmId) ?? { n: 0, last: 0, perPort: new Map<number, number>() };
            r.n++;
            r.last = Math.max(r.last, m.last as number);
            for (const [port, t] of m.perPort ?? []) r.perPort.set(port, Math.max(r.perPort.get(port) ?? 0, t));
            reports.set(m.alarmId, r);
            if (r.n === PAGER_PROCESSES) {
              lastAt.set(m.alarmId, r.last);
              lastOnPort.set(m.alarmId, r.perPort);
              reports.delete(m.alarmId);
            }
          }
        });
        child.once("exit", (code) => reject(new Error(`pager process exited (${code})`)));
      });
      return child;
    }),
  );
  await sleep(1000); // rooms are joined after the handshake
  const close = () => {
    for (const c of children) if (c.exitCode === null) c.send({ type: "close" });
  };
  const allClosed = (alarmId: string) => closedBy.get(alarmId) === PAGER_PROCESSES;
  return { lastAt, lastOnPort, close, children, allClosed };
}

/** Presses on `pressOn`, waits for the last pager and the receipts, closes the alarm; returns ms per press. */
async function presses(
  ctx: DomainContext,
  pressOn: Node,
  button: unknown,
  pagers: {
    lastAt: Map<string, number>;
    lastOnPort: Map<string, Map<number, number>>;
    allClosed: (alarmId: string) => boolean;
  },
  other?: Node,
) {
  const { lastAt } = pagers;
  const out: number[] = [];
  const committed: number[] = [];
  const lastHere: number[] = [];
  const lastThere: number[] = [];
  const servers = other ? [pressOn, other] : [pressOn];
  let cpuAtStart: number[] = [];
  for (let i = 0; i < WARMUP + PRESSES; i++) {
    if (i === WARMUP) cpuAtStart = await Promise.all(servers.map((s) => s.cpu()));
    const t0 = now();
    const { alarmId, paged } = await pressOn.press(button);
    const t1 = now();
    if (paged !== PAGERS) throw new Error(`paged ${paged}, not ${PAGERS}`);
    await until(() => lastAt.has(alarmId), 20_000, `all ${PAGERS} pagers to have ${alarmId}`);
    if (i >= WARMUP) {
      out.push((lastAt.get(alarmId) as number) - t0);
      committed.push(t1 - t0);
      const perPort = pagers.lastOnPort.get(alarmId);
      lastHere.push((perPort?.get(pressOn.port) ?? Number.NaN) - t0);
      if (other) lastThere.push((perPort?.get(other.port) ?? Number.NaN) - t0);
    }
    let stored = 0;
    await until(
      async () => {
        stored = await ctx.db.alarmPage.count({ where: { alarmId, deliveredAt: { not: null } } });
        return stored === PAGERS;
      },
      180_000,
      `the receipts (${PAGERS})`,
    ).catch((err) => {
      throw new Error(`${err instanceof Error ? err.message : err}: ${stored} stored`);
    });
    await pressOn.close(alarmId);
    // The next press starts from a quiet system: every pager has had this alarm's closing update
    // (one per pager, each its own view), so the servers are no longer sending them.
    await until(() => pagers.allClosed(alarmId), 20_000, `the closing update at all ${PAGERS} pagers`);
    await sleep(50);
  }
  // Each server's CPU per press cycle (press, page, receipts, close and its updates): work rather
  // than time, so it moves less with the machine's speed than the latencies do.
  const cpuAtEnd = await Promise.all(servers.map((s) => s.cpu()));
  const cpuPerPress = cpuAtEnd.map((ms, k) => (ms - cpuAtStart[k]) / PRESSES);
  return { toLast: out, committed, lastHere, lastThere, cpuPerPress };
}

async function alarmFanOut() {
  return withPgDatabase(`portier_bench_scale_${Date.now().toString(36)}`, async (url) => {
    await deployMigrations({ url, prismaDir: PRISMA_DIR });
    const ctx: DomainContext = {
      db: createPrismaClient(url),
      clock: systemClock,
      events: new EventBus(),
      hmacKey: randomBytes(32).toString("base64url"),
    };
    try {
      const { ids, button } = await makeSite(ctx);
      const secret = randomBytes(32).toString("base64url");
      const env = { BENCH_DATABASE_URL: url, BENCH_HMAC_KEY: ctx.hmacKey, BENCH_SESSION_SECRET: secret };

      const nodes: Node[] = [];
      try {
        console.log(`  one process, ${PAGERS} pagers`);
        const single = await startNode(env);
        nodes.push(single);
        const p1 = await connectPagers(ids, [single.port], secret);
        const one = await presses(ctx, single, button, p1);
        p1.close();
        await single.stop();

        console.log(`  two processes (Redis), ${PAGERS / 2} pagers each, press on A`);
        const prefix = `portier-bench:${randomBytes(4).toString("hex")}:`;
        const a = await startNode({ ...env, REDIS_URL, BENCH_REDIS_PREFIX: prefix });
        nodes.push(a);
        const b = await startNode({ ...env, REDIS_URL, BENCH_REDIS_PREFIX: prefix });
        nodes.push(b);
        const p2 = await connectPagers(ids, [a.port, b.port], secret);
        const two = await presses(ctx, a, button, p2, b);
        p2.close();
        await a.stop();
        await b.stop();
        return { one, two };
      } finally {
        // A failed run must not leave its server processes behind.
        for (const n of nodes) if (n.child.exitCode === null && n.child.signalCode === null) n.child.kill("SIGKILL");
      }
    } finally {
      await ctx.db.$disconnect();
    }
  });
}

let serial = 0;
/** One walk-in at a kiosk: identify, then check-in with the rules accepted. */
async function checkIn(cookie: string) {
  const n = ++serial;
  const post = (url: string, body: unknown) =>
    new Request(`http://kiosk.bench${url}`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie, "accept-language": "nl" },
      body: JSON.stringify(body),
    });
  const identify = await identifyRoute(
    post("/api/kiosk/identify", {
      language: "nl",
      input: {
        kind: "walk-in",
        fields: {
          mode: "FULL",
          firstName: `Bezoeker${n}`,
          lastName: `Schaal ${n % 97}`,
          dateOfBirth: `19${50 + (n % 50)}-0${1 + (n % 9)}-1${n % 10}`,
          purpose: "Afspraak",
        },
      },
    }),
  );
  const rules = (await identify.json()) as { step: string; pending?: string };
  if (rules.step !== "rules" || !rules.pending) throw new Error(`identify: ${JSON.stringify(rules)}`);
  const done = await checkInRoute(post("/api/kiosk/check-in", { pending: rules.pending, decision: "accept" }));
  const body = (await done.json()) as { step: string };
  if (done.status !== 200 || body.step !== "checked-in")
    throw new Error(`check-in: ${done.status} ${JSON.stringify(body)}`);
}

/** Check-ins per second with KIOSKS kiosks in a closed loop, after a warm-up. */
async function checkInsPerSecond(databaseUrl?: string) {
  const site = await makeBenchSite(KIOSKS, databaseUrl);
  try {
    await Promise.all(site.kioskCookies.map((c) => checkIn(c)));
    const t0 = performance.now();
    await Promise.all(
      site.kioskCookies.map(async (cookie) => {
        for (let i = 0; i < CHECKINS_PER_KIOSK; i++) await checkIn(cookie);
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    return { count: KIOSKS * CHECKINS_PER_KIOSK, perSecond: (KIOSKS * CHECKINS_PER_KIOSK) / seconds };
  } finally {
    await site.close();
  }
}

export default async function scaleBench(): Promise<BenchResult> {
  const loadStart = loadAverage();
  const fan = await alarmFanOut();
  const one = stats(fan.one.toLast);
  const two = stats(fan.two.toLast);
  console.log(
    `one process: p50 ${fmt(one.p50)} / p99 ${fmt(one.p99)} ms; two: p50 ${fmt(two.p50)} / p99 ${fmt(two.p99)} ms`,
  );

  console.log("  check-ins: SQLite");
  const sqlite = await checkInsPerSecond();
  console.log(`  SQLite ${sqlite.perSecond.toFixed(0)}/s; PostgreSQL…`);
  const postgres = await withPgDatabase(`portier_bench_checkin_${Date.now().toString(36)}`, (url) =>
    checkInsPerSecond(url),
  );
  console.log(`  PostgreSQL ${postgres.perSecond.toFixed(0)}/s`);

  const verdict = (ok: boolean) => (ok ? "meets" : "**misses**");
  const row = (label: string, s: ReturnType<typeof stats>) => [
    label,
    String(s.n),
    fmt(s.p50),
    fmt(s.p95),
    fmt(s.p99),
    fmt(s.max),
    ratio(s.p99, one.p99),
  ];
  const markdown = [
    `Load average before: ${loadStart}; after: ${loadAverage()}. Servers are real child processes; the ${PAGERS} pager clients run in ${PAGER_PROCESSES} further child processes (times on the machine's monotonic clock); all on the same ${cpus().length} cores; one PostgreSQL database, Redis on loopback. ${PAGER_CLIENT}`,
    "",
    `### (a) Button press → the last of ${PAGERS} pagers has the page (ms)`,
    "",
    table(
      ["setup", "samples", "p50", "p95", "p99", "max", "p99 vs one process"],
      [
        row(`one process, ${PAGERS} pagers (baseline)`, one),
        row(`two processes + Redis, ${PAGERS / 2} pagers each, press on A`, two),
        row("… one process: the press until raiseAlarm returned (committed)", stats(fan.one.committed)),
        row("… two processes: the press until raiseAlarm returned (committed)", stats(fan.two.committed)),
        row("… two processes: the last of A's own pagers", stats(fan.two.lastHere)),
        row("… two processes: the last of B's pagers (through Redis)", stats(fan.two.lastThere)),
      ],
    ),
    "",
    `Server CPU per press cycle (process CPU time over the ${PRESSES} timed presses: the press, the page, the receipts, the close and its updates): one process ${fmt(fan.one.cpuPerPress[0])} ms; two processes A ${fmt(fan.two.cpuPerPress[0])} ms, B ${fmt(fan.two.cpuPerPress[1])} ms.`,
    "",
    `${PRESSES} presses after ${WARMUP} warm-up ones each (percentiles by nearest rank: with 100 presses the p99 is the second slowest); every alarm is closed on the pressed process once its ${PAGERS} receipts are stored, and the next press waits until every pager has had the closing update. Target (two processes, ${ISSUE_PAGERS} pagers) p99 <= ${TARGET_P99_MS} ms: ${PAGERS < ISSUE_PAGERS ? `not measured at ${ISSUE_PAGERS} in this run; at ${PAGERS} pagers ` : ""}${verdict(two.p99 <= TARGET_P99_MS)}.`,
    "",
    `### (b) Check-ins per second, ${KIOSKS} kiosks at once (closed loop)`,
    "",
    table(
      ["database", "check-ins", "per second", "vs SQLite"],
      [
        ["SQLite (WAL, synchronous=FULL)", String(sqlite.count), sqlite.perSecond.toFixed(0), "1×"],
        [
          "PostgreSQL (adapter-pg, pool 10)",
          String(postgres.count),
          postgres.perSecond.toFixed(0),
          ratio(postgres.perSecond, sqlite.perSecond),
        ],
      ],
    ),
    "",
    "Each check-in is the kiosk's two route handlers (identify, check-in with the house rules accepted), called in-process as bench/checkin.bench.ts does.",
  ].join("\n");
  return { title: "Scale-out: 1,000 pagers over two processes; check-ins on PostgreSQL vs SQLite", markdown };
}
