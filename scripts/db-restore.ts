// npm run db:restore -- <backup file>: puts a checked backup in place of the SQLite database.
// Stop Portier first; the current file is kept beside it (.before-restore-<time>). Then start
// Portier (it applies any newer migrations with `npm run db:migrate`).
import { restoreSqlite } from "@/src/server/backup";
import { databaseUrl } from "@/src/server/database-url";

const from = process.argv[2];
if (!from) {
  console.error("usage: npm run db:restore -- <backup file>   (stop Portier first)");
  process.exit(2);
}
try {
  const { replaced } = restoreSqlite(from, databaseUrl());
  console.log(`Restored ${from}.${replaced ? ` The previous database is kept as ${replaced}.` : ""}`);
  console.log("Next: npm run db:migrate, then start Portier.");
} catch (err) {
  console.error(`Restore failed: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
}
