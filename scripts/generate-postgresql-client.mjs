// The PostgreSQL Prisma client (src/generated/prisma-postgresql). Prisma refuses a driver adapter
// whose provider differs from the schema's, so the PostgreSQL runtime needs its own client: the
// same schema with the provider swapped (as scripts/migrate.ts does for migrations) and its own output.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const schema = fs.readFileSync(path.join(root, "prisma/schema.prisma"), "utf8");
const swapped = schema
  .replace(/(datasource\s+db\s*\{[^}]*provider\s*=\s*)"sqlite"/, '$1"postgresql"')
  .replace(/(generator\s+client\s*\{[^}]*output\s*=\s*)"[^"]*"/, '$1"./prisma-postgresql"');
if (!swapped.includes('"postgresql"') || !swapped.includes('"./prisma-postgresql"')) {
  throw new Error(
    "prisma/schema.prisma: could not derive the PostgreSQL schema (datasource or generator block changed?)",
  );
}
const dir = path.join(root, "src/generated");
fs.mkdirSync(dir, { recursive: true });
const file = path.join(dir, "postgresql.prisma");
fs.writeFileSync(file, swapped);
execFileSync("npx", ["prisma", "generate", "--schema", file], { cwd: root, stdio: "inherit", env: process.env });
