import { notFound } from "next/navigation";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { isAppError } from "@/src/domain/errors";
import { subjectName, subjectSections } from "@/src/domain/privacy/subject-export-pdf";
import { previewErasure, SUBJECT_KINDS, type SubjectKind, viewSubject } from "@/src/domain/privacy/subject-requests";
import { Link } from "@/src/i18n/navigation";
import { pageTitle } from "@/src/i18n/page-title";
import { domain } from "@/src/server/runtime";
import { EraseForm } from "@/src/staff/privacy/erase-form";
import { SubjectRecords } from "@/src/staff/privacy/subject-records";
import { requireStaff } from "@/src/staff/shell/require-staff";

export const generateMetadata = pageTitle("privacy");

const orNotFound = (err: unknown): never => {
  if (isAppError(err) && err.code === "NOT_FOUND") notFound();
  throw err;
};

export default async function SubjectPage({
  params,
}: {
  params: Promise<{ locale: string; kind: string; id: string }>;
}) {
  const { locale, kind: kindParam, id } = await params;
  setRequestLocale(locale);
  const actor = await requireStaff(locale, "privacy.subject_requests", "/staff/privacy");
  if (!(SUBJECT_KINDS as readonly string[]).includes(kindParam)) notFound();
  const kind = kindParam as SubjectKind;
  const ctx = await domain();
  // Opening the overview is audited (privacy.subject_viewed).
  const data = await viewSubject(ctx, actor, kind, id).catch(orNotFound);
  const plan = kind === "visitor" ? await previewErasure(ctx, actor, id).catch(orNotFound) : null;
  const t = await getTranslations("privacy");
  const format = await getFormatter();
  const name = subjectName(data);
  const exportHref = (f: "json" | "pdf") =>
    `/api/privacy/subjects/${kind}/${encodeURIComponent(id)}/export?format=${f}&lang=${locale}`;

  return (
    <div className="stack" style={{ maxWidth: "64rem" }}>
      <p>
        <Link href="/staff/privacy">{t("overview.back")}</Link>
      </p>
      <h1 data-testid="privacy-subject-name">{name}</h1>
      <p className="muted">
        {t(`search.${kind}`)} —{" "}
        {t("overview.generatedAt", {
          when: format.dateTime(new Date(data.generatedAt), { dateStyle: "medium", timeStyle: "short" }),
        })}
        . {t("overview.audited")}
      </p>

      <section className="card stack" aria-labelledby="privacy-export-heading">
        <h2 id="privacy-export-heading">{t("export.title")}</h2>
        <p className="muted">{t("export.intro")}</p>
        <div className="row" style={{ flexWrap: "wrap" }}>
          <a className="btn" href={exportHref("json")} download data-testid="privacy-export-json">
            {t("export.json")}
          </a>
          <a className="btn btn-secondary" href={exportHref("pdf")} download data-testid="privacy-export-pdf">
            {t("export.pdf")}
          </a>
        </div>
      </section>

      {subjectSections(data).map((s) => (
        <SubjectRecords key={s.key} sectionKey={s.key} records={s.records} />
      ))}

      <section className="stack" aria-labelledby="privacy-erase-heading">
        <h2 id="privacy-erase-heading">{t("erase.title")}</h2>
        {plan === null ? (
          <p data-testid="privacy-staff-not-erased">{t("erase.staffNotHere")}</p>
        ) : plan.holds.length > 0 ? (
          <div className="alert alert-error" data-testid="privacy-holds">
            <strong>{t("erase.holdsTitle")}</strong>
            <ul>
              {plan.holds.map((h) => (
                <li key={`${h.reason}-${h.id}`} data-testid={`privacy-hold-${h.reason}`}>
                  {t(`erase.holds.${h.reason}`, {
                    location: h.location,
                    until: h.until ? format.dateTime(new Date(h.until), { dateStyle: "medium" }) : "",
                  })}
                </li>
              ))}
            </ul>
          </div>
        ) : (
          <>
            <p>{t("erase.willDelete")}</p>
            <ul data-testid="privacy-erase-plan">
              <li>{t("erase.deletes.visitor", { name })}</li>
              {(Object.entries(plan.deletes) as [keyof typeof plan.deletes, number][])
                .filter(([, count]) => count > 0)
                .map(([key, count]) => (
                  <li key={key}>{t(`erase.deletes.${key}`, { count })}</li>
                ))}
            </ul>
            <p className="muted">{t("erase.auditKept", { count: plan.auditEventsKept })}</p>
            <EraseForm visitorId={id} />
          </>
        )}
      </section>
    </div>
  );
}
