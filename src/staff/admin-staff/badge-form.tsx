"use client";
// Links a staff badge (personeelspas) to the staff member, or unlinks it. Only a keyed hash of
// the code is stored, so the screen can say whether a badge is linked but never show its code.
import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { setBadgeAction } from "@/src/staff/admin-staff/actions";
import { FieldError, FormMessage, fieldA11y, SubmitButton, useFormAction } from "@/src/ui/form-kit";

export function BadgeForm({ staffId, hasBadge }: { staffId: string; hasBadge: boolean }) {
  const t = useTranslations("adminStaff.badgeSection");
  const { state, formAction, pending, onSubmit } = useFormAction(setBadgeAction);
  const form = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (state?.ok) form.current?.reset();
  }, [state]);

  const success = state?.ok ? (state.data.hasBadge ? t("setDone") : t("cleared")) : undefined;
  return (
    <form
      ref={form}
      className="card"
      action={formAction}
      onSubmit={onSubmit}
      noValidate
      aria-labelledby="badge-title"
      data-testid="badge-form"
    >
      <div className="stack">
        <h2 id="badge-title" style={{ marginTop: 0 }}>
          {t("title")}
        </h2>
        <p data-testid="badge-status">
          <span className={`badge ${hasBadge ? "badge-ok" : "badge-off"}`}>
            {hasBadge ? t("linked") : t("notLinked")}
          </span>
        </p>
        <FormMessage testId="badge-form" result={state} fields={["badgeCode"]} success={success} />
        <div className="field">
          <label htmlFor="badge-code">{hasBadge ? t("newCode") : t("code")}</label>
          <input
            {...fieldA11y("badge-code", state, "badgeCode", true)}
            name="badgeCode"
            type="text"
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
            maxLength={200}
          />
          <p className="muted" id="badge-code-hint" style={{ margin: 0 }}>
            {t("hint")}
          </p>
          <FieldError id="badge-code" result={state} field="badgeCode" />
        </div>
        <input type="hidden" name="id" value={staffId} />
        <div className="row">
          <SubmitButton pending={pending} name="intent" value="set">
            {hasBadge ? t("replace") : t("set")}
          </SubmitButton>
          {hasBadge && (
            <SubmitButton pending={pending} name="intent" value="clear" className="btn btn-secondary">
              {t("clear")}
            </SubmitButton>
          )}
        </div>
      </div>
    </form>
  );
}
