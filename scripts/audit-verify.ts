// npm run audit:verify — walks the whole audit trail of DATABASE_URL (default ./data/portier.db)
// and recomputes its hash chain (src/domain/audit/audit-chain.ts). Exit code 1 when it is broken.
import { verifyAuditTrail } from "@/src/domain/audit/audit-chain";
import { domain } from "@/src/server/runtime";

const ctx = await domain();
const r = await verifyAuditTrail(ctx.db);
console.log(`Audit trail: ${r.checked} sealed event(s) checked, ${r.pending} not sealed yet (the newest seconds).`);
if (r.head) console.log(`Head hash (write it down elsewhere to notice deleted newest events): ${r.head}`);
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
