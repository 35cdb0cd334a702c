// Calendar days in a location's time zone (Europe/Amsterdam for the demo) and the instants they
// start and end at: queue numbers per day, invites valid on their day, the desk's "today", ban dates.
/** The calendar day (yyyy-mm-dd) of an instant in a time zone, e.g. the location's Europe/Amsterdam. */
export function localDay(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Minutes the zone is ahead of UTC at an instant (e.g. 60 or 120 for Amsterdam). */
function offsetMinutes(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(at);
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(n("year"), n("month") - 1, n("day"), n("hour"), n("minute"), n("second"));
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

/** True for a real calendar day written yyyy-mm-dd. */
export function isCalendarDay(day: string): boolean {
  const m = DAY_RE.exec(day);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === day;
}

/** The instant a calendar day (yyyy-mm-dd) starts in the time zone. */
export function startOfDay(day: string, timeZone: string): Date {
  const m = DAY_RE.exec(day);
  if (!m) throw new Error(`Not a day: ${day}`);
  const utcMidnight = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  let guess = utcMidnight - offsetMinutes(new Date(utcMidnight), timeZone) * 60_000;
  // Once more with the offset at the guess, for days on which the clock changes.
  guess = utcMidnight - offsetMinutes(new Date(guess), timeZone) * 60_000;
  return new Date(guess);
}

/** The last millisecond of a calendar day in the time zone (a ban "until" a day includes it). */
export function endOfDay(day: string, timeZone: string): Date {
  const next = new Date(startOfDay(day, timeZone).getTime() + 36 * 60 * 60 * 1000);
  return new Date(startOfDay(localDay(next, timeZone), timeZone).getTime() - 1);
}

/** The calendar day `n` days after (or before, n < 0) a yyyy-mm-dd day. */
export function addDays(day: string, n: number): string {
  const m = DAY_RE.exec(day);
  if (!m) throw new Error(`Not a day: ${day}`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + n)).toISOString().slice(0, 10);
}

/** The Monday of the (ISO) week a yyyy-mm-dd day falls in. */
export function weekStartOf(day: string): string {
  const m = DAY_RE.exec(day);
  if (!m) throw new Error(`Not a day: ${day}`);
  const weekday = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))).getUTCDay(); // 0 = Sunday
  return addDays(day, -((weekday + 6) % 7));
}
