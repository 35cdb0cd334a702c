// Where a kiosk check-in's time goes (not part of `npm run bench`): one kiosk doing walk-ins one
// after another (or K kiosks at once), each split into its stages, with every SQLite statement
// counted and timed inside better-sqlite3, and each transaction's BEGIN → COMMIT time.
// Run:  npx tsx bench/support/checkin-profile.ts [check-ins per kiosk = 200] [kiosks = 1]
// CPU profile:  node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/support/checkin-profile.ts
import { completeCheckIn, identifyAtKiosk } from "../../src/domain/visits/kiosk-check-in";
import { checkInSchema, identifySchema } from "../../src/kiosk/api/kiosk-schemas";
import { requireDevice } from "../../src/server/auth/device-request";
import { readJson } from "../../src/server/http";
import { fmt, percentile } from "../lib";
import { makeBenchSite } from "./checkin-site";
import { installSqliteProbe } from "./sqlite-probe";

const N = Number(process.argv[2] ?? 200);
const K = Number(process.argv[3] ?? 1);

const site = await makeBenchSite(K);
const ctx = site.ctx;
const post = (url: string, body: unknown, cookie: string) =>
  new Request(`http://kiosk.bench${url}`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie },
    body: JSON.stringify(body),
  });

const stages = [
  "auth (identify)",
  "body (identify)",
  "identifyAtKiosk",
  "auth (check-in)",
  "body (check-in)",
  "completeCheckIn",
];
const times = new Map<string, number[]>(stages.map((s) => [s, []]));

/** The two route handlers' steps, timed one by one. */
async function once(n: number, record: boolean, cookie: string) {
  const req = post(
    "/api/kiosk/identify",
    {
      language: "nl",
      input: {
        kind: "walk-in",
        fields: {
          mode: "FULL",
          firstName: `P${n}`,
          lastName: "Profile",
          dateOfBirth: "1980-01-01",
          purpose: "Afspraak",
        },
      },
    },
    cookie,
  );
  const t = [performance.now()];
  const device = await requireDevice(req, "kiosk.use");
  t.push(performance.now());
  const body = await readJson(req, identifySchema);
  t.push(performance.now());
  const rules = await identifyAtKiosk(ctx, device, body.input, body.language);
  t.push(performance.now());
  if (rules.step !== "rules") throw new Error(JSON.stringify(rules));
  const req2 = post("/api/kiosk/check-in", { pending: rules.pending, decision: "accept" }, cookie);
  const u = [performance.now()];
  const device2 = await requireDevice(req2, "kiosk.use");
  u.push(performance.now());
  const body2 = await readJson(req2, checkInSchema);
  u.push(performance.now());
  const done = await completeCheckIn(ctx, device2, body2.pending, body2.decision);
  u.push(performance.now());
  if (done.step !== "checked-in") throw new Error(JSON.stringify(done));
  if (!record) return;
  const d = [t[1] - t[0], t[2] - t[1], t[3] - t[2], u[1] - u[0], u[2] - u[1], u[3] - u[2]];
  for (const [i, s] of stages.entries()) times.get(s)?.push(d[i]);
}

try {
  for (let i = 0; i < 30; i++) await once(i, false, site.kioskCookies[0]);
  const probe = installSqliteProbe();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(
    site.kioskCookies.map(async (cookie, k) => {
      for (let i = 0; i < N; i++) await once(1000 + k * N + i, true, cookie);
    }),
  );
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  probe.uninstall();
  const r = probe.report;
  const per = N * K;
  console.log(`${per} walk-in check-ins: ${K} kiosk(s) at once, ${N} each, one after another`);
  console.log(
    `per check-in: wall ${fmt(wall / per)} ms, CPU ${fmt((c.user + c.system) / 1000 / per)} ms (user ${fmt(c.user / 1000 / per)}, system ${fmt(c.system / 1000 / per)})`,
  );
  console.log(
    `SQLite: ${(r.statements / per).toFixed(1)} statements per check-in, ${fmt(r.sqliteMs / per)} ms inside better-sqlite3; ${(r.commits / per).toFixed(1)} COMMITs taking ${fmt(r.commitMs / per)} ms`,
  );
  const open = [...r.txOpen].sort((a, b) => a - b);
  console.log(
    `transactions: BEGIN → COMMIT p50 ${fmt(percentile(open, 50))} ms, p95 ${fmt(percentile(open, 95))} ms; statements run while a transaction was open: ${((100 * r.statementsWhileTxOpen) / r.statements).toFixed(0)}%`,
  );
  for (const s of stages) {
    const v = [...(times.get(s) ?? [])].sort((a, b) => a - b);
    const mean = v.reduce((a, b) => a + b, 0) / v.length;
    console.log(
      `  ${s.padEnd(18)} mean ${fmt(mean).padStart(6)} ms  p50 ${fmt(percentile(v, 50)).padStart(6)}  p95 ${fmt(percentile(v, 95)).padStart(6)}`,
    );
  }
  console.log("statements per check-in (count, ms):");
  for (const [table, e] of [...r.byTable].sort((a, b) => b[1].n - a[1].n)) {
    console.log(`  ${(e.n / per).toFixed(1).padStart(4)}  ${fmt(e.ms / per).padStart(6)}  ${table}`);
  }
} finally {
  await site.close();
}
