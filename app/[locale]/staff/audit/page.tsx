import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { can } from "@/src/domain/access/permissions";
import { queryAuditLog } from "@/src/domain/audit/audit-log";
import { Link } from "@/src/i18n/navigation";
import { pageTitle } from "@/src/i18n/page-title";
import { domain } from "@/src/server/runtime";
import { type AuditQuery, parseAuditQuery } from "@/src/staff/audit/audit-filter";
import { VerifyPanel } from "@/src/staff/audit/verify-panel";
import { loadStaffLocations } from "@/src/staff/desk/staff-locations";
import { requireStaff } from "@/src/staff/shell/require-staff";

export const generateMetadata = pageTitle("audit");

const NOWRAP = { whiteSpace: "nowrap" } as const;

/** The audit trail: filter by who, what, which subject and when; newest first, 50 at a time. */
export default async function AuditPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string }>;
  searchParams: Promise<AuditQuery>;
}) {
  const { locale } = await params;
  setRequestLocale(locale);
  const actor = await requireStaff(locale, "audit.view", "/staff/audit");
  const locations = await loadStaffLocations(actor);
  const timeZone = locations[0]?.timeZone ?? "Europe/Amsterdam";
  const { values, filter } = parseAuditQuery(await searchParams, timeZone);
  const page = await queryAuditLog(await domain(), actor, filter);
  const t = await getTranslations("audit");
  const format = await getFormatter();
  const locationName = new Map(locations.map((l) => [l.id, l.name]));
  const field = (name: keyof typeof values, type = "text") => (
    <div className="field">
      <label htmlFor={`audit-${name}`}>{t(`filter.${name}`)}</label>
      <input id={`audit-${name}`} name={name} type={type} defaultValue={values[name] ?? ""} maxLength={200} />
    </div>
  );

  return (
    <div className="stack">
      <h1>{t("title")}</h1>
      <p style={{ margin: 0 }}>{t("intro")}</p>
      {can(actor, "audit.verify") && <VerifyPanel />}
      <form
        method="get"
        className="card row"
        style={{ alignItems: "flex-end", flexWrap: "wrap" }}
        data-testid="audit-filter"
      >
        {field("actor")}
        {field("action")}
        {field("subjectType")}
        {field("subjectId")}
        <div className="field">
          <label htmlFor="audit-location">{t("filter.location")}</label>
          <select id="audit-location" name="location" defaultValue={values.location ?? ""}>
            <option value="">{t("filter.allLocations")}</option>
            {locations.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
        </div>
        {field("from", "date")}
        {field("to", "date")}
        <button className="btn" type="submit">
          {t("filter.apply")}
        </button>
        <Link href="/staff/audit" className="btn btn-secondary">
          {t("filter.clear")}
        </Link>
      </form>
      {page.rows.length === 0 ? (
        <p data-testid="audit-empty">{t("empty")}</p>
      ) : (
        <div style={{ overflowX: "auto" }}>
          <table className="table" data-testid="audit-table">
            <caption className="sr-only">{t("title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("col.at")}</th>
                <th scope="col">{t("col.actor")}</th>
                <th scope="col">{t("col.action")}</th>
                <th scope="col">{t("col.subject")}</th>
                <th scope="col">{t("col.location")}</th>
                <th scope="col">{t("col.details")}</th>
                <th scope="col">{t("col.sealed")}</th>
              </tr>
            </thead>
            <tbody>
              {page.rows.map((r) => (
                <tr key={r.id} data-testid="audit-row" data-action={r.action}>
                  <td style={NOWRAP}>
                    {format.dateTime(new Date(r.at), {
                      dateStyle: "short",
                      timeStyle: "medium",
                      timeZone,
                    })}
                  </td>
                  <td>
                    {r.actorType === "SYSTEM" ? t("system") : (r.actorName ?? r.actorId)}
                    <br />
                    <small>{t(`actorType.${r.actorType}`)}</small>
                  </td>
                  <td>
                    <code>{r.action}</code>
                  </td>
                  <td>{r.subjectType ? `${r.subjectType} ${r.subjectId ?? ""}` : "—"}</td>
                  <td>{r.locationId ? (locationName.get(r.locationId) ?? r.locationId) : "—"}</td>
                  <td>
                    {r.data ? (
                      <details>
                        <summary>{t("show")}</summary>
                        <pre style={{ whiteSpace: "pre-wrap", maxWidth: "30rem" }}>{r.data}</pre>
                      </details>
                    ) : (
                      "—"
                    )}
                  </td>
                  <td>{r.sealed ? t("sealedYes") : t("sealedNo")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {page.nextBefore && (
        <Link
          href={{ pathname: "/staff/audit", query: { ...values, before: String(page.nextBefore) } }}
          className="btn btn-secondary"
          data-testid="audit-older"
        >
          {t("older")}
        </Link>
      )}
    </div>
  );
}
