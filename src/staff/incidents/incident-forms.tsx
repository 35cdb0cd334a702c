"use client";
// The forms of one incident's page: the step plan (what was done), an aftercare question's
// outcome, the response to the perpetrator (a building ban needs its end date) and closing.
// The page re-renders from the server after each (revalidatePath).
import { useTranslations } from "next-intl";
import { useState } from "react";
import { AFTERCARE_OUTCOMES, COMPLAINT_STATUSES, RESPONSE_KINDS } from "@/src/domain/incidents/step-plan";
import {
  closeIncidentAction,
  completeAftercareAction,
  recordResponseAction,
  recordStepsAction,
} from "@/src/staff/incidents/actions";
import { FieldError, FormMessage, fieldA11y, SubmitButton, useFormAction } from "@/src/ui/form-kit";

const NS = "incidents.errors" as const;

export function StepsForm({
  id,
  values,
  showVpt,
  show112,
}: {
  id: string;
  values: {
    managerInformed: boolean;
    vptReported: boolean;
    called112: boolean;
    complaintStatus: string | null;
    complaintReason: string | null;
  };
  showVpt: boolean;
  show112: boolean;
}) {
  const t = useTranslations("incidents");
  const { state, formAction, pending, onSubmit } = useFormAction(recordStepsAction);
  const [status, setStatus] = useState(values.complaintStatus ?? "");
  const a11y = (name: string) => fieldA11y(`steps-${name}`, state, name);
  return (
    <form className="stack" action={formAction} onSubmit={onSubmit} noValidate data-testid="steps-form">
      <FormMessage
        testId="steps-form"
        result={state}
        fields={["complaintReason", "complaintStatus"]}
        namespace={NS}
        success={t("saved")}
      />
      <input type="hidden" name="id" value={id} />
      <label className="checkbox">
        <input
          type="checkbox"
          name="managerInformed"
          defaultChecked={values.managerInformed}
          data-testid="step-managerInformed"
        />
        <span>{t("steps.managerInformed")}</span>
      </label>
      {showVpt && (
        <label className="checkbox">
          <input
            type="checkbox"
            name="vptReported"
            defaultChecked={values.vptReported}
            data-testid="step-vptReported"
          />
          <span>{t("steps.vptReported")}</span>
        </label>
      )}
      {!showVpt && values.vptReported && <input type="hidden" name="vptReported" value="on" />}
      {show112 && (
        <label className="checkbox">
          <input type="checkbox" name="called112" defaultChecked={values.called112} data-testid="step-called112" />
          <span>{t("steps.called112")}</span>
        </label>
      )}
      <div className="field">
        <label htmlFor="steps-complaintStatus">{t("steps.complaintStatus")}</label>
        <select
          {...a11y("complaintStatus")}
          name="complaintStatus"
          value={status}
          onChange={(e) => setStatus(e.target.value)}
        >
          <option value="">{t("steps.complaintNone")}</option>
          {COMPLAINT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`complaint.${s}`)}
            </option>
          ))}
        </select>
        <FieldError id="steps-complaintStatus" result={state} field="complaintStatus" namespace={NS} />
      </div>
      {status === "NOT_FILED" && (
        <div className="field">
          <label htmlFor="steps-complaintReason">{t("steps.complaintReason")}</label>
          <textarea
            {...a11y("complaintReason")}
            name="complaintReason"
            rows={2}
            maxLength={1000}
            defaultValue={values.complaintReason ?? ""}
          />
          <FieldError
            id="steps-complaintReason"
            result={state}
            field="complaintReason"
            namespace={NS}
            blankIsRequired
          />
        </div>
      )}
      <div>
        <SubmitButton pending={pending} className="btn btn-secondary">
          {t("steps.save")}
        </SubmitButton>
      </div>
    </form>
  );
}

