// One section of a person's data on the overview: each record as a small definition list. Long
// sections show their first records; the export always holds all of them.
import { getTranslations } from "next-intl/server";
import { valueText } from "@/src/domain/privacy/subject-export-pdf";

const SHOWN = 50;

export async function SubjectRecords({
  sectionKey,
  records,
}: {
  sectionKey: string;
  records: Record<string, unknown>[];
}) {
  const t = await getTranslations("privacy");
  const fieldLabel = (key: string) => (t.has(`fields.${key}`) ? t(`fields.${key}`) : key);
  const values = { values: { yes: t("values.yes"), no: t("values.no"), empty: t("values.empty") } };
  const headingId = `privacy-section-${sectionKey}`;
  return (
    <section className="stack" aria-labelledby={headingId} data-testid={headingId}>
      <h2 id={headingId}>
        {t(`overview.sections.${sectionKey}`)} ({records.length})
      </h2>
      {records.length === 0 ? (
        <p className="muted">{t("overview.none")}</p>
      ) : (
        <>
          {records.slice(0, SHOWN).map((r, i) => (
            <dl
              // biome-ignore lint/suspicious/noArrayIndexKey: records are shown in a fixed order and never reordered
              key={i}
              className="card"
              style={{ display: "grid", gridTemplateColumns: "max-content 1fr", gap: "0.25rem 1rem", margin: 0 }}
            >
              {Object.entries(r).map(([key, value]) => (
                <div key={key} style={{ display: "contents" }}>
                  <dt>{fieldLabel(key)}</dt>
                  <dd style={{ margin: 0, overflowWrap: "anywhere" }}>{valueText(values, value)}</dd>
                </div>
              ))}
            </dl>
          ))}
          {records.length > SHOWN && <p className="muted">{t("overview.more", { count: records.length - SHOWN })}</p>}
        </>
      )}
    </section>
  );
}
