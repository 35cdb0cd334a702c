// Evacuation bench (issue 6, "Speed").
//
// 2,000 people present (200 staff signed in, 1,800 visitors with an open visit in 20 rooms) on a
// fresh migrated SQLite database (WAL, synchronous=FULL); a real socket.io server on loopback with
// Portier's own attachRealtime (authentication, rooms); MARSHALS socket.io clients signed in as
// marshals (receptionists of the location).
//
// (a) Start → the LAST of 20 marshals has the whole roll call: the clock runs from just before
// startEvacuation (the snapshot of 2,000 people written in one transaction with its audit event,
// `evacuation.started` published, packed as rows) until the 20th marshal's client has received,
// parsed and unpacked `evacuation.started` with all 2,000 people. Each evacuation is ended before
// the next start. Target: p99 <= 200 ms.
//
// (b) A mark → the LAST of 20 marshals has it: one marshal's mark through the real domain
// (recordMarks: stored, last-mark-wins applied, counts, audit, one transaction; then published)
// until the 20th client has `evacuation.marked` with that mark. Target: p99 <= 50 ms.
//
// Baseline, same run: a raw `ws` server broadcasting payloads of the same sizes (the roll call;
// one mark) to 20 `ws` clients (no database), half-way through and after; the ratio is Portier's
// p99 over the baseline's p99.
import { randomBytes } from "node:crypto";
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { encode } from "next-auth/jwt";
import { io as connectClient, type Socket } from "socket.io-client";
import type { Actor } from "../src/domain/access/actor";
import { endEvacuation, type RollCall, recordMarks, startEvacuation } from "../src/domain/evacuation/evacuations";
import { type PackedRollCall, unpackRollCall } from "../src/domain/evacuation/roll-call-wire";
import { attachRealtime } from "../src/realtime/attach";
import { type BenchResult, fmt, loadAverage, percentile, ratio, table } from "./lib";
import { type EvacuationSite, LOCATION, MARSHALS, makeEvacuationSite, PRESENT } from "./support/evacuation-site";
import { rawWsBroadcast } from "./support/raw-ws";

const WARMUP_STARTS = 3;
const STARTS = 30;
const WARMUP_MARKS = 20;
const MARKS = 300;
const BROADCASTS = 100;
const TARGET_SNAPSHOT_P99_MS = 200;
const TARGET_MARK_P99_MS = 50;

