/** The calendar day (yyyy-mm-dd) of an instant in a time zone, e.g. the location's Europe/Amsterdam. */
export function localDay(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}
