"use client";
// New ban (lokaalverbod / pandverbod): where, what kind and why, who, for how long, and whom the
// desk should call. Field errors show next to their field; typed values survive an error.
import { useTranslations } from "next-intl";
import { createBanAction } from "@/src/staff/bans/actions";
import { BanFieldError, BanFormMessage } from "@/src/staff/bans/form-errors";
import { BAN_FORM_FIELDS, BAN_REASONS, BAN_SCOPES } from "@/src/staff/bans/schemas";
import { fieldA11y, SubmitButton, useFormAction } from "@/src/ui/form-kit";

export function BanForm({
  locations,
  defaultLocationId,
  today,
  maxDays,
}: {
  locations: { id: string; name: string }[];
  defaultLocationId: string;
  today: string;
  maxDays: number;
}) {
  const t = useTranslations("bans");
  const { state, formAction, pending, onSubmit } = useFormAction<{ id: string }>(createBanAction);
  const max = { max: maxDays };
  const a11y = (name: string, hasHint = false) => fieldA11y(`ban-${name}`, state, name, hasHint);
  const error = (name: string, values?: Record<string, string | number>) => (
    <BanFieldError id={`ban-${name}`} result={state} field={name} values={values} />
  );

  return (
    <form className="stack" action={formAction} onSubmit={onSubmit} noValidate data-testid="ban-form">
      <BanFormMessage testId="ban-form" result={state} fields={BAN_FORM_FIELDS} />

      <fieldset className="card stack">
        <legend>
          <strong>{t("form.sections.what")}</strong>
        </legend>
        <div className="field">
          <label htmlFor="ban-locationId">{t("fields.location")}</label>
          <select {...a11y("locationId")} name="locationId" defaultValue={defaultLocationId}>
            {locations.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
          {error("locationId")}
        </div>

        <fieldset className="field" aria-describedby={a11y("scope")["aria-describedby"]}>
          <legend>
            <strong>{t("fields.scope")}</strong>
          </legend>
          {BAN_SCOPES.map((scope) => (
            <label key={scope} className="checkbox">
              <input type="radio" name="scope" value={scope} defaultChecked={scope === "BUILDING"} />
              <span>
                {t(`scope.${scope}`)} <span className="muted">— {t(`scopeHint.${scope}`)}</span>
              </span>
            </label>
          ))}
          {error("scope")}
        </fieldset>

        <div className="field">
          <label htmlFor="ban-reasonCategory">{t("fields.reason")}</label>
          <select {...a11y("reasonCategory")} name="reasonCategory" defaultValue="">
            <option value="" disabled>
              {t("form.chooseReason")}
            </option>
            {BAN_REASONS.map((r) => (
              <option key={r} value={r}>
                {t(`reason.${r}`)}
              </option>
            ))}
          </select>
          {error("reasonCategory")}
        </div>
      </fieldset>

      <fieldset className="card stack" aria-describedby="ban-who-hint">
        <legend>
          <strong>{t("form.sections.who")}</strong>
        </legend>
        <p className="muted" id="ban-who-hint">
          {t("hints.who")}
        </p>
        <div className="grid">
          <div className="field">
            <label htmlFor="ban-firstName">{t("fields.firstName")}</label>
            <input {...a11y("firstName")} name="firstName" type="text" autoComplete="off" maxLength={100} />
            {error("firstName")}
          </div>
          <div className="field">
            <label htmlFor="ban-lastName">{t("fields.lastName")}</label>
            <input {...a11y("lastName")} name="lastName" type="text" autoComplete="off" maxLength={100} />
            {error("lastName")}
          </div>
          <div className="field">
            <label htmlFor="ban-dateOfBirth">{t("fields.dateOfBirth")}</label>
            <input {...a11y("dateOfBirth")} name="dateOfBirth" type="date" max={today} autoComplete="off" />
            {error("dateOfBirth")}
          </div>
        </div>
        <div className="field">
          <label htmlFor="ban-visitorId">{t("fields.visitorId")}</label>
          <input {...a11y("visitorId", true)} name="visitorId" type="text" autoComplete="off" maxLength={100} />
          <p className="muted" id="ban-visitorId-hint">
            {t("hints.visitorId")}
          </p>
          {error("visitorId")}
        </div>
      </fieldset>

      <fieldset className="card stack" aria-describedby="ban-when-hint">
        <legend>
          <strong>{t("form.sections.when")}</strong>
        </legend>
        <p className="muted" id="ban-when-hint">
          {t("hints.period", max)}
        </p>
        <div className="grid">
          <div className="field">
            <label htmlFor="ban-startsAt">{t("fields.startsAt")}</label>
            <input {...a11y("startsAt")} name="startsAt" type="date" defaultValue={today} required />
            {error("startsAt")}
          </div>
          <div className="field">
            <label htmlFor="ban-endsAt">{t("fields.endsAt")}</label>
            <input {...a11y("endsAt")} name="endsAt" type="date" min={today} required />
            {error("endsAt", max)}
          </div>
          <div className="field">
            <label htmlFor="ban-reviewAt">{t("fields.reviewAt")}</label>
            <input {...a11y("reviewAt", true)} name="reviewAt" type="date" min={today} required />
            <p className="muted" id="ban-reviewAt-hint">
              {t("hints.reviewAt")}
            </p>
            {error("reviewAt")}
          </div>
        </div>
      </fieldset>

      <fieldset className="card stack">
        <legend>
          <strong>{t("form.sections.contact")}</strong>
        </legend>
        <p className="muted">{t("hints.contact")}</p>
        <div className="grid">
          <div className="field">
            <label htmlFor="ban-contactName">{t("fields.contactName")}</label>
            <input
              {...a11y("contactName")}
              name="contactName"
              type="text"
              autoComplete="off"
              maxLength={200}
              required
            />
            {error("contactName")}
          </div>
          <div className="field">
            <label htmlFor="ban-contactPhone">{t("fields.contactPhone")}</label>
            <input {...a11y("contactPhone")} name="contactPhone" type="tel" autoComplete="off" maxLength={50} />
            {error("contactPhone")}
          </div>
        </div>
        <div className="field">
          <label htmlFor="ban-notes">{t("fields.notes")}</label>
          <textarea {...a11y("notes", true)} name="notes" rows={4} maxLength={2000} />
          <p className="muted" id="ban-notes-hint">
            {t("hints.notes")}
          </p>
          {error("notes")}
        </div>
      </fieldset>

      <div className="row">
        <SubmitButton pending={pending}>{pending ? t("form.saving") : t("form.submit")}</SubmitButton>
      </div>
    </form>
  );
}
