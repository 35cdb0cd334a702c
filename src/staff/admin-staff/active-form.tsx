"use client";
// Deactivate or reactivate a staff member, after an explicit confirmation. Deactivation keeps the
// record (history, audit) but ends sign-in and open sessions at once.
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { setStaffActiveAction } from "@/src/staff/admin-staff/actions";
import { FormMessage, SubmitButton, useFormAction } from "@/src/ui/form-kit";

export function ActiveForm({ staffId, name, active }: { staffId: string; name: string; active: boolean }) {
  const t = useTranslations("adminStaff.active");
  const { state, formAction, pending, onSubmit } = useFormAction(setStaffActiveAction);
  // The confirmation belongs to the state it was asked in: once the status changed it is gone.
  const [confirmingFrom, setConfirmingFrom] = useState<boolean | null>(null);
  const confirming = confirmingFrom === active;
  const question = useRef<HTMLParagraphElement>(null);
  const start = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (confirming) question.current?.focus();
  }, [confirming]);

  const success =
    state?.ok && state.data.active === active
      ? active
        ? t("reactivated", { name })
        : t("deactivated", { name })
      : null;

  function cancel() {
    setConfirmingFrom(null);
    requestAnimationFrame(() => start.current?.focus());
  }

  return (
    <section className="card stack" aria-labelledby="active-title" data-testid="active-form">
      <h2 id="active-title" style={{ marginTop: 0 }}>
        {t("title")}
      </h2>
      <p data-testid="active-status">
        <span className={`badge ${active ? "badge-ok" : "badge-off"}`}>
          {active ? t("statusActive") : t("statusInactive")}
        </span>{" "}
        {active ? t("isActive") : t("isInactive")}
      </p>
      <FormMessage testId="active-form" result={state} fields={[]} success={success} />
      {!confirming ? (
        <div className="row">
          <button
            ref={start}
            type="button"
            className={active ? "btn btn-danger" : "btn"}
            onClick={() => setConfirmingFrom(active)}
          >
            {active ? t("deactivate") : t("reactivate")}
          </button>
        </div>
      ) : (
        <form action={formAction} onSubmit={onSubmit} className="stack" data-testid="active-confirm">
          <p ref={question} tabIndex={-1}>
            <strong>{active ? t("confirmDeactivate", { name }) : t("confirmReactivate", { name })}</strong>
          </p>
          <input type="hidden" name="id" value={staffId} />
          <input type="hidden" name="active" value={active ? "false" : "true"} />
          <div className="row">
            <SubmitButton pending={pending} className={active ? "btn btn-danger" : "btn"}>
              {active ? t("confirmDeactivateButton") : t("confirmReactivateButton")}
            </SubmitButton>
            <button type="button" className="btn btn-secondary" onClick={cancel} disabled={pending}>
              {t("cancel")}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
