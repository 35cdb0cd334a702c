// Check-in bench (issue 3, "Speed"): 20 kiosks check walk-in visitors in at the same time.
//
// Portier: a fresh, migrated and demo-seeded SQLite database (WAL, synchronous=FULL, as in
// production) in a temp folder; 20 kiosk devices registered and paired at a location without a
// capacity limit and with published house rules (bench/support/checkin-site.ts). Each kiosk runs a
// loop of walk-in check-ins (registration mode FULL): POST /api/kiosk/identify (→ the house-rules
// step) then POST /api/kiosk/check-in with "accept" (→ checked in), calling the exported route
// handlers with real Request objects and the device's credential cookie. A request's time is
// from calling the handler until it returns its Response: everything the server does except the
// socket and HTTP parsing. Three patterns: a closed loop without think time (a kiosk sends its next
// request as soon as the answer to the previous one is in, so 20 check-ins are always in flight —
// far busier than real kiosks, where a visitor spends seconds per screen); bursts (all 20 kiosks
// start a check-in at the same instant); one kiosk alone (the service time). The event bus has no
// subscribers here (no socket.io, no desk screens).
//
// Baseline, same run, same patterns: raw better-sqlite3 on a copy of the same database file
// (WAL, synchronous=FULL, foreign keys on), one transaction per check-in that inserts a visitor row
// and a visit row with prepared statements. It is synchronous, so the 20 kiosks' transactions run
// one after another; their latency is the wait for the others plus their own.
import { randomInt, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { POST as checkInRoute } from "../app/api/kiosk/check-in/route";
import { POST as identifyRoute } from "../app/api/kiosk/identify/route";
import { OPEN_VISIT } from "../src/domain/visits/capacity";
import { type BenchResult, fmt, loadAverage, percentile, table } from "./lib";
import { BENCH_LOCATION, makeBenchSite } from "./support/checkin-site";
import { installSqliteProbe, type ProbeReport } from "./support/sqlite-probe";

// The kiosks here run far busier than people can: no per-kiosk request cap (src/server/kiosk-budget.ts).
process.env.PORTIER_KIOSK_REQUESTS_PER_MINUTE ??= "0";

const KIOSKS = 20;
const PER_KIOSK = 25;
const BURSTS = 10;
const ALONE = 20;
const ROUNDS = 3;
/** Check-ins in the (untimed) diagnosis pass: one kiosk alone; then each of the kiosks does a quarter. */
const DIAGNOSE = 40;
const TARGET_P95_MS = 100;

interface Stats {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

function stats(values: number[]): Stats {
  const s = [...values].sort((a, b) => a - b);
  return {
    n: s.length,
    p50: percentile(s, 50),
    p95: percentile(s, 95),
    p99: percentile(s, 99),
    max: s[s.length - 1] ?? Number.NaN,
    mean: s.reduce((a, b) => a + b, 0) / (s.length || 1),
  };
}

/** Latencies of one measured phase, its wall time and this process's CPU time. */
interface Phase {
  identify: number[];
  checkIn: number[];
  /** identify + check-in of one visitor (Portier), or the one transaction (raw). */
  pair: number[];
  wallMs: number;
  cpuMs: number;
}

const emptyPhase = (): Phase => ({ identify: [], checkIn: [], pair: [], wallMs: 0, cpuMs: 0 });

function addTo(total: Phase, p: Phase) {
  total.identify.push(...p.identify);
  total.checkIn.push(...p.checkIn);
  total.pair.push(...p.pair);
  total.wallMs += p.wallMs;
  total.cpuMs += p.cpuMs;
}

async function measure(
  kiosks: number,
  perKiosk: number,
  run: (kiosk: number, i: number, into: Phase) => Promise<void>,
) {
  const phase = emptyPhase();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: kiosks }, async (_, k) => {
      for (let i = 0; i < perKiosk; i++) await run(k, i, phase);
    }),
  );
  phase.wallMs = performance.now() - t0;
  const c = process.cpuUsage(c0);
  phase.cpuMs = (c.user + c.system) / 1000;
  return phase;
}

