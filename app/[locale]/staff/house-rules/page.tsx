import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { pageTitle } from "@/src/i18n/page-title";
import { LocationPicker } from "@/src/staff/desk/location-picker";
import { requireStaffLocation } from "@/src/staff/desk/staff-locations";
import { dirOf, RULES_LANGUAGES } from "@/src/staff/house-rules/languages";
import { loadHouseRules } from "@/src/staff/house-rules/load-house-rules";
import { RulesEditor } from "@/src/staff/house-rules/rules-editor";
import { RulesPreview } from "@/src/staff/house-rules/rules-preview";
import { NoLocations } from "@/src/staff/shell/no-locations";

export const generateMetadata = pageTitle("houseRules");

export default async function HouseRulesPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string }>;
  searchParams: Promise<{ location?: string | string[]; published?: string | string[] }>;
}) {
  const { locale } = await params;
  setRequestLocale(locale);
  const query = await searchParams;
  const { locations, location } = await requireStaffLocation(
    locale,
    "house_rules.manage",
    "/staff/house-rules",
    query.location,
  );
  const t = await getTranslations("houseRules");
  const tLang = await getTranslations("houseRules.languages");
  const format = await getFormatter();

  if (!location) {
    return <NoLocations title={t("title")} text={t("noLocations")} />;
  }

  const rules = await loadHouseRules(location.id);
  const when = (iso: string) =>
    format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short", timeZone: location.timeZone });
  const justPublished = typeof query.published === "string" && Number(query.published) === rules.currentVersion;
  const missing = RULES_LANGUAGES.filter((l) => !rules.published.some((p) => p.language === l));

  return (
    <div className="stack">
      <h1>{t("titleAt", { location: location.name })}</h1>
      <p className="muted">{t("intro")}</p>
      <LocationPicker
        locations={locations}
        currentId={location.id}
        label={t("location")}
        submitLabel={t("showLocation")}
      />
      {justPublished && (
        <div className="alert alert-ok" role="status" data-testid="rules-published">
          {t("publishedNow", { version: rules.currentVersion })}
        </div>
      )}

      <section aria-labelledby="rules-current" className="stack">
        <h2 id="rules-current">{t("current.heading")}</h2>
        {rules.currentVersion === 0 ? (
          <p data-testid="rules-none">{t("current.none")}</p>
        ) : (
          <>
            <p data-testid="rules-current-version">
              {t("current.version", { version: rules.currentVersion })}
              {rules.publishedAt && ` — ${t("current.publishedAt", { when: when(rules.publishedAt) })}`}
            </p>
            {missing.length > 0 && (
              <p className="muted">{t("current.missing", { languages: missing.map((l) => tLang(l)).join(", ") })}</p>
            )}
            {rules.published.map((p) => (
              <details key={p.language} className="card" data-testid={`rules-published-${p.language}`}>
                <summary style={{ minHeight: "var(--touch)", padding: "0.6rem 0", cursor: "pointer" }}>
                  <strong>{tLang(p.language)}</strong>
                  <span className="muted">
                    &nbsp;—&nbsp;
                    <bdi lang={p.language} dir={dirOf(p.language)}>
                      {p.title}
                    </bdi>
                  </span>
                </summary>
                <RulesPreview language={p.language} label={tLang(p.language)} title={p.title} body={p.body} />
              </details>
            ))}
          </>
        )}
      </section>

      <section aria-labelledby="rules-draft" className="stack">
        <h2 id="rules-draft">{t("draft.heading", { version: rules.currentVersion + 1 })}</h2>
        <p className="muted" data-testid="rules-draft-status">
          {rules.hasDraft && rules.draftSavedAt
            ? t("draft.saved", { when: when(rules.draftSavedAt) })
            : rules.currentVersion
              ? t("draft.fromPublished")
              : t("draft.first")}
        </p>
        <RulesEditor
          key={`${location.id}:${rules.currentVersion}`}
          locationId={location.id}
          nextVersion={rules.currentVersion + 1}
          initial={rules.initial}
          timeZone={location.timeZone}
        />
      </section>
    </div>
  );
}
