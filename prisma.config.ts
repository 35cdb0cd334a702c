import { defineConfig } from "prisma/config";

// Used by `prisma generate` only. Migrations run through scripts/migrate.ts (WebAssembly engine).
export default defineConfig({
  schema: "prisma/schema.prisma",
});