const post = (url: string, body: unknown, cookie: string) =>
  new Request(`http://kiosk.bench${url}`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie, "accept-language": "nl" },
    body: JSON.stringify(body),
  });

let serialNo = 0;

/** One walk-in through the two kiosk requests; only the handler calls are timed. */
async function portierCheckIn(cookie: string, into: Phase) {
  const n = ++serialNo;
  const identifyReq = post(
    "/api/kiosk/identify",
    {
      language: "nl",
      input: {
        kind: "walk-in",
        fields: {
          mode: "FULL",
          firstName: `Bezoeker${n}`,
          lastName: `Bench ${n % 97}`,
          dateOfBirth: `19${50 + (n % 50)}-0${1 + (n % 9)}-1${n % 10}`,
          purpose: "Afspraak bij het wijkteam",
        },
      },
    },
    cookie,
  );
  const t0 = performance.now();
  const identifyRes = await identifyRoute(identifyReq);
  const t1 = performance.now();
  const rules = (await identifyRes.json()) as { step: string; pending?: string };
  if (identifyRes.status !== 200 || rules.step !== "rules" || !rules.pending) {
    throw new Error(`identify answered ${identifyRes.status} ${JSON.stringify(rules)}`);
  }
  const checkInReq = post("/api/kiosk/check-in", { pending: rules.pending, decision: "accept" }, cookie);
  const t2 = performance.now();
  const checkInRes = await checkInRoute(checkInReq);
  const t3 = performance.now();
  const done = (await checkInRes.json()) as { step: string };
  if (checkInRes.status !== 200 || done.step !== "checked-in") {
    throw new Error(`check-in answered ${checkInRes.status} ${JSON.stringify(done)}`);
  }
  into.identify.push(t1 - t0);
  into.checkIn.push(t3 - t2);
  into.pair.push(t1 - t0 + (t3 - t2));
}

