import { getTranslations, setRequestLocale } from "next-intl/server";
import { isAppError } from "@/src/domain/errors";
import { type Evaluation, evaluateIncidents, monthsBetween } from "@/src/domain/incidents/evaluation";
import { pageTitle } from "@/src/i18n/page-title";
import { domain } from "@/src/server/runtime";
import { loadStaffLocations } from "@/src/staff/desk/staff-locations";
import { BarChart } from "@/src/staff/incidents/bar-chart";
import { DEFAULT_TIME_ZONE, dayRange, defaultDays } from "@/src/staff/incidents/evaluation-range";
import { requireStaff } from "@/src/staff/shell/require-staff";

export const generateMetadata = pageTitle("incidents.evaluation");

const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

/** The yearly evaluation: counts by category, location, month and outcome, time to respond, CSV. */
export default async function IncidentEvaluationPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string }>;
  searchParams: Promise<{ from?: string | string[]; to?: string | string[]; location?: string | string[] }>;
}) {
  const { locale } = await params;
  setRequestLocale(locale);
  const actor = await requireStaff(locale, "incidents.evaluate", "/staff/incidents/evaluation");
  const query = await searchParams;
  const locations = await loadStaffLocations(actor);
  const location = locations.find((l) => l.id === one(query.location)) ?? null;
  const tz = location?.timeZone ?? DEFAULT_TIME_ZONE;
  const ctx = await domain();
  const defaults = defaultDays(ctx.clock.now(), tz);
  const range =
    dayRange(one(query.from) ?? defaults.fromDay, one(query.to) ?? defaults.toDay, tz) ??
    dayRange(defaults.fromDay, defaults.toDay, tz)!;
  const t = await getTranslations("incidents");
  let evaluation: Evaluation | null = null;
  let error: string | null = null;
  try {
    evaluation = await evaluateIncidents(ctx, actor, { from: range.from, to: range.to, locationId: location?.id });
  } catch (err) {
    if (!isAppError(err) || err.code !== "VALIDATION") throw err;
    const code = err.fieldErrors?.to?.[0] ?? "before_start";
    error = t(`errors.to.${code as "before_start"}`);
  }
  const csvQuery = new URLSearchParams({
    from: range.fromDay,
    to: range.toDay,
    ...(location ? { location: location.id } : {}),
  });
  const bars = (counts: Record<string, number>, label: (k: string) => string) =>
    Object.entries(counts)
      .sort((a, b) => b[1] - a[1])
      .map(([k, count]) => ({ label: label(k), count }));
  const tr = (prefix: string) => (k: string) => {
    const key = `${prefix}.${k}`;
    return t.has(key as "title") ? t(key as "title") : k;
  };

  return (
    <div className="stack">
      <h1 style={{ margin: 0 }}>{t("evaluation.title")}</h1>
      <p className="muted">{t("evaluation.intro")}</p>
      <form method="get" className="row" style={{ alignItems: "flex-end" }} data-testid="evaluation-range">
        <div className="field">
          <label htmlFor="evaluation-from">{t("evaluation.from")}</label>
          <input id="evaluation-from" name="from" type="date" defaultValue={range.fromDay} required />
        </div>
        <div className="field">
          <label htmlFor="evaluation-to">{t("evaluation.to")}</label>
          <input id="evaluation-to" name="to" type="date" defaultValue={range.toDay} required />
        </div>
        {locations.length > 1 && (
          <div className="field">
            <label htmlFor="evaluation-location">{t("evaluation.location")}</label>
            <select id="evaluation-location" name="location" defaultValue={location?.id ?? ""}>
              <option value="">{t("lists.allLocations")}</option>
              {locations.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <button type="submit" className="btn btn-secondary">
          {t("evaluation.show")}
        </button>
        <a className="btn btn-secondary" href={`/api/incidents/evaluation?${csvQuery}`} data-testid="evaluation-csv">
          {t("evaluation.csv")}
        </a>
      </form>
      {error && (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      )}
      {evaluation && (
        <>
          <p data-testid="evaluation-total">
            <strong>{t("evaluation.total", { count: evaluation.total })}</strong>
          </p>
          {evaluation.total === 0 ? (
            <p>{t("evaluation.empty")}</p>
          ) : (
            <div className="stack">
              <section className="card stack" data-testid="evaluation-response">
                <h2 style={{ margin: 0 }}>{t("evaluation.responseTime")}</h2>
                <p style={{ margin: 0 }}>
                  {t("evaluation.answered", { answered: evaluation.response.answered, total: evaluation.total })} ·{" "}
                  {t("evaluation.inTime", { inTime: evaluation.response.inTime })} ·{" "}
                  {evaluation.response.medianHours === null
                    ? t("evaluation.medianNone")
                    : t("evaluation.median", { hours: evaluation.response.medianHours })}
                </p>
              </section>
              <div className="grid">
                <BarChart
                  id="by-category"
                  title={t("evaluation.byCategory")}
                  bars={bars(evaluation.byCategory, tr("categories"))}
                />
                <BarChart
                  id="by-location"
                  title={t("evaluation.byLocation")}
                  bars={bars(evaluation.byLocation, (k) => k)}
                />
                <BarChart
                  id="by-month"
                  title={t("evaluation.byMonth")}
                  bars={monthsBetween(range.fromDay, range.toDay).map((m) => ({
                    label: m,
                    count: evaluation!.byMonth[m] ?? 0,
                  }))}
                />
                <BarChart
                  id="by-response"
                  title={t("evaluation.byResponse")}
                  bars={bars(evaluation.byResponse, tr("response.kinds"))}
                />
                <BarChart
                  id="by-complaint"
                  title={t("evaluation.byComplaint")}
                  bars={bars(evaluation.byComplaint, tr("complaint"))}
                />
                {Object.keys(evaluation.byAftercare).length > 0 && (
                  <BarChart
                    id="by-aftercare"
                    title={t("evaluation.byAftercare")}
                    bars={bars(evaluation.byAftercare, tr("aftercare.outcomes"))}
                  />
                )}
              </div>
            </div>
          )}
        </>
      )}
    </div>
  );
}
