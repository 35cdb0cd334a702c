"use client";
// Sets a new password for a staff member (e.g. when they forgot theirs).
import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { resetPasswordAction } from "@/src/staff/admin-staff/actions";
import { FieldError, FormMessage, fieldA11y, SubmitButton, useFormAction } from "@/src/ui/form-kit";

export function ResetPasswordForm({ staffId, minPasswordLength }: { staffId: string; minPasswordLength: number }) {
  const t = useTranslations("adminStaff");
  const { state, formAction, pending, onSubmit } = useFormAction(resetPasswordAction);
  const form = useRef<HTMLFormElement>(null);
  const min = { min: minPasswordLength };

  // The new password is not kept on screen once it is set.
  useEffect(() => {
    if (state?.ok) form.current?.reset();
  }, [state]);

  return (
    <form
      ref={form}
      className="card"
      action={formAction}
      onSubmit={onSubmit}
      noValidate
      aria-labelledby="password-title"
      data-testid="password-form"
    >
      <div className="stack">
        <h2 id="password-title" style={{ marginTop: 0 }}>
          {t("password.title")}
        </h2>
        <p className="muted">{t("password.intro")}</p>
        <FormMessage testId="password-form" result={state} fields={["password"]} success={t("password.done")} />
        <div className="field">
          <label htmlFor="new-password">{t("fields.newPassword")}</label>
          <input
            {...fieldA11y("new-password", state, "password", true)}
            name="password"
            type="password"
            autoComplete="new-password"
            required
            minLength={minPasswordLength}
          />
          <p className="muted" id="new-password-hint" style={{ margin: 0 }}>
            {t("hints.password", min)}
          </p>
          <FieldError id="new-password" result={state} field="password" values={min} />
        </div>
        <input type="hidden" name="id" value={staffId} />
        <div className="row">
          <SubmitButton pending={pending}>{pending ? t("saving") : t("password.submit")}</SubmitButton>
        </div>
      </div>
    </form>
  );
}
