"use client";
// Cancelling an appointment asks for confirmation (and an optional reason for the audit trail).
import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { Link } from "@/src/i18n/navigation";
import { cancelAppointmentAction } from "@/src/staff/appointments/actions";
import { AppointmentFormMessage } from "@/src/staff/appointments/form-errors";
import { SubmitButton, useFormAction } from "@/src/ui/form-kit";

export function CancelAppointmentForm({ id, name, back }: { id: string; name: string; back: string }) {
  const t = useTranslations("appointments");
  const { state, formAction, pending, onSubmit } = useFormAction<{ id: string }>(cancelAppointmentAction);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <form
      className="card stack"
      action={formAction}
      onSubmit={onSubmit}
      noValidate
      aria-labelledby="cancel-appt-heading"
      data-testid="cancel-appointment-form"
      style={{ maxWidth: "40rem" }}
    >
      <h2 id="cancel-appt-heading" ref={heading} tabIndex={-1} style={{ margin: 0 }}>
        {t("cancel.title", { name })}
      </h2>
      <p>{t("cancel.explain")}</p>
      <AppointmentFormMessage testId="cancel-appointment" result={state} fields={["reason"]} />
      <input type="hidden" name="id" value={id} />
      <div className="field">
        <label htmlFor="cancel-appt-reason">{t("cancel.reason")}</label>
        <input id="cancel-appt-reason" name="reason" type="text" maxLength={500} />
      </div>
      <div className="row">
        <SubmitButton pending={pending} className="btn btn-danger">
          {t("cancel.submit")}
        </SubmitButton>
        <Link href={back} className="btn btn-secondary">
          {t("cancel.back")}
        </Link>
      </div>
    </form>
  );
}
