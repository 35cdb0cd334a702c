// The roll call's rules (issue 6), pure: which mark decides a person's status (the last one
// marked wins, every mark is kept), the counts, when everyone was accounted for, and the summary
// of who was missing and when they were found. The same functions run on the server and, through
// the marshal page, on every device, so all devices agree on the outcome of the same marks.

/** A marshal's marks, plus LEFT (checked out at the kiosk or the desk) and MISSING (not yet marked). */
export type PersonStatus = "MISSING" | "SAFE" | "NEEDS_HELP" | "NOT_FOUND" | "LEFT";
export const MARSHAL_STATUSES = ["SAFE", "NEEDS_HELP", "NOT_FOUND"] as const;
export type MarshalStatus = (typeof MARSHAL_STATUSES)[number];
export const PERSON_STATUSES: readonly PersonStatus[] = ["MISSING", "SAFE", "NEEDS_HELP", "NOT_FOUND", "LEFT"];

/** Out of the building and known to be: safe at the assembly point, or checked out. */
export const isAccounted = (s: PersonStatus) => s === "SAFE" || s === "LEFT";

export interface MarkLike {
  id: string;
  personId: string;
  status: PersonStatus;
  /** ms since the epoch. */
  markedAt: number;
}

/** Whether mark `a` beats mark `b`: the later mark wins; marks at the same moment: the larger id (the same on every device). */
export function beats(a: { id: string; markedAt: number }, b: { id: string; markedAt: number } | null): boolean {
  if (!b) return true;
  if (a.markedAt !== b.markedAt) return a.markedAt > b.markedAt;
  return a.id > b.id;
}

/** Marks in the order they take effect. */
export function inOrder<M extends { id: string; markedAt: number }>(marks: readonly M[]): M[] {
  return [...marks].sort((a, b) => a.markedAt - b.markedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Each person's deciding mark (last mark wins), or none: MISSING. */
export function currentMarks<M extends MarkLike>(
  personIds: readonly string[],
  marks: readonly M[],
): Map<string, M | null> {
  const out = new Map<string, M | null>(personIds.map((id) => [id, null]));
  for (const m of marks) {
    if (!out.has(m.personId)) continue;
    if (beats(m, out.get(m.personId) ?? null)) out.set(m.personId, m);
  }
  return out;
}

export interface RollCallCounts {
  total: number;
  /** Safe or left. */
  accounted: number;
  /** Not yet accounted for: unmarked, not found, or needing help. */
  missing: number;
  safe: number;
  left: number;
  needsHelp: number;
  notFound: number;
  unmarked: number;
}

export function countStatuses(statuses: Iterable<PersonStatus>): RollCallCounts {
  const c: RollCallCounts = {
    total: 0,
    accounted: 0,
    missing: 0,
    safe: 0,
    left: 0,
    needsHelp: 0,
    notFound: 0,
    unmarked: 0,
  };
  for (const s of statuses) {
    c.total++;
    if (isAccounted(s)) c.accounted++;
    else c.missing++;
    if (s === "SAFE") c.safe++;
    else if (s === "LEFT") c.left++;
    else if (s === "NEEDS_HELP") c.needsHelp++;
    else if (s === "NOT_FOUND") c.notFound++;
    else c.unmarked++;
  }
  return c;
}

/**
 * When everyone was accounted for: replaying the marks in order, the moment the last person
 * became accounted — and stayed so (a later "not found" reopens it). Null while anyone is not
 * accounted for. An empty roll call is accounted for at its start.
 */
export function accountedAt(
  personIds: readonly string[],
  marks: readonly MarkLike[],
  startedAt: number,
): number | null {
  if (personIds.length === 0) return startedAt;
  const current = new Map<string, MarkLike | null>(personIds.map((id) => [id, null]));
  let unaccounted = personIds.length;
  let at: number | null = null;
  for (const m of inOrder(marks)) {
    if (!current.has(m.personId)) continue;
    const before = current.get(m.personId) ?? null;
    if (!beats(m, before)) continue;
    const was = before ? isAccounted(before.status) : false;
    const now = isAccounted(m.status);
    current.set(m.personId, m);
    if (was && !now) unaccounted++;
    if (!was && now) unaccounted--;
    at = unaccounted === 0 ? (was && now ? at : m.markedAt) : null;
  }
  return unaccounted === 0 ? at : null;
}

export interface PersonOutcome {
  personId: string;
  /** The first time the person was accounted for (safe or left), or null. */
  firstAccountedAt: number | null;
  /** Was marked not found or needing help at some point, or is still not accounted for. */
  wasMissing: boolean;
  /** For someone who was missing: when they were accounted for after the last time they were missing. */
  foundAt: number | null;
  finalStatus: PersonStatus;
}

/** Per person: when first accounted for, whether they were missing, and when found. */
export function personOutcomes(personIds: readonly string[], marks: readonly MarkLike[]): PersonOutcome[] {
  const byPerson = new Map<string, MarkLike[]>(personIds.map((id) => [id, []]));
  for (const m of inOrder(marks)) byPerson.get(m.personId)?.push(m);
  return personIds.map((personId) => {
    const list = byPerson.get(personId) ?? [];
    let firstAccountedAt: number | null = null;
    let missingSeen = false;
    let foundAt: number | null = null;
    let current: MarkLike | null = null;
    for (const m of list) {
      if (!beats(m, current)) continue;
      current = m;
      if (isAccounted(m.status)) {
        firstAccountedAt ??= m.markedAt;
        if (missingSeen && foundAt === null) foundAt = m.markedAt;
      } else if (m.status === "NOT_FOUND" || m.status === "NEEDS_HELP") {
        missingSeen = true;
        foundAt = null;
      }
    }
    const finalStatus = current?.status ?? "MISSING";
    return {
      personId,
      firstAccountedAt,
      wasMissing: missingSeen || !isAccounted(finalStatus),
      foundAt: isAccounted(finalStatus) ? foundAt : null,
      finalStatus,
    };
  });
}

/** A device's time for a mark, kept between the evacuation's start and the server's now. */
export function clampMarkedAt(markedAt: number, startedAt: number, now: number): number {
  if (!Number.isFinite(markedAt)) return now;
  return Math.min(Math.max(markedAt, startedAt), now);
}

/** Client-generated mark ids: 8–64 characters of [A-Za-z0-9_:-]. */
export const MARK_ID = /^[A-Za-z0-9_:-]{8,64}$/;
