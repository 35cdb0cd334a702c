// The evaluation's date range from the query (?from=&to= as calendar days, both inclusive) in
// the time zone of the location shown (all locations: Europe/Amsterdam). Default: this calendar year.
import { addDays, isCalendarDay, localDay, startOfDay } from "@/src/domain/local-day";

export const DEFAULT_TIME_ZONE = "Europe/Amsterdam";

export interface DayRange {
  fromDay: string;
  toDay: string;
  from: Date;
  to: Date;
}

export function defaultDays(now: Date, timeZone: string): { fromDay: string; toDay: string } {
  const today = localDay(now, timeZone);
  return { fromDay: `${today.slice(0, 4)}-01-01`, toDay: today };
}

/** Instants for two calendar days: from the start of `fromDay` to the start of the day after `toDay`. */
export function dayRange(fromDay: string, toDay: string, timeZone: string): DayRange | null {
  if (!isCalendarDay(fromDay) || !isCalendarDay(toDay)) return null;
  return { fromDay, toDay, from: startOfDay(fromDay, timeZone), to: startOfDay(addDays(toDay, 1), timeZone) };
}
