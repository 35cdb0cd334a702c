"use client";
// The house rules editor: the draft of the next version, one title and text per kiosk language
// (Dutch required, Arabic right to left), a preview as the kiosk shows it, "save draft" and
// "publish" (after a confirmation: returning visitors then accept the new version once).
import { useFormatter, useTranslations } from "next-intl";
import { type FormEvent, useEffect, useRef, useState } from "react";
import type { ActionResult } from "@/src/server/action-result";
import { saveHouseRulesAction } from "@/src/staff/house-rules/actions";
import { BODY_MAX, dirOf, RULES_LANGUAGES, type RulesTexts, TITLE_MAX } from "@/src/staff/house-rules/languages";
import { RulesPreview } from "@/src/staff/house-rules/rules-preview";
import { codesFor, fieldA11y, SubmitButton, useFormAction } from "@/src/ui/form-kit";

type SaveResult = Awaited<ReturnType<typeof saveHouseRulesAction>>;

function RulesFieldError({ id, result, field }: { id: string; result: ActionResult<unknown> | null; field: string }) {
  const t = useTranslations("houseRules.errors");
  const codes = [...new Set(codesFor(result, field))];
  if (!codes.length) return null;
  const [lang, part] = field.split(".");
  const text = (code: string) =>
    code === "too_big"
      ? t("tooLong", { max: part === "title" ? TITLE_MAX : BODY_MAX })
      : lang === "nl"
        ? t(`dutchRequired.${part}`)
        : t(`required.${part}`);
  return (
    <p className="field-error" id={`${id}-error`} data-testid={`${id}-error`}>
      {codes.map(text).join(" ")}
    </p>
  );
}

const same = (a: RulesTexts, b: RulesTexts) =>
  RULES_LANGUAGES.every((l) => a[l].title.trim() === b[l].title.trim() && a[l].body.trim() === b[l].body.trim());

export function RulesEditor({
  locationId,
  nextVersion,
  initial,
  timeZone,
}: {
  locationId: string;
  nextVersion: number;
  initial: RulesTexts;
  timeZone: string;
}) {
  const t = useTranslations("houseRules");
  const tLang = useTranslations("houseRules.languages");
  const tErrors = useTranslations("errors");
  const format = useFormatter();
  const { state, formAction, pending, onSubmit } =
    useFormAction<SaveResult extends ActionResult<infer T> ? T : never>(saveHouseRulesAction);
  const [texts, setTexts] = useState<RulesTexts>(initial);
  const [saved, setSaved] = useState<RulesTexts>(initial);
  const [preview, setPreview] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const submitted = useRef<RulesTexts>(initial);
  const confirmRef = useRef<HTMLDivElement>(null);

  // The confirmation takes the focus, so keyboard and screen reader users land on its question.
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  // A successful save makes the submitted texts the saved ones.
  useEffect(() => {
    if (state?.ok && state.data.intent === "save") setSaved(submitted.current);
    if (state && !state.ok) setConfirming(false);
  }, [state]);

  const dirty = !same(texts, saved);
  const set = (lang: keyof RulesTexts, part: "title" | "body", value: string) =>
    setTexts((prev) => ({ ...prev, [lang]: { ...prev[lang], [part]: value } }));

  function submit(e: FormEvent<HTMLFormElement>) {
    submitted.current = texts;
    onSubmit(e);
  }

  const savedAt = state?.ok && state.data.intent === "save" ? state.data.at : null;

  return (
    <form className="stack" action={formAction} onSubmit={submit} noValidate data-testid="rules-form">
      <input type="hidden" name="locationId" value={locationId} />
      {state && !state.ok && (
        <div className="alert alert-error" role="alert" data-testid="rules-form-error">
          {tErrors(state.code)}
        </div>
      )}
      {savedAt && !dirty && (
        <div className="alert alert-ok" role="status" data-testid="rules-form-ok">
          {t("editor.saved", {
            version: nextVersion,
            time: format.dateTime(new Date(savedAt), { hour: "2-digit", minute: "2-digit", timeZone }),
          })}
        </div>
      )}
      {dirty && (
        <p className="muted" role="status" data-testid="rules-dirty">
          <span className="badge badge-warn">{t("editor.unsaved")}</span>
        </p>
      )}

      {RULES_LANGUAGES.map((lang) => {
        const dir = dirOf(lang);
        const titleId = `rules-${lang}-title`;
        const bodyId = `rules-${lang}-body`;
        return (
          <fieldset key={lang} className="card stack" data-testid={`rules-lang-${lang}`}>
            <legend>
              <strong>
                {tLang(lang)}
                {lang === "nl" ? ` (${t("editor.required")})` : ` (${t("editor.optional")})`}
              </strong>
            </legend>
            <div className="field">
              <label htmlFor={titleId}>{t("editor.title")}</label>
              <input
                {...fieldA11y(titleId, state, `${lang}.title`)}
                name={`${lang}.title`}
                type="text"
                lang={lang}
                dir={dir}
                maxLength={TITLE_MAX}
                value={texts[lang].title}
                onChange={(e) => set(lang, "title", e.target.value)}
              />
              <RulesFieldError id={titleId} result={state} field={`${lang}.title`} />
            </div>
            <div className="field">
              <label htmlFor={bodyId}>{t("editor.body")}</label>
              <textarea
                {...fieldA11y(bodyId, state, `${lang}.body`)}
                name={`${lang}.body`}
                lang={lang}
                dir={dir}
                rows={10}
                maxLength={BODY_MAX}
                value={texts[lang].body}
                onChange={(e) => set(lang, "body", e.target.value)}
              />
              <RulesFieldError id={bodyId} result={state} field={`${lang}.body`} />
            </div>
          </fieldset>
        );
      })}

      <div className="row">
        <button
          type="button"
          className="btn btn-secondary"
          aria-expanded={preview}
          aria-controls="rules-preview"
          onClick={() => setPreview((p) => !p)}
          data-testid="rules-preview-toggle"
        >
          {preview ? t("editor.hidePreview") : t("editor.showPreview")}
        </button>
        <SubmitButton pending={pending} className="btn btn-secondary" name="intent" value="save">
          {pending ? t("editor.saving") : t("editor.saveDraft")}
        </SubmitButton>
        {!confirming && (
          <button type="button" className="btn" onClick={() => setConfirming(true)} data-testid="rules-publish">
            {t("editor.publish", { version: nextVersion })}
          </button>
        )}
      </div>

      {confirming && (
        <div className="alert alert-warn stack" ref={confirmRef} tabIndex={-1} data-testid="rules-confirm">
          <p id="rules-confirm-text" style={{ margin: 0 }}>
            {t("editor.confirm", { version: nextVersion })}
          </p>
          <div className="row">
            <SubmitButton pending={pending} name="intent" value="publish">
              {t("editor.confirmYes", { version: nextVersion })}
            </SubmitButton>
            <button type="button" className="btn btn-secondary" onClick={() => setConfirming(false)}>
              {t("editor.confirmNo")}
            </button>
          </div>
        </div>
      )}

      {preview && (
        <section
          id="rules-preview"
          aria-labelledby="rules-preview-heading"
          className="stack"
          data-testid="rules-preview"
        >
          <h2 id="rules-preview-heading">{t("preview.heading")}</h2>
          <p className="muted">{t("preview.intro")}</p>
          {RULES_LANGUAGES.filter((l) => texts[l].title.trim() || texts[l].body.trim()).map((lang) => (
            <RulesPreview
              key={lang}
              language={lang}
              label={tLang(lang)}
              title={texts[lang].title}
              body={texts[lang].body}
            />
          ))}
        </section>
      )}
    </form>
  );
}
