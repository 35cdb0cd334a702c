// The audit screen's filters come from the query string (a GET form, so a filtered view can be
// bookmarked and shared). Anything malformed is dropped rather than guessed.
import type { AuditFilter } from "@/src/domain/audit/audit-log";
import { endOfDay, isCalendarDay, startOfDay } from "@/src/domain/local-day";

export type AuditQuery = Partial<
  Record<"actor" | "subjectType" | "subjectId" | "action" | "location" | "from" | "to" | "before", string | string[]>
>;

const one = (v: string | string[] | undefined, max = 200): string | undefined => {
  const s = typeof v === "string" ? v.trim() : undefined;
  return s && s.length <= max ? s : undefined;
};

/** The form's values as typed (to fill the form again) and the filter for the query. */
export function parseAuditQuery(
  q: AuditQuery,
  timeZone: string,
): { values: Record<string, string>; filter: AuditFilter } {
  const values: Record<string, string> = {};
  for (const k of ["actor", "subjectType", "subjectId", "action", "location", "from", "to"] as const) {
    const v = one(q[k]);
    if (v) values[k] = v;
  }
  const from = values.from && isCalendarDay(values.from) ? startOfDay(values.from, timeZone) : undefined;
  const to = values.to && isCalendarDay(values.to) ? endOfDay(values.to, timeZone) : undefined;
  const before = Number(one(q.before, 20));
  return {
    values,
    filter: {
      actor: values.actor,
      subjectType: values.subjectType,
      subjectId: values.subjectId,
      action: values.action,
      locationId: values.location,
      from,
      to,
      before: Number.isSafeInteger(before) && before > 0 ? before : undefined,
    },
  };
}
