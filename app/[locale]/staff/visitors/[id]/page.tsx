import { notFound } from "next/navigation";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { can } from "@/src/domain/access/permissions";
import { isAppError } from "@/src/domain/errors";
import { visitorEvacuationHelp } from "@/src/domain/evacuation/needs-help";
import { getVisitor, visitHistory } from "@/src/domain/visitors/visitors";
import { Link } from "@/src/i18n/navigation";
import { pageTitle } from "@/src/i18n/page-title";
import { domain } from "@/src/server/runtime";
import { VisitorEvacuationHelp } from "@/src/staff/evacuation/visitor-evacuation-help";
import { requireStaff } from "@/src/staff/shell/require-staff";
import { IssuePassForm } from "@/src/staff/visitors/issue-pass-form";

export const generateMetadata = pageTitle("visitors", "detail.title");

const orNotFound = (err: unknown): never => {
  if (isAppError(err) && err.code === "NOT_FOUND") notFound();
  throw err;
};

export default async function VisitorPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string; id: string }>;
  searchParams: Promise<{ history?: string | string[] }>;
}) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  const actor = await requireStaff(locale, "visitors.manage", "/staff/visitors");
  const ctx = await domain();
  const v = await getVisitor(ctx, actor, id).catch(orNotFound);
  const mayHistory = can(actor, "visitors.history");
  // Reading the history is audited: only when asked for, not on every visit to this page.
  const history =
    mayHistory && (await searchParams).history === "1" ? await visitHistory(ctx, actor, id).catch(orNotFound) : null;
  const t = await getTranslations("visitors");
  const format = await getFormatter();
  const name = [v.firstName, v.lastName].filter(Boolean).join(" ");
  const when = (iso: string, timeZone: string) =>
    format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short", timeZone });
  const canBook = can(actor, "appointments.manage");

  return (
    <div className="stack" style={{ maxWidth: "56rem" }}>
      <p>
        <Link href="/staff/visitors">{t("back")}</Link>
      </p>
      <h1 data-testid="visitor-name">{name}</h1>
      <dl
        className="card"
        style={{ display: "grid", gridTemplateColumns: "max-content 1fr", gap: "0.5rem 1rem", margin: 0 }}
      >
        {v.dateOfBirth && (
          <>
            <dt>{t("detail.dateOfBirth")}</dt>
            <dd style={{ margin: 0 }}>{v.dateOfBirth}</dd>
          </>
        )}
        {v.age != null && (
          <>
            <dt>{t("detail.age")}</dt>
            <dd style={{ margin: 0 }}>{v.age}</dd>
          </>
        )}
        <dt>{t("detail.pass")}</dt>
        <dd style={{ margin: 0 }} data-testid="visitor-pass">
          {v.passId ? (
            <>
              <code data-testid="visitor-pass-id">{v.passId}</code>
              {v.passIssuedAt && (
                <span className="muted">
                  {" "}
                  — {t("detail.passIssuedAt", { when: when(v.passIssuedAt, "Europe/Amsterdam") })}
                </span>
              )}
            </>
          ) : (
            t("detail.noPass")
          )}
        </dd>
      </dl>
      <VisitorEvacuationHelp visitorId={id} initial={await visitorEvacuationHelp(ctx, actor, id)} />

      <section className="stack" aria-labelledby="pass-heading">
        <h2 id="pass-heading">{t("pass.title")}</h2>
        <p className="muted">{t("pass.intro")}</p>
        <IssuePassForm visitorId={v.id} hasPass={!!v.passId} />
        {v.passId && (
          <p>
            <a
              className="btn"
              href={`/api/visitors/${encodeURIComponent(v.id)}/pass?lang=${locale}`}
              download
              data-testid="print-pass"
            >
              {t("pass.print")}
            </a>
          </p>
        )}
      </section>

      {canBook && (
        <p>
          <Link
            className="btn btn-secondary"
            href={`/staff/appointments/new?visitor=${encodeURIComponent(v.id)}`}
            data-testid="visitor-new-appointment"
          >
            {t("detail.newAppointment")}
          </Link>
        </p>
      )}

      {mayHistory && (
        <section className="stack" aria-labelledby="history-heading">
          <h2 id="history-heading">{t("history.title")}</h2>
          {history === null ? (
            <>
              <p className="muted">{t("history.audited")}</p>
              <p>
                <Link
                  className="btn btn-secondary"
                  href={`/staff/visitors/${encodeURIComponent(v.id)}?history=1`}
                  data-testid="show-history"
                >
                  {t("history.show")}
                </Link>
              </p>
            </>
          ) : history.length === 0 ? (
            <p data-testid="history-empty">{t("history.empty")}</p>
          ) : (
            <div style={{ overflowX: "auto" }}>
              <table className="table" data-testid="visit-history">
                <caption className="sr-only">{t("history.title")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("history.checkedIn")}</th>
                    <th scope="col">{t("history.location")}</th>
                    <th scope="col">{t("history.host")}</th>
                    <th scope="col">{t("history.room")}</th>
                    <th scope="col">{t("history.status")}</th>
                  </tr>
                </thead>
                <tbody>
                  {history.map((h) => (
                    <tr key={h.id}>
                      <td>{when(h.checkedInAt, h.timeZone)}</td>
                      <td>{h.locationName}</td>
                      <td>{h.hostName ?? "—"}</td>
                      <td>{h.roomName ?? "—"}</td>
                      <td>{t(`history.statuses.${h.status}`)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}
    </div>
  );
}
