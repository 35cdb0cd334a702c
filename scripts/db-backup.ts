// npm run db:backup [-- <file or folder>]: a consistent copy of the SQLite database while Portier
// runs (SQLite's online backup API), checked after writing. Default folder: <PORTIER_DATA_DIR>/backups.
import fs from "node:fs";
import path from "node:path";
import { backupFileName, backupSqlite } from "@/src/server/backup";
import { databaseUrl } from "@/src/server/database-url";

const arg = process.argv[2];
const dataDir = process.env.PORTIER_DATA_DIR ?? "./data";
const target =
  arg && !(fs.existsSync(arg) && fs.statSync(arg).isDirectory())
    ? arg
    : path.join(arg ?? path.join(dataDir, "backups"), backupFileName(new Date()));
try {
  const { file, bytes } = await backupSqlite(databaseUrl(), target);
  console.log(`Backup written and checked: ${file} (${(bytes / 1024).toFixed(0)} KiB)`);
} catch (err) {
  console.error(`Backup failed: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
}
