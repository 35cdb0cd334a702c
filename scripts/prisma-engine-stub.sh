#!/bin/sh
# Portier never uses Prisma's native schema engine: `prisma generate` only needs this path to
# exist. Migrations run on the WebAssembly engine: use `npm run db:migrate` (scripts/migrate.ts).
echo "The native Prisma schema engine is not used by Portier: run 'npm run db:migrate' instead." >&2
exit 1
