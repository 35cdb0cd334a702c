// npm run db:seed — demo data (after npm run db:migrate). Safe to run again: nothing is duplicated
// and nothing an admin changed since is undone. See src/domain/seed/demo-seed.ts for the data.
import { DEMO_DEVICES, DEMO_LOCATIONS, DEMO_PASSWORD, DEMO_STAFF, seedDemo } from "@/src/domain/seed/demo-seed";
import { config } from "@/src/server/config";
import { createPrismaClient, tuneSqlite } from "@/src/server/db";

async function main() {
  const cfg = config();
  const db = createPrismaClient(cfg.databaseUrl);
  try {
    await tuneSqlite(db);
    const started = Date.now();
    let summary: Awaited<ReturnType<typeof seedDemo>>;
    try {
      summary = await seedDemo(db, cfg.hmacKey);
    } catch (err) {
      if (/no such table/i.test(String(err))) {
        throw new Error(`The database has no tables yet: run \`npm run db:migrate\` first.\n${err}`);
      }
      throw err;
    }
    const ms = Date.now() - started;
    console.log(
      `Seeded ${cfg.databaseUrl} in ${ms} ms: ${summary.locations} locations, ${summary.rooms} rooms, ` +
        `${summary.staff} staff, ${summary.houseRules} house rules, ${summary.devices} devices ` +
        `(${summary.created ? `${summary.created} rows created` : "already present, nothing changed"}).`,
    );
    const locationName = new Map(DEMO_LOCATIONS.map((l) => [l.id, l.name]));
    console.log(`\nDemo logins (password "${DEMO_PASSWORD}"):`);
    for (const s of DEMO_STAFF) {
      const where = s.locationIds.map((id) => locationName.get(id)).join(", ");
      console.log(
        `  ${s.email.padEnd(26)} ${s.role.padEnd(10)} ${s.badgeCode ? `badge ${s.badgeCode}` : "no badge  "}  ${where}`,
      );
    }
    console.log(`\n${DEMO_DEVICES.length} devices are registered but not paired: pair them as admin under Devices.`);
  } finally {
    await db.$disconnect();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
