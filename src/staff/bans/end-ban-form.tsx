"use client";
// Ending a ban early: asks for the reason (kept in the audit trail), then goes back to the list.
// Shown above the list when a row's "end" link was chosen (?end=<id>).
import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { Link } from "@/src/i18n/navigation";
import { endBanAction } from "@/src/staff/bans/actions";
import { BanFieldError, BanFormMessage } from "@/src/staff/bans/form-errors";
import { codesFor, fieldA11y, SubmitButton, useFormAction } from "@/src/ui/form-kit";

export function EndBanForm({ banId, name, filter }: { banId: string; name: string; filter: string }) {
  const t = useTranslations("bans");
  const { state, formAction, pending, onSubmit } = useFormAction<{ id: string }>(endBanAction);
  const heading = useRef<HTMLHeadingElement>(null);
  const fieldId = "end-ban-reason";

  // Opened from a row's link: keyboard and screen reader users land on this form.
  useEffect(() => heading.current?.focus(), []);

  return (
    <form
      className="card stack"
      action={formAction}
      onSubmit={onSubmit}
      noValidate
      aria-labelledby="end-ban-heading"
      data-testid={`end-ban-${banId}`}
      style={{ maxWidth: "40rem" }}
    >
      <h2 id="end-ban-heading" ref={heading} tabIndex={-1} style={{ margin: 0 }}>
        {t("end.title", { name })}
      </h2>
      {!codesFor(state, "reason").length && <BanFormMessage testId="end-ban-form" result={state} fields={["reason"]} />}
      <input type="hidden" name="id" value={banId} />
      <input type="hidden" name="filter" value={filter} />
      <div className="field">
        <label htmlFor={fieldId}>{t("end.reason", { name })}</label>
        <input {...fieldA11y(fieldId, state, "reason")} name="reason" type="text" maxLength={500} required />
        <BanFieldError id={fieldId} result={state} field="reason" />
      </div>
      <div className="row">
        <SubmitButton pending={pending} className="btn btn-danger">
          {t("end.submit")}
        </SubmitButton>
        <Link href={`/staff/bans?filter=${filter}`} className="btn btn-secondary">
          {t("end.cancel")}
        </Link>
      </div>
    </form>
  );
}
