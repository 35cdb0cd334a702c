// npm run audit:verify — walks the whole audit trail of DATABASE_URL (default ./data/portier.db)
// and recomputes its hash chain (src/domain/audit/audit-chain.ts). Exit code 1 when it is broken.
// `npm run audit:verify -- --json` prints one JSON line instead (ok, head hash and event id, time,
// checkpoint, breaks): for a cron job that anchors the head hash somewhere else.
import { verifyAuditTrail } from "@/src/domain/audit/audit-chain";
import { domain } from "@/src/server/runtime";

const ctx = await domain();
const r = await verifyAuditTrail(ctx.db);
if (process.argv.includes("--json")) {
  console.log(
    JSON.stringify({
      ok: r.ok,
      at: ctx.clock.now().toISOString(),
      head: r.head,
      headId: r.headId,
      checked: r.checked,
      pending: r.pending,
      checkpoint: r.checkpoint,
      breaks: r.breaks,
    }),
  );
  await ctx.db.$disconnect();
  process.exit(r.ok ? 0 : 1);
}
if (r.checkpoint) {
  console.log(
    `Retention cut the trail on ${r.checkpoint.at}: ${r.checkpoint.pruned} event(s) up to id ${r.checkpoint.lastEventId} deleted; the chain goes on from ${r.checkpoint.lastHash}.`,
  );
}
console.log(`Audit trail: ${r.checked} sealed event(s) checked, ${r.pending} not sealed yet (the newest seconds).`);
if (r.head)
  console.log(`Head hash at event ${r.headId} (write it down elsewhere to notice deleted newest events): ${r.head}`);
if (r.ok) console.log("OK: the chain is unbroken.");
for (const b of r.breaks) {
  console.log(
    b.reason === "altered"
      ? `BROKEN at event ${b.id}: its hash does not fit (this event or the one before it was changed or removed)`
      : `BROKEN at event ${b.id}: left out of the chain (inserted later, or its hash was removed)`,
  );
}
await ctx.db.$disconnect();
process.exitCode = r.ok ? 0 : 1;
