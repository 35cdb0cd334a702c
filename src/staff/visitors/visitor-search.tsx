"use client";
// Find a visitor or client by name. Results link to the visitor's page (by opaque id only).
import { useTranslations } from "next-intl";
import { Link } from "@/src/i18n/navigation";
import { searchVisitorsAction } from "@/src/staff/visitors/actions";
import { VisitorFieldError, VisitorFormMessage } from "@/src/staff/visitors/form-errors";
import { codesFor, fieldA11y, SubmitButton, useFormAction } from "@/src/ui/form-kit";

export function VisitorSearch() {
  const t = useTranslations("visitors");
  const { state, formAction, pending, onSubmit } = useFormAction(searchVisitorsAction);
  const visitors = state?.ok ? state.data.visitors : null;
  return (
    <div className="stack">
      <form className="card stack" action={formAction} onSubmit={onSubmit} noValidate data-testid="visitor-search">
        {!codesFor(state, "query").length && (
          <VisitorFormMessage testId="visitor-search" result={state} fields={["query"]} />
        )}
        <div className="field">
          <label htmlFor="visitor-query">{t("search.label")}</label>
          <input
            {...fieldA11y("visitor-query", state, "query", true)}
            name="query"
            type="search"
            autoComplete="off"
            maxLength={100}
          />
          <p className="muted" id="visitor-query-hint">
            {t("search.hint")}
          </p>
          <VisitorFieldError id="visitor-query" result={state} field="query" />
        </div>
        <div className="row">
          <SubmitButton pending={pending}>{t("search.submit")}</SubmitButton>
        </div>
      </form>
      <div aria-live="polite">
        {visitors &&
          (visitors.length === 0 ? (
            <p data-testid="visitor-results-empty">{t("search.none")}</p>
          ) : (
            <ul className="stack" data-testid="visitor-results" style={{ listStyle: "none", padding: 0 }}>
              {visitors.map((v) => (
                <li key={v.id} className="card row" data-testid="visitor-result">
                  <Link
                    href={`/staff/visitors/${encodeURIComponent(v.id)}`}
                    style={{ flex: 1, minHeight: 44, display: "flex", alignItems: "center" }}
                  >
                    {[v.firstName, v.lastName].filter(Boolean).join(" ")}
                  </Link>
                  {v.hasPass && <span className="badge badge-ok">{t("hasPass")}</span>}
                </li>
              ))}
            </ul>
          ))}
      </div>
    </div>
  );
}
