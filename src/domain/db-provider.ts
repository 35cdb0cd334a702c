// What differs between the two databases at run time, in one place. The domain is written against
// the SQLite client's types; the PostgreSQL client (src/server/db.ts) has the same model API.
import type { Db, Tx } from "@/src/domain/db";

/** Whether the client talks to PostgreSQL (Prisma's own record of the schema provider). */
export function isPostgresClient(db: Db | Tx): boolean {
  return (db as unknown as { _activeProvider?: string })._activeProvider === "postgresql";
}

/**
 * A case-insensitive "contains" filter for a name search. SQLite's LIKE ignores case already;
 * PostgreSQL needs `mode: "insensitive"` (ILIKE), which the SQLite client's types do not know.
 */
export function containsText(db: Db | Tx, text: string): { contains: string } {
  return isPostgresClient(db) ? ({ contains: text, mode: "insensitive" } as { contains: string }) : { contains: text };
}

/**
 * A DateTime as text inside a JSON parameter of a raw statement, as Prisma's SQLite adapter
 * (@prisma/adapter-better-sqlite3, timestampFormat "iso8601") stores it: ISO 8601 with "+00:00".
 * PostgreSQL reads the same text with CAST(… AS timestamp(3)), which ignores the offset (UTC).
 */
export function storedDateText(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}
