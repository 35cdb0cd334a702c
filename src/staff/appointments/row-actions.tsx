"use client";
// Per-appointment buttons that act at once: no-show, and a new invite for a lost letter.
import { useTranslations } from "next-intl";
import { noShowAction, reissueInviteAction } from "@/src/staff/appointments/actions";
import { AppointmentFormMessage } from "@/src/staff/appointments/form-errors";
import { SubmitButton, useFormAction } from "@/src/ui/form-kit";

export function NoShowButton({ id, name }: { id: string; name: string }) {
  const t = useTranslations("appointments");
  const { state, formAction, pending, onSubmit } = useFormAction<{ id: string }>(noShowAction);
  return (
    <form action={formAction} onSubmit={onSubmit} data-testid="appointment-no-show">
      <input type="hidden" name="id" value={id} />
      <AppointmentFormMessage testId="no-show" result={state} fields={[]} />
      <SubmitButton pending={pending} className="btn btn-secondary">
        {t("actions.noShow")}
        <span className="sr-only">: {name}</span>
      </SubmitButton>
    </form>
  );
}

export function ReissueButton({ id, name }: { id: string; name: string }) {
  const t = useTranslations("appointments");
  const { state, formAction, pending, onSubmit } = useFormAction<{ id: string }>(reissueInviteAction);
  return (
    <form action={formAction} onSubmit={onSubmit} data-testid="appointment-reissue">
      <input type="hidden" name="id" value={id} />
      <AppointmentFormMessage testId="reissue" result={state} fields={[]} success={t("actions.reissued", { name })} />
      <SubmitButton pending={pending} className="btn btn-secondary">
        {t("actions.reissue")}
        <span className="sr-only">: {name}</span>
      </SubmitButton>
    </form>
  );
}
