"use client";
// New or edited appointment: the visitor (one chosen on the visitors page, or a new one: first and
// last name, optional date of birth — no more), when, with whom, where, why, and the risk flag.
import { useTranslations } from "next-intl";
import { saveAppointmentAction } from "@/src/staff/appointments/actions";
import { AppointmentFieldError, AppointmentFormMessage } from "@/src/staff/appointments/form-errors";
import { APPOINTMENT_FORM_FIELDS } from "@/src/staff/appointments/schemas";
import { fieldA11y, SubmitButton, useFormAction } from "@/src/ui/form-kit";

export interface AppointmentFormValues {
  id?: string;
  day: string;
  startTime: string;
  endTime: string;
  hostId: string;
  roomId: string;
  purpose: string;
  risky: boolean;
}

export function AppointmentForm({
  locationId,
  hosts,
  rooms,
  today,
  visitor,
  values,
  showPurpose,
}: {
  locationId: string;
  hosts: { id: string; name: string }[];
  rooms: { id: string; name: string }[];
  today: string;
  /** An existing visitor (from the visitors page, or the one an edited appointment has). */
  visitor: { id: string; name: string } | null;
  values: AppointmentFormValues;
  /** Editing an appointment whose purpose this person may not read: the field is not shown. */
  showPurpose: boolean;
}) {
  const t = useTranslations("appointments");
  const { state, formAction, pending, onSubmit } = useFormAction<{ id: string }>(saveAppointmentAction);
  const a11y = (name: string, hasHint = false) => fieldA11y(`appt-${name}`, state, name, hasHint);
  const error = (name: string) => <AppointmentFieldError id={`appt-${name}`} result={state} field={name} />;

  return (
    <form className="stack" action={formAction} onSubmit={onSubmit} noValidate data-testid="appointment-form">
      <AppointmentFormMessage testId="appointment-form" result={state} fields={APPOINTMENT_FORM_FIELDS} />
      <input type="hidden" name="locationId" value={locationId} />
      {values.id && <input type="hidden" name="id" value={values.id} />}

      <fieldset className="card stack">
        <legend>
          <strong>{t("form.sections.visitor")}</strong>
        </legend>
        {visitor ? (
          <>
            <input type="hidden" name="visitorId" value={visitor.id} />
            <p data-testid="appointment-visitor">{visitor.name}</p>
          </>
        ) : (
          <>
            <p className="muted" id="appt-visitor-hint">
              {t("form.newVisitorHint")}
            </p>
            <div className="grid">
              <div className="field">
                <label htmlFor="appt-firstName">{t("fields.firstName")}</label>
                <input {...a11y("firstName")} name="firstName" type="text" autoComplete="off" maxLength={100} />
                {error("firstName")}
              </div>
              <div className="field">
                <label htmlFor="appt-lastName">{t("fields.lastName")}</label>
                <input {...a11y("lastName")} name="lastName" type="text" autoComplete="off" maxLength={100} />
                {error("lastName")}
              </div>
              <div className="field">
                <label htmlFor="appt-dateOfBirth">{t("fields.dateOfBirth")}</label>
                <input {...a11y("dateOfBirth")} name="dateOfBirth" type="date" max={today} autoComplete="off" />
                {error("dateOfBirth")}
              </div>
            </div>
          </>
        )}
      </fieldset>

      <fieldset className="card stack">
        <legend>
          <strong>{t("form.sections.when")}</strong>
        </legend>
        <div className="grid">
          <div className="field">
            <label htmlFor="appt-day">{t("fields.day")}</label>
            <input {...a11y("day")} name="day" type="date" min={today} defaultValue={values.day} required />
            {error("day")}
          </div>
          <div className="field">
            <label htmlFor="appt-startTime">{t("fields.startTime")}</label>
            <input {...a11y("startTime")} name="startTime" type="time" defaultValue={values.startTime} required />
            {error("startTime")}
          </div>
          <div className="field">
            <label htmlFor="appt-endTime">{t("fields.endTime")}</label>
            <input {...a11y("endTime")} name="endTime" type="time" defaultValue={values.endTime} />
            {error("endTime")}
          </div>
        </div>
      </fieldset>

      <fieldset className="card stack">
        <legend>
          <strong>{t("form.sections.where")}</strong>
        </legend>
        <div className="grid">
          <div className="field">
            <label htmlFor="appt-hostId">{t("fields.host")}</label>
            <select {...a11y("hostId")} name="hostId" defaultValue={values.hostId}>
              {hosts.length > 1 && <option value="">{t("form.chooseHost")}</option>}
              {hosts.map((h) => (
                <option key={h.id} value={h.id}>
                  {h.name}
                </option>
              ))}
            </select>
            {error("hostId")}
          </div>
          <div className="field">
            <label htmlFor="appt-roomId">{t("fields.room")}</label>
            <select {...a11y("roomId")} name="roomId" defaultValue={values.roomId}>
              <option value="">{t("form.noRoom")}</option>
              {rooms.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </select>
            {error("roomId")}
          </div>
        </div>
        {showPurpose && (
          <div className="field">
            <label htmlFor="appt-purpose">{t("fields.purpose")}</label>
            <textarea
              {...a11y("purpose", true)}
              name="purpose"
              rows={2}
              maxLength={500}
              defaultValue={values.purpose}
            />
            <p className="muted" id="appt-purpose-hint">
              {t("form.purposeHint")}
            </p>
            {error("purpose")}
          </div>
        )}
        <label className="checkbox">
          <input type="checkbox" name="risky" defaultChecked={values.risky} data-testid="appointment-risky" />
          <span>
            {t("fields.risky")} <span className="muted">— {t("form.riskyHint")}</span>
          </span>
        </label>
      </fieldset>

      <div className="row">
        <SubmitButton pending={pending}>{pending ? t("form.saving") : t("form.submit")}</SubmitButton>
      </div>
    </form>
  );
}
