// A wall-clock time on a day in a location's time zone → the instant. The form sends day and
// "HH:MM" as the receptionist reads them on the location's clock, whatever the browser's zone.
import { startOfDay } from "@/src/domain/local-day";

function localMinutes(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(at);
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return n("hour") * 60 + n("minute");
}

export function zonedInstant(day: string, time: string, timeZone: string): Date {
  const [h, m] = time.split(":").map(Number);
  const wanted = h * 60 + m;
  let at = new Date(startOfDay(day, timeZone).getTime() + wanted * 60_000);
  // On a day the clocks change, minutes since midnight are not wall-clock minutes: correct once.
  const diff = wanted - localMinutes(at, timeZone);
  if (diff !== 0 && Math.abs(diff) <= 120) at = new Date(at.getTime() + diff * 60_000);
  return at;
}

/** "HH:MM" of an instant on the location's clock. */
export function wallClock(at: Date, timeZone: string): string {
  const minutes = localMinutes(at, timeZone);
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}