/** The raw baseline: one transaction inserting a visitor and a visit, on its own connection. */
function rawBaseline(file: string) {
  const db = new Database(file, { timeout: 5000 });
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  db.pragma("foreign_keys = ON");
  const insertVisitor = db.prepare(
    `INSERT INTO "Visitor" ("id", "firstName", "lastName", "dateOfBirth", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const insertVisit = db.prepare(
    `INSERT INTO "Visit" ("id", "locationId", "visitorId", "method", "status", "purpose", "rulesVersion", "language", "leaveCode", "checkedInAt")
     VALUES (?, ?, ?, 'WALK_IN', 'WAITING', ?, 1, 'nl', ?, ?)`,
  );
  const checkIn = db.transaction((n: number) => {
    const now = new Date().toISOString();
    const visitorId = randomUUID();
    insertVisitor.run(visitorId, `Bezoeker${n}`, `Bench ${n % 97}`, "1970-01-11", now, now);
    const leaveCode = String(randomInt(0, 1_000_000)).padStart(6, "0");
    insertVisit.run(randomUUID(), BENCH_LOCATION, visitorId, "Afspraak bij het wijkteam", leaveCode, now);
  });
  let n = 0;
  return {
    /** A "request": yields to the event loop like an arriving request would, then runs the transaction. */
    async run(into: Phase) {
      const t0 = performance.now();
      await new Promise((resolve) => setImmediate(resolve));
      checkIn(++n);
      into.pair.push(performance.now() - t0);
    },
    close: () => db.close(),
  };
}

/** Ends every open visit (untimed), so each phase starts with an empty waiting room. */
async function checkOutAll(site: Awaited<ReturnType<typeof makeBenchSite>>) {
  await site.ctx.db.visit.updateMany({
    where: { status: OPEN_VISIT },
    data: { status: "CHECKED_OUT", checkedOutAt: new Date() },
  });
}

/** Where a check-in's time goes, from the instrumented passes. */
function diagnosis(alone: { phase: Phase; report: ProbeReport }, crowd: { phase: Phase; report: ProbeReport }): string {
  const n = alone.phase.pair.length;
  const r = alone.report;
  const wall = alone.phase.pair.reduce((a, b) => a + b, 0) / n;
  const sqlite = r.sqliteMs / n;
  const tables = [...r.byTable]
    .sort((a, b) => b[1].n - a[1].n)
    .map(([t, e]) => `${t} ×${+(e.n / n).toFixed(1)}`)
    .join(", ");
  const open = (x: ProbeReport) => [...x.txOpen].sort((a, b) => a - b);
  const c = crowd.report;
  return [
    `**Where the time goes** (an instrumented, untimed pass after the rounds; every SQLite statement counted and timed inside better-sqlite3). One kiosk alone, ${n} check-ins: ${fmt(wall)} ms of handler time per check-in (CPU ${fmt(alone.phase.cpuMs / n)} ms), of which ${fmt(sqlite)} ms inside SQLite (${fmt(r.commitMs / n)} ms for ${+(r.commits / n).toFixed(1)} COMMITs, fsync included) and ${fmt(wall - sqlite)} ms in JavaScript — mostly Prisma's client (query interpreter, argument and result mapping; the adapter also prepares every statement anew). ${+(r.statements / n).toFixed(1)} statements per check-in: ${tables}.`,
    `${KIOSKS} kiosks in a closed loop, ${crowd.phase.pair.length} check-ins: one connection on one thread, so the work is done one check-in at a time (${fmt(crowd.phase.wallMs / crowd.phase.pair.length)} ms of wall time per check-in) and, with ${KIOSKS} always in flight, each visitor's two requests together wait for about ${KIOSKS - 1} others' work. Which request waits: a transaction stays open BEGIN → COMMIT p50 ${fmt(percentile(open(c), 50))} ms / p95 ${fmt(percentile(open(c), 95))} ms (alone: ${fmt(percentile(open(r), 50))} / ${fmt(percentile(open(r), 95))} ms), and ${((100 * c.statementsWhileTxOpen) / c.statements).toFixed(0)}% of all statements ran while one was open (alone: ${((100 * r.statementsWhileTxOpen) / r.statements).toFixed(0)}%, only its own). Portier's adapter wrapper (src/server/serial-sqlite-adapter.ts) puts every statement in one first-come line behind the open transaction (isolation): identify waits in that line once per statement (device, location, ban, house rules), check-in for its device lookup and then once for its one transaction. A new visitor is written only in that transaction, so identify writes nothing and each check-in has one COMMIT (one fsync).`,
  ].join("\n\n");
}

/** How the kiosks send their check-ins. */
interface Pattern {
  key: "loop" | "burst" | "alone";
  label: string;
  /** Measures `run` once per check-in in this pattern. */
  measure(run: (kiosk: number, into: Phase) => Promise<void>): Promise<Phase>;
}

const PATTERNS: Pattern[] = [
  {
    key: "loop",
    label: `${KIOSKS} kiosks, closed loop`,
    measure: (run) => measure(KIOSKS, PER_KIOSK, (k, _i, into) => run(k, into)),
  },
  {
    key: "burst",
    label: `${KIOSKS} kiosks, bursts`,
    // All kiosks start a check-in at the same instant; the next burst starts when all are done.
    measure: async (run) => {
      const total = emptyPhase();
      for (let b = 0; b < BURSTS; b++) addTo(total, await measure(KIOSKS, 1, (k, _i, into) => run(k, into)));
      return total;
    },
  },
  {
    key: "alone",
    label: "1 kiosk alone",
    measure: (run) => measure(1, ALONE, (k, _i, into) => run(k, into)),
  },
];

