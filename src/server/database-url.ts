// Where the database lives. Plain module (no Next, no Prisma) so scripts and the server share it.
export const DEFAULT_DATABASE_URL = "file:./data/portier.db";

export type DatabaseProvider = "sqlite" | "postgresql";

export function databaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
}

export function databaseProvider(url: string): DatabaseProvider {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";
  throw new Error(`DATABASE_URL must start with file: (SQLite) or postgresql:// — got "${url.split(":")[0]}:"`);
}