export function AftercareForm({ taskId, label }: { taskId: string; label: string }) {
  const t = useTranslations("incidents");
  const { state, formAction, pending, onSubmit } = useFormAction(completeAftercareAction);
  const idp = `aftercare-${taskId}`;
  return (
    <form className="stack" action={formAction} onSubmit={onSubmit} noValidate data-testid="aftercare-form">
      <FormMessage testId={idp} result={state} fields={["outcome", "note"]} namespace={NS} />
      <input type="hidden" name="taskId" value={taskId} />
      <div className="row" style={{ alignItems: "flex-end" }}>
        <div className="field">
          <label htmlFor={`${idp}-outcome`}>
            {t("aftercare.outcome")}
            <span className="sr-only">: {label}</span>
          </label>
          <select {...fieldA11y(`${idp}-outcome`, state, "outcome")} name="outcome" defaultValue="">
            <option value="" disabled>
              —
            </option>
            {AFTERCARE_OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {t(`aftercare.outcomes.${o}`)}
              </option>
            ))}
          </select>
          <FieldError id={`${idp}-outcome`} result={state} field="outcome" namespace={NS} blankIsRequired />
        </div>
        <div className="field" style={{ flex: 1 }}>
          <label htmlFor={`${idp}-note`}>
            {t("aftercare.note")}
            <span className="sr-only">: {label}</span>
          </label>
          <input {...fieldA11y(`${idp}-note`, state, "note")} name="note" type="text" maxLength={1000} />
        </div>
        <SubmitButton pending={pending} className="btn btn-secondary">
          {t("aftercare.save")}
        </SubmitButton>
      </div>
    </form>
  );
}

export function ResponseForm({ id, visitorKnown, today }: { id: string; visitorKnown: boolean; today: string }) {
  const t = useTranslations("incidents");
  const { state, formAction, pending, onSubmit } = useFormAction<{ banId: string | null }>(recordResponseAction);
  const [kind, setKind] = useState("");
  return (
    <form className="stack" action={formAction} onSubmit={onSubmit} noValidate data-testid="response-form">
      <FormMessage testId="response-form" result={state} fields={["kind", "note", "banEndsAt"]} namespace={NS} />
      <input type="hidden" name="id" value={id} />
      <div className="field">
        <label htmlFor="response-kind">{t("response.kind")}</label>
        <select
          {...fieldA11y("response-kind", state, "kind")}
          name="kind"
          value={kind}
          onChange={(e) => setKind(e.target.value)}
        >
          <option value="" disabled>
            —
          </option>
          {RESPONSE_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`response.kinds.${k}`)}
            </option>
          ))}
        </select>
        <FieldError id="response-kind" result={state} field="kind" namespace={NS} blankIsRequired />
      </div>
      {kind === "BUILDING_BAN" && (
        <div className="field">
          <label htmlFor="response-banEndsAt">{t("response.banEndsAt")}</label>
          <p className="muted" id="response-banEndsAt-hint" style={{ margin: 0 }}>
            {visitorKnown ? t("response.banHint") : t("response.banNeedsVisitor")}
          </p>
          <input
            {...fieldA11y("response-banEndsAt", state, "banEndsAt", true)}
            name="banEndsAt"
            type="date"
            min={today}
          />
          <FieldError id="response-banEndsAt" result={state} field="banEndsAt" namespace={NS} blankIsRequired />
        </div>
      )}
      <div className="field">
        <label htmlFor="response-note">{t("response.note")}</label>
        <input {...fieldA11y("response-note", state, "note")} name="note" type="text" maxLength={1000} />
      </div>
      <div>
        <SubmitButton pending={pending}>{t("response.save")}</SubmitButton>
      </div>
    </form>
  );
}

export function CloseForm({ id }: { id: string }) {
  const t = useTranslations("incidents");
  const tSteps = useTranslations("incidents.steps");
  const { state, formAction, pending, onSubmit } = useFormAction(closeIncidentAction);
  const blocked = state && !state.ok ? (state.fieldErrors?.steps ?? []) : [];
  return (
    <form action={formAction} onSubmit={onSubmit} noValidate data-testid="close-form" className="stack">
      {blocked.length > 0 ? (
        <div className="alert alert-error" role="alert" data-testid="close-blocked">
          {t("detail.closeBlocked")} {blocked.map((b) => (tSteps.has(b) ? tSteps(b) : b)).join("; ")}
        </div>
      ) : (
        <FormMessage testId="close-form" result={state} fields={["steps"]} namespace={NS} />
      )}
      <input type="hidden" name="id" value={id} />
      <div>
        <SubmitButton pending={pending} className="btn btn-danger">
          {t("detail.close")}
        </SubmitButton>
      </div>
    </form>
  );
}
