// Ban matching at check-in: by client pass, by keyed document hash, or by name plus date of
// birth. A ban that has ended, expired or not yet started never matches.
import type { Db, Tx } from "@/src/domain/db";

export interface BanIdentity {
  visitorId?: string | null;
  passId?: string | null;
  documentHash?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  dateOfBirth?: string | null;
}

/** Letters that Unicode does not decompose into a base letter plus accent. */
const FOLD: Record<string, string> = {
  ß: "ss",
  ø: "o",
  ł: "l",
  ı: "i",
  æ: "ae",
  œ: "oe",
  đ: "d",
  ð: "d",
  þ: "th",
  ħ: "h",
};

/**
 * "  Jan  de Vries " and "jan DE vries" give the same key; accents are folded (Łukasz = Lukasz,
 * Yılmaz = Yilmaz). Letters of every script are kept, so two different names in Arabic script
 * never share a key. A name without any letter or digit gives "" (never matched).
 */
export function nameKey(firstName: string, lastName: string): string {
  return `${firstName} ${lastName}`
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[ßøłıæœđðþħ]/g, (c) => FOLD[c])
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

export function isBanActive(ban: { startsAt: Date; endsAt: Date; endedAt: Date | null }, now: Date): boolean {
  return !ban.endedAt && ban.startsAt <= now && now < ban.endsAt;
}

/** The active ban at this location that matches the identity, if any. */
export async function findActiveBan(db: Db | Tx, locationId: string, who: BanIdentity, now: Date) {
  const or: object[] = [];
  if (who.visitorId) or.push({ visitorId: who.visitorId });
  if (who.passId) or.push({ passId: who.passId });
  if (who.documentHash) or.push({ documentHash: who.documentHash });
  const key = who.firstName && who.lastName && who.dateOfBirth ? nameKey(who.firstName, who.lastName) : "";
  if (key) or.push({ nameKey: key, dateOfBirth: who.dateOfBirth });
  if (!or.length) return null;
  return db.ban.findFirst({
    where: { locationId, endedAt: null, startsAt: { lte: now }, endsAt: { gt: now }, OR: or },
    orderBy: { endsAt: "desc" },
  });
}
