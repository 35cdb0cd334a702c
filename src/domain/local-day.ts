// Calendar days in a location's time zone (Europe/Amsterdam for the demo) and the instants they
// start and end at, and wall-clock times on them: queue numbers per day, invites valid on their day,
// the desk's "today", ban dates, closing times, appointment times.
/**
 * One Intl.DateTimeFormat per use and time zone, made once: making one costs ~100× formatting with
 * it (it was the alarm path's paging-targets step's biggest piece of JavaScript; profiled).
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(use: "day" | "offset" | "clock", timeZone: string): Intl.DateTimeFormat {
  const key = `${use}|${timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    f =
      use === "day"
        ? new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" })
        : use === "offset"
          ? new Intl.DateTimeFormat("en-US", {
              timeZone,
              hourCycle: "h23",
              year: "numeric",
              month: "2-digit",
              day: "2-digit",
              hour: "2-digit",
              minute: "2-digit",
              second: "2-digit",
            })
          : new Intl.DateTimeFormat("en-GB", { timeZone, hourCycle: "h23", hour: "2-digit", minute: "2-digit" });
    formatters.set(key, f);
  }
  return f;
}

/** The calendar day (yyyy-mm-dd) of an instant in a time zone, e.g. the location's Europe/Amsterdam. */
export function localDay(at: Date, timeZone: string): string {
  return formatter("day", timeZone).format(at);
}

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Minutes the zone is ahead of UTC at an instant (e.g. 60 or 120 for Amsterdam). */
function offsetMinutes(at: Date, timeZone: string): number {
  const parts = formatter("offset", timeZone).formatToParts(at);
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

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** "22:00" → minutes after midnight; null when it is not a valid HH:MM. */
export function parseWallClock(time: string): number | null {
  const m = HHMM.exec(time.trim());
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/** Minutes after local midnight of an instant in a time zone, and its local day. */
export function localClock(at: Date, timeZone: string): { day: string; minutes: number } {
  const parts = formatter("clock", timeZone)
    .formatToParts(at)
    .reduce<Record<string, string>>((acc, p) => {
      acc[p.type] = p.value;
      return acc;
    }, {});
  return { day: localDay(at, timeZone), minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

/**
 * The instant a local wall-clock time happens on a calendar day in a time zone. Counting minutes
 * from midnight is wrong on the two days a year the clock changes, so the guess is corrected by
 * what the zone's clock reads at it. A time that does not exist (in the spring-forward gap) comes
 * out one hour later, when the clock shows it again.
 */
export function localInstant(day: string, minutesAfterMidnight: number, timeZone: string): Date {
  let at = startOfDay(day, timeZone).getTime() + minutesAfterMidnight * 60_000;
  for (let i = 0; i < 2; i++) {
    const seen = localClock(new Date(at), timeZone);
    const dayShift = seen.day === day ? 0 : seen.day < day ? -1440 : 1440;
    const diff = minutesAfterMidnight - (seen.minutes + dayShift);
    if (diff === 0) break;
    at += diff * 60_000;
  }
  return new Date(at);
}

/** "HH:MM" of an instant on the zone's clock. */
export function wallClock(at: Date, timeZone: string): string {
  const { minutes } = localClock(at, timeZone);
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

/** The instant of a wall-clock "HH:MM" on a calendar day in the zone (see localInstant). */
export function zonedInstant(day: string, time: string, timeZone: string): Date {
  const minutes = parseWallClock(time);
  if (minutes == null) throw new Error(`Not a time: ${time}`);
  return localInstant(day, minutes, timeZone);
}