const stats = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  return { n: s.length, p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99), max: s.at(-1) ?? 0 };
};
const listen = (server: HttpServer) =>
  new Promise<number>((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)),
  );
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => boolean, timeoutMs: number, what: string) {
  const start = performance.now();
  while (!check()) {
    if (performance.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(1);
  }
}

async function portier(site: EvacuationSite, midway: (snapshot: string, mark: string) => Promise<void>) {
  const secret = randomBytes(32).toString("base64url");
  const httpServer = createServer();
  const io = attachRealtime(httpServer, site.ctx, secret);
  const port = await listen(httpServer);
  const marshals: Socket[] = [];
  // evacuation id / mark id → how many marshals have it, and when the last one got it.
  const got = new Map<string, number>();
  const lastAt = new Map<string, number>();
  const seen = (key: string) => {
    const n = (got.get(key) ?? 0) + 1;
    got.set(key, n);
    if (n === MARSHALS) lastAt.set(key, performance.now());
  };
  let snapshotPayload = "";
  let markPayload = "";
  try {
    for (const staffId of site.marshalIds) {
      const token = await encode({ token: { staffId, sub: staffId }, secret });
      const c = connectClient(`http://127.0.0.1:${port}`, {
        path: "/socket.io",
        transports: ["websocket"],
        extraHeaders: { cookie: `next-auth.session-token=${token}` },
        reconnection: false,
      });
      // socket.io has parsed the JSON already; the marshal page then uses it as it is.
      c.on("evacuation.started", (w: PackedRollCall) => {
        const r = unpackRollCall(w); // as the marshal page does
        if (r.people.length !== PRESENT) throw new Error(`roll call of ${r.people.length}, not ${PRESENT}`);
        seen(r.evacuation.id);
        if (!snapshotPayload) snapshotPayload = JSON.stringify(["evacuation.started", w]);
      });
      c.on("evacuation.marked", (p: { marks: { id: string }[] }) => {
        for (const m of p.marks) seen(m.id);
        if (!markPayload) markPayload = JSON.stringify(["evacuation.marked", p]);
      });
      marshals.push(c);
    }
    await Promise.all(
      marshals.map(
        (c) =>
          new Promise<void>((resolve, reject) => {
            if (c.connected) return resolve(); // connected while the next token was made
            c.once("connect", () => resolve());
            c.once("connect_error", reject);
          }),
      ),
    );
    console.log("  marshals connected");
    await sleep(500); // rooms are joined after the handshake
    const starter: Actor = { type: "STAFF", id: site.marshalIds[0], role: "RECEPTION", locationIds: [LOCATION] };

    // (a) start → last marshal has the roll call
    const startToLast: number[] = [];
    const startToCommit: number[] = [];
    let running: RollCall | null = null;
    for (let i = 0; i < WARMUP_STARTS + STARTS; i++) {
      const t0 = performance.now();
      const { rollCall } = await startEvacuation(site.ctx, starter, {
        locationId: LOCATION,
        drill: true,
        source: "DASHBOARD",
      });
      const committed = performance.now();
      const id = rollCall.evacuation.id;
      await until(() => lastAt.has(id), 20_000, `all ${MARSHALS} marshals to have the roll call`);
      if (i >= WARMUP_STARTS) {
        startToLast.push((lastAt.get(id) as number) - t0);
        startToCommit.push(committed - t0);
      }
      if (i === WARMUP_STARTS + STARTS - 1) {
        running = rollCall; // the last one stays running for (b)
        break;
      }
      await endEvacuation(site.ctx, starter, id);
      if ((i + 1) % 10 === 0) console.log(`  ${i + 1} starts`);
      await sleep(20);
    }
    if (!running) throw new Error("no running evacuation");

    // (b) a mark → last marshal has it
    const markToLast: number[] = [];
    const people = running.people;
    const statuses = ["SAFE", "NOT_FOUND", "NEEDS_HELP"] as const;
    for (let i = 0; i < WARMUP_MARKS + MARKS; i++) {
      const marshal: Actor = {
        type: "STAFF",
        id: site.marshalIds[i % MARSHALS],
        role: "RECEPTION",
        locationIds: [LOCATION],
      };
      const id = `bench-mark-${String(i).padStart(6, "0")}`;
      const t0 = performance.now();
      await recordMarks(site.ctx, marshal, running.evacuation.id, [
        {
          id,
          personId: people[(i * 7) % people.length].id,
          status: statuses[i % 3],
          markedAt: new Date().toISOString(),
        },
      ]);
      await until(() => lastAt.has(id), 10_000, `all ${MARSHALS} marshals to have mark ${id}`);
      if (i >= WARMUP_MARKS) markToLast.push((lastAt.get(id) as number) - t0);
      if (i === WARMUP_MARKS + MARKS / 2) await midway(snapshotPayload, markPayload);
      if ((i + 1) % 100 === 0) console.log(`  ${i + 1} marks`);
      await sleep(5);
    }
    await endEvacuation(site.ctx, starter, running.evacuation.id);
    return { startToLast, startToCommit, markToLast, snapshotPayload, markPayload };
  } finally {
    for (const c of marshals) c.close();
    io.close();
    httpServer.closeAllConnections();
    await new Promise((r) => httpServer.close(() => r(null)));
  }
}

/** The baseline: a payload broadcast to MARSHALS raw `ws` clients that parse it; ms until the last has it. */
const rawWs = (payload: string, rounds: number) => rawWsBroadcast(payload, { clients: MARSHALS, rounds, warmup: 5 });

export default async function evacuationBench(): Promise<BenchResult> {
  const loadStart = loadAverage();
  const site = await makeEvacuationSite();
  console.log("  site ready");
  try {
    const wsSnapshot: number[] = [];
    const wsMark: number[] = [];
    const run = await portier(site, async (snapshot, mark) => {
      wsSnapshot.push(...(await rawWs(snapshot, STARTS)));
      wsMark.push(...(await rawWs(mark, BROADCASTS)));
    });
    wsSnapshot.push(...(await rawWs(run.snapshotPayload, STARTS)));
    wsMark.push(...(await rawWs(run.markPayload, BROADCASTS)));
    const s = stats(run.startToLast);
    const c = stats(run.startToCommit);
    const m = stats(run.markToLast);
    const ws = stats(wsSnapshot);
    const wm = stats(wsMark);
    console.log(
      `start → last of ${MARSHALS} marshals: p50 ${fmt(s.p50)} / p99 ${fmt(s.p99)} ms (startEvacuation p50 ${fmt(c.p50)} ms); ws p50 ${fmt(ws.p50)} / p99 ${fmt(ws.p99)} ms`,
    );
    console.log(
      `mark → last of ${MARSHALS} marshals: p50 ${fmt(m.p50)} / p99 ${fmt(m.p99)} ms; ws p50 ${fmt(wm.p50)} / p99 ${fmt(wm.p99)} ms`,
    );
    const verdict = (ok: boolean) => (ok ? "meets" : "**misses**");
    const row = (name: string, x: ReturnType<typeof stats>, base: string) => [
      name,
      String(x.n),
      fmt(x.p50),
      fmt(x.p95),
      fmt(x.p99),
      fmt(x.max),
      base,
    ];
    const header = ["path", "samples", "p50", "p95", "p99", "max", "p99 vs ws"];
    const markdown = [
      `${PRESENT} people present (200 staff signed in, 1,800 visitors with open visits in 20 rooms), ${MARSHALS} marshals (socket.io clients) on loopback, fresh SQLite (WAL, synchronous=FULL); clients and server in one process. Load average before: ${loadStart}; after: ${loadAverage()}. Roll call payload ${(run.snapshotPayload.length / 1024).toFixed(0)} KiB; mark payload ${run.markPayload.length} bytes.`,
      "",
      `### (a) Start → the last of ${MARSHALS} marshals has the roll call of ${PRESENT} (ms)`,
      "",
      table(header, [
        row(
          "Portier: startEvacuation (snapshot of 2,000 + audit, committed) → evacuation.started (packed rows) to the marshals' room, unpacked by each",
          s,
          ratio(s.p99, ws.p99),
        ),
        row("… of which startEvacuation until it returned", c, ""),
        row("raw `ws` broadcast of the same payload (no database)", ws, "1×"),
      ]),
      "",
      `${STARTS} starts after ${WARMUP_STARTS} warm-up ones, each ended before the next (the doors restored). Target p99 <= ${TARGET_SNAPSHOT_P99_MS} ms: ${verdict(s.p99 <= TARGET_SNAPSHOT_P99_MS)}.`,
      "",
      `### (b) A mark → the last of ${MARSHALS} marshals has it (ms)`,
      "",
      table(header, [
        row(
          "Portier: recordMarks (stored, last mark wins, counts, audit, committed) → evacuation.marked",
          m,
          ratio(m.p99, wm.p99),
        ),
        row("raw `ws` broadcast of the same payload (no database)", wm, "1×"),
      ]),
      "",
      `${MARKS} marks after ${WARMUP_MARKS} warm-up ones, by the ${MARSHALS} marshals in turn. Target p99 <= ${TARGET_MARK_P99_MS} ms: ${verdict(m.p99 <= TARGET_MARK_P99_MS)}.`,
    ].join("\n");
    return { title: "Evacuation: roll call of 2,000 to 20 marshals, and a mark to all of them", markdown };
  } finally {
    await site.close();
  }
}
