// npm run db:migrate | db:migrate:status | db:migrate:create -- <name> [--provider sqlite|postgresql|all]
// Migrations on Prisma's WebAssembly schema engine (no native engine needed).
// DATABASE_URL picks the database (default file:./data/portier.db). Authoring a migration writes
// the SQLite one and, with the PostgreSQL server reachable (MIGRATE_POSTGRES_URL, default the
// local one), the PostgreSQL one, so both providers keep the same schema.
import path from "node:path";
import { databaseUrl } from "@/src/server/database-url";
import { createMigration, deployMigrations, migrationStatus } from "@/src/server/migrations";

const prismaDir = path.resolve("prisma");
const log = process.env.MIGRATE_DEBUG ? (m: string) => console.error(m) : undefined;
const [cmd = "deploy", ...rest] = process.argv.slice(2);

async function main() {
  const url = databaseUrl();
  if (cmd === "deploy") {
    const applied = await deployMigrations({ url, prismaDir, log });
    console.log(
      applied.length ? `Applied ${applied.length} migration(s): ${applied.join(", ")}` : "Database is up to date.",
    );
    return;
  }
  if (cmd === "status") {
    const s = await migrationStatus({ url, prismaDir, log });
    if (s.failed.length) console.log(`Failed migrations: ${s.failed.join(", ")}`);
    console.log(s.pending.length ? `Pending migrations: ${s.pending.join(", ")}` : "No pending migrations.");
    process.exitCode = s.pending.length || s.failed.length ? 1 : 0;
    return;
  }
  if (cmd === "create") {
    const name = rest.find((a) => !a.startsWith("--"));
    if (!name) throw new Error("usage: npm run db:migrate:create -- <name> [--provider sqlite|postgresql|all]");
    const i = rest.indexOf("--provider");
    const provider = i >= 0 ? rest[i + 1] : "all";
    const now = new Date();
    if (provider === "sqlite" || provider === "all") {
      // Authoring diffs against a throw-away database, never the live one.
      const created = await createMigration({ url: "file::memory:", prismaDir, log }, name, now);
      console.log(created ? `SQLite: created ${created}` : "SQLite: no schema changes.");
    }
    if (provider === "postgresql" || provider === "all") {
      const pgUrl = process.env.MIGRATE_POSTGRES_URL ?? "postgresql://root@127.0.0.1:5432/postgres";
      const created = await createMigration({ url: pgUrl, prismaDir, log }, name, now);
      console.log(created ? `PostgreSQL: created ${created}` : "PostgreSQL: no schema changes.");
    }
    return;
  }
  throw new Error(`unknown command "${cmd}": use deploy, status or create`);
}

main().then(
  () => process.exit(),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
