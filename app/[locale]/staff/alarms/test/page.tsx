import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { testAlarmReports } from "@/src/domain/alarms/test-alarm";
import { Link } from "@/src/i18n/navigation";
import { pageTitle } from "@/src/i18n/page-title";
import { domain } from "@/src/server/runtime";
import { RunTestAlarm } from "@/src/staff/alarms/test-alarm-panel";
import { LocationHeader } from "@/src/staff/desk/location-picker";
import { loadStaffLocations, pickLocation } from "@/src/staff/desk/staff-locations";
import { requireStaff } from "@/src/staff/shell/require-staff";

export const generateMetadata = pageTitle("alarms", "test.title");

/** The weekly test alarm (alarms.test): run it, and the kept reports per responder. */
export default async function TestAlarmPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string }>;
  searchParams: Promise<{ location?: string | string[] }>;
}) {
  const { locale } = await params;
  setRequestLocale(locale);
  const actor = await requireStaff(locale, "alarms.test", "/staff/alarms/test");
  const locations = await loadStaffLocations(actor);
  const location = pickLocation(locations, (await searchParams).location);
  const t = await getTranslations("alarms");
  const format = await getFormatter();
  if (!location) {
    return (
      <div className="stack">
        <h1>{t("test.title")}</h1>
      </div>
    );
  }
  const reports = await testAlarmReports(await domain(), actor, location.id);
  const when = (iso: string) =>
    format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "medium", timeZone: location.timeZone });
  const secs = (ms: number | null) =>
    ms == null ? t("test.never") : t("test.seconds", { value: format.number(ms / 1000, { maximumFractionDigits: 2 }) });
  return (
    <div className="stack">
      <LocationHeader
        title={
          <>
            {t("test.title")} · {location.name}
          </>
        }
        picker={{
          locations,
          currentId: location.id,
          label: t("test.location"),
          submitLabel: t("test.show"),
        }}
      />
      <p>{t("test.intro")}</p>
      <RunTestAlarm locationId={location.id} anyOpen={reports.some((r) => r.status === "OPEN")} />
      <section aria-labelledby="test-reports-heading" className="stack" data-testid="test-alarm-reports">
        <h2 id="test-reports-heading">{t("test.reports")}</h2>
        {reports.length === 0 && <p>{t("test.noReports")}</p>}
        {reports.map((r) => (
          <article key={r.alarmId} className="card stack" data-testid="test-alarm-report" data-alarm-id={r.alarmId}>
            <h3 className="row" style={{ margin: 0, gap: "0.5rem" }}>
              <span>{t("test.reportHeading", { time: when(r.raisedAt) })}</span>
              <span className="badge badge-off">{t(`status.${r.status}`)}</span>
              <Link href={`/staff/alarms/${r.alarmId}`} style={{ fontSize: "1rem", fontWeight: 400 }}>
                {t("desk.timeline")}
              </Link>
            </h3>
            {r.responders.length === 0 ? (
              <p>{t("test.noResponders")}</p>
            ) : (
              <div style={{ overflowX: "auto" }}>
                <table className="table">
                  <caption className="sr-only">{t("test.reportHeading", { time: when(r.raisedAt) })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("test.columns.name")}</th>
                      <th scope="col">{t("test.columns.delivery")}</th>
                      <th scope="col">{t("test.columns.answer")}</th>
                      <th scope="col">{t("test.columns.response")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.responders.map((p) => (
                      <tr key={p.staffId} data-testid="test-alarm-responder" data-staff-id={p.staffId}>
                        <td>{p.name}</td>
                        <td>{secs(p.deliveryMs)}</td>
                        <td>{secs(p.answerMs)}</td>
                        <td>{p.response ? t(`responder.${p.response === "COMING" ? "coming" : "cant"}`) : "—"}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </article>
        ))}
      </section>
    </div>
  );
}