export default async function checkInBench(): Promise<BenchResult> {
  const loadStart = loadAverage();
  const site = await makeBenchSite(KIOSKS);
  const rawFile = path.join(site.dir, "raw.db");
  await site.copyDatabase(rawFile);
  const raw = rawBaseline(rawFile);
  const sameDisk = fs.statSync(site.dir).dev === fs.statSync(process.cwd()).dev;
  try {
    // Warm-up: every kiosk twice, in turn (JIT, statement caches); then the raw path as often.
    for (let i = 0; i < 2; i++) for (const cookie of site.kioskCookies) await portierCheckIn(cookie, emptyPhase());
    for (let i = 0; i < 2 * KIOSKS; i++) await raw.run(emptyPhase());
    await checkOutAll(site);

    // Rounds interleave Portier and the baseline (alternating which goes first), so a burst of other
    // work on the machine hits both alike.
    const portier = new Map(PATTERNS.map((p) => [p.key, emptyPhase()]));
    const baseline = new Map(PATTERNS.map((p) => [p.key, emptyPhase()]));
    const roundP95: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      for (const pattern of PATTERNS) {
        const doPortier = async () => {
          const p = await pattern.measure((k, into) => portierCheckIn(site.kioskCookies[k], into));
          await checkOutAll(site);
          addTo(portier.get(pattern.key) ?? emptyPhase(), p);
          const worst = Math.max(stats(p.identify).p95, stats(p.checkIn).p95);
          if (pattern.key === "loop") roundP95.push(worst);
          console.log(
            `round ${round + 1}, ${pattern.label.padEnd(26)} Portier: ${String(p.pair.length).padStart(3)} check-ins in ${fmt(p.wallMs).padStart(5)} ms; p95 identify ${fmt(stats(p.identify).p95).padStart(5)} ms, check-in ${fmt(stats(p.checkIn).p95).padStart(5)} ms`,
          );
        };
        const doRaw = async () => {
          const p = await pattern.measure((_k, into) => raw.run(into));
          addTo(baseline.get(pattern.key) ?? emptyPhase(), p);
          console.log(
            `round ${round + 1}, ${pattern.label.padEnd(26)} raw:     ${String(p.pair.length).padStart(3)} check-ins in ${fmt(p.wallMs).padStart(5)} ms; p95 ${fmt(stats(p.pair).p95).padStart(5)} ms`,
          );
        };
        if (round % 2 === 0) {
          await doPortier();
          await doRaw();
        } else {
          await doRaw();
          await doPortier();
        }
      }
    }

    // Diagnosis, after the timed rounds and not in the table: every SQLite statement counted and
    // timed, one kiosk alone and then all kiosks in a closed loop.
    const diagnose = async (kiosks: number, perKiosk: number) => {
      const probe = installSqliteProbe();
      let p: Phase;
      try {
        p = await measure(kiosks, perKiosk, (k, _i, into) => portierCheckIn(site.kioskCookies[k], into));
      } finally {
        probe.uninstall();
      }
      await checkOutAll(site);
      return { phase: p, report: probe.report };
    };
    const alone = await diagnose(1, DIAGNOSE);
    const crowd = await diagnose(KIOSKS, DIAGNOSE / 4);

    const visits = await site.ctx.db.visit.count({ where: { locationId: BENCH_LOCATION } });
    const expected =
      2 * KIOSKS + ROUNDS * (KIOSKS * PER_KIOSK + BURSTS * KIOSKS + ALONE) + DIAGNOSE + (KIOSKS * DIAGNOSE) / 4;
    if (visits !== expected) throw new Error(`expected ${expected} visits, found ${visits}`);
    const loadEnd = loadAverage();

    const perSecond = (p: Phase) => (p.pair.length / p.wallMs) * 1000;
    const header = [
      "kiosks / request",
      "requests",
      "p50 ms",
      "p95 ms",
      "p99 ms",
      "max ms",
      "check-ins/s",
      "CPU ms per check-in",
      "× raw (p50 / p95)",
      "throughput × raw",
    ];
    const cells = (s: Stats) => [String(s.n), fmt(s.p50), fmt(s.p95), fmt(s.p99), fmt(s.max)];
    const rows: string[][] = [];
    for (const pattern of PATTERNS) {
      const p = portier.get(pattern.key) ?? emptyPhase();
      const b = baseline.get(pattern.key) ?? emptyPhase();
      const pair = stats(p.pair);
      const base = stats(b.pair);
      rows.push(
        [`${pattern.label}: POST identify (walk-in → rules)`, ...cells(stats(p.identify)), "", "", "", ""],
        [`${pattern.label}: POST check-in (accept → checked in)`, ...cells(stats(p.checkIn)), "", "", "", ""],
        [
          `${pattern.label}: **identify + check-in** of one visitor`,
          ...cells(pair),
          perSecond(p).toFixed(0),
          fmt(p.cpuMs / p.pair.length),
          `${(pair.p50 / base.p50).toFixed(1)}× / ${(pair.p95 / base.p95).toFixed(1)}×`,
          `${(perSecond(p) / perSecond(b)).toFixed(2)}×`,
        ],
        [
          `${pattern.label}: raw better-sqlite3, 1 transaction (baseline)`,
          ...cells(base),
          perSecond(b).toFixed(0),
          fmt(b.cpuMs / b.pair.length),
          "1×",
          "1×",
        ],
      );
    }
    for (const r of rows) console.log(r.join("  "));

    const loop = portier.get("loop") ?? emptyPhase();
    const burst = portier.get("burst") ?? emptyPhase();
    const verdictOf = (p: Phase) => {
      const i = stats(p.identify).p95;
      const c = stats(p.checkIn).p95;
      return `identify p95 ${fmt(i)} ms, check-in p95 ${fmt(c)} ms: **${Math.max(i, c) <= TARGET_P95_MS ? "meets" : "MISSES"}**`;
    };

    const markdown = [
      `${KIOSKS} paired kiosks at ${BENCH_LOCATION} (demo seed: no capacity limit, house rules v1 published) check walk-in visitors in (mode FULL, with a date of birth, so the ban check also matches on name + date of birth): POST identify → rules step, POST check-in accept → checked in. ${ROUNDS} rounds, each of three patterns, each alternating with the baseline: **closed loop** — ${KIOSKS} kiosks × ${PER_KIOSK} check-ins, every kiosk sends its next request as soon as it has the previous answer (no think time), so ${KIOSKS} check-ins are always in flight; **bursts** — all ${KIOSKS} kiosks start a check-in at the same instant, ${BURSTS} times per round, the next burst when all are done; **1 kiosk alone** — ${ALONE} check-ins one after another (the service time, nobody to wait for). Open visits are checked out after each phase (untimed).`,
      "",
      "**What is timed:** the exported route handlers called in-process with real `Request` objects and the device credential cookie, from the call until the `Response` is returned: device authentication, JSON body reading and validation, the domain code, Prisma 7 (WebAssembly query compiler) over better-sqlite3, SQLite in WAL mode with `synchronous=FULL`, and `Response.json`. **Not included:** the socket, HTTP parsing and Next's routing (no HTTP server is started: the custom server needs a production build). The event bus has **no subscribers** here (no socket.io, no desk screens), so publishing `visit.checked_in` / `door.release_requested` costs nothing.",
      "",
      `**Baseline** (same run, same patterns): raw better-sqlite3 on a copy of the same database file, WAL + \`synchronous=FULL\` + foreign keys, one transaction inserting a visitor row and a visit row with prepared statements; each "request" yields to the event loop once, then runs synchronously. "× raw" compares Portier's identify + check-in of one visitor with that one transaction.`,
      "",
      table(header, rows),
      "",
      `Closed loop, worst request p95 per round: ${roundP95.map(fmt).join(" / ")} ms. Database in ${sameDisk ? "a temp folder on the same disk as the data folder" : "a temp folder on another file system than the data folder (fsync costs may differ)"}. Load average (1/5/15 min) at the start / end of this bench: ${loadStart} — ${loadEnd}.`,
      "",
      diagnosis(alone, crowd),
      "",
      `Target (issue 3): p95 <= ${TARGET_P95_MS} ms server time per check-in request with ${KIOSKS} concurrent kiosks (in-process server time, HTTP parsing excluded). Closed loop: ${verdictOf(loop)}. Bursts: ${verdictOf(burst)}.`,
    ].join("\n");
    return { title: "Kiosk check-in, 20 concurrent kiosks (issue 3)", markdown };
  } finally {
    raw.close();
    await site.close();
  }
}
