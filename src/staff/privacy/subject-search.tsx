"use client";
// Find one person for a subject request: a visitor by name (+ date of birth), pass number or
// document number, or a staff member by name or e-mail. Results link to the overview by opaque id.
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Link } from "@/src/i18n/navigation";
import type { ActionResult } from "@/src/server/action-result";
import { searchSubjectsAction } from "@/src/staff/privacy/actions";
import { codesFor, fieldA11y, SubmitButton, useFormAction } from "@/src/ui/form-kit";

const MODES = ["name", "pass", "document", "staff"] as const;
type Mode = (typeof MODES)[number];
const MODE_LABEL = { name: "byName", pass: "byPass", document: "byDocument", staff: "byStaff" } as const;

function FieldProblem({ id, result, field }: { id: string; result: ActionResult<unknown> | null; field: string }) {
  const t = useTranslations("privacy.errors");
  const codes = codesFor(result, field);
  if (!codes.length) return null;
  const text =
    field === "dateOfBirth" || field === "issuingState"
      ? t(field)
      : codes.some((c) => c === "too_small" || c === "invalid_type")
        ? t("required")
        : t("invalid");
  return (
    <p className="field-error" id={`${id}-error`} data-testid={`${id}-error`} style={{ margin: 0 }}>
      {text}
    </p>
  );
}

function Field({
  id,
  name,
  label,
  hint,
  result,
  type = "text",
  maxLength = 100,
}: {
  id: string;
  name: string;
  label: string;
  hint?: string;
  result: ActionResult<unknown> | null;
  type?: string;
  maxLength?: number;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        {...fieldA11y(id, result, name, !!hint)}
        name={name}
        type={type}
        autoComplete="off"
        maxLength={maxLength}
      />
      {hint && (
        <p className="muted" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <FieldProblem id={id} result={result} field={name} />
    </div>
  );
}

export function SubjectSearch() {
  const t = useTranslations("privacy.search");
  const tErrors = useTranslations("errors");
  const [mode, setMode] = useState<Mode>("name");
  const { state, formAction, pending, onSubmit } = useFormAction(searchSubjectsAction);
  const hits = state?.ok ? state.data.hits : null;
  const generalError = state && !state.ok && !state.fieldErrors ? tErrors(state.code) : null;
  return (
    <div className="stack">
      <form
        key={mode}
        className="card stack"
        action={formAction}
        onSubmit={onSubmit}
        noValidate
        data-testid="privacy-search"
      >
        {generalError && (
          <div className="alert alert-error" role="alert" data-testid="privacy-search-error">
            {generalError}
          </div>
        )}
        <fieldset className="stack" style={{ border: 0, padding: 0, margin: 0 }}>
          <legend>{t("by")}</legend>
          <div className="row" style={{ flexWrap: "wrap" }}>
            {MODES.map((m) => (
              <label key={m} className="row" style={{ minHeight: 44, gap: "0.4rem", alignItems: "center" }}>
                <input
                  type="radio"
                  name="by"
                  value={m}
                  checked={mode === m}
                  onChange={() => setMode(m)}
                  style={{ width: 22, height: 22 }}
                  data-testid={`privacy-by-${m}`}
                />
                {t(MODE_LABEL[m])}
              </label>
            ))}
          </div>
        </fieldset>
        {mode === "name" && (
          <>
            <Field id="privacy-name" name="name" label={t("name")} result={state} />
            <Field
              id="privacy-dob"
              name="dateOfBirth"
              label={t("dateOfBirth")}
              type="date"
              maxLength={10}
              result={state}
            />
          </>
        )}
        {mode === "pass" && <Field id="privacy-pass" name="passId" label={t("passId")} maxLength={64} result={state} />}
        {mode === "document" && (
          <>
            <Field
              id="privacy-document"
              name="documentNumber"
              label={t("documentNumber")}
              hint={t("documentHint")}
              maxLength={32}
              result={state}
            />
            <Field id="privacy-state" name="issuingState" label={t("issuingState")} maxLength={3} result={state} />
          </>
        )}
        {mode === "staff" && <Field id="privacy-staff" name="query" label={t("staffQuery")} result={state} />}
        <p className="muted">{t("audited")}</p>
        <div className="row">
          <SubmitButton pending={pending}>{t("submit")}</SubmitButton>
        </div>
      </form>
      <div aria-live="polite">
        {hits &&
          (hits.length === 0 ? (
            <p data-testid="privacy-results-empty">{t("none")}</p>
          ) : (
            <section className="stack" aria-labelledby="privacy-results-heading">
              <h2 id="privacy-results-heading">{t("results")}</h2>
              <ul className="stack" data-testid="privacy-results" style={{ listStyle: "none", padding: 0 }}>
                {hits.map((h) => (
                  <li key={`${h.kind}-${h.id}`} className="card row" data-testid="privacy-result">
                    <Link
                      href={`/staff/privacy/${h.kind}/${encodeURIComponent(h.id)}`}
                      style={{ flex: 1, minHeight: 44, display: "flex", alignItems: "center" }}
                    >
                      {h.name}
                      {h.detail ? <span className="muted">&nbsp;— {h.detail}</span> : null}
                    </Link>
                    <span className="badge">{t(h.kind)}</span>
                    {h.hasPass && <span className="badge badge-ok">{t("hasPass")}</span>}
                    {h.active === false && <span className="badge">{t("inactive")}</span>}
                  </li>
                ))}
              </ul>
            </section>
          ))}
      </div>
    </div>
  );
}
