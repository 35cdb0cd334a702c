"use client";
// Register an incident: fresh, or an alarm's draft pre-filled (location, time, room, the staff
// member and visitor of the visit in that room). Field errors show next to their field; typed
// values survive an error. The description reminds the writer to keep personal data minimal.
import { useFormatter, useTranslations } from "next-intl";
import { useRef } from "react";
import { INCIDENT_CATEGORIES } from "@/src/domain/incidents/step-plan";
import { registerIncidentAction } from "@/src/staff/incidents/actions";
import { FieldError, FormMessage, fieldA11y, SubmitButton, useFormAction } from "@/src/ui/form-kit";

const FIELDS = [
  "locationId",
  "occurredAt",
  "roomId",
  "affectedStaffId",
  "visitorId",
  "category",
  "description",
] as const;

export interface IncidentFormProps {
  draftId: string | null;
  locationId: string;
  /** yyyy-mm-ddThh:mm in the location's time zone. */
  occurredAt: string;
  maxOccurredAt: string;
  rooms: { id: string; name: string }[];
  staff: { id: string; name: string }[];
  roomId: string | null;
  affectedStaffId: string | null;
  visitorId: string | null;
  visitorName: string | null;
  /** Visitors of the last day at the location, to pick the one involved by name (recentVisitorsAt). */
  recentVisitors: { visitorId: string; name: string; checkedInAt: string }[];
  timeZone: string;
}

export function IncidentForm(p: IncidentFormProps) {
  const t = useTranslations("incidents");
  const format = useFormatter();
  const visitorField = useRef<HTMLInputElement>(null);
  const { state, formAction, pending, onSubmit } = useFormAction<{ id: string }>(registerIncidentAction);
  const a11y = (name: string, hasHint = false) => fieldA11y(`incident-${name}`, state, name, hasHint);
  const error = (name: string) => (
    <FieldError id={`incident-${name}`} result={state} field={name} namespace="incidents.errors" blankIsRequired />
  );
  return (
    <form className="stack" action={formAction} onSubmit={onSubmit} noValidate data-testid="incident-form">
      <FormMessage testId="incident-form" result={state} fields={FIELDS} namespace="incidents.errors" />
      {p.draftId && <input type="hidden" name="incidentId" value={p.draftId} />}
      <fieldset className="card stack">
        <legend>
          <strong>{t("detail.occurredAt")}</strong>
        </legend>
        <div className="grid">
          <input type="hidden" name="locationId" value={p.locationId} />
          <div className="field">
            <label htmlFor="incident-occurredAt">{t("form.occurredAt")}</label>
            <input
              {...a11y("occurredAt")}
              name="occurredAt"
              type="datetime-local"
              defaultValue={p.occurredAt}
              max={p.maxOccurredAt}
              required
            />
            {error("occurredAt")}
          </div>
          <div className="field">
            <label htmlFor="incident-roomId">{t("form.room")}</label>
            <select {...a11y("roomId")} name="roomId" defaultValue={p.roomId ?? ""}>
              <option value="">{t("form.noRoom")}</option>
              {p.rooms.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </select>
            {error("roomId")}
          </div>
          <div className="field">
            <label htmlFor="incident-affectedStaffId">{t("form.affectedStaff")}</label>
            <select {...a11y("affectedStaffId")} name="affectedStaffId" defaultValue={p.affectedStaffId ?? ""}>
              <option value="">{t("form.noStaff")}</option>
              {p.staff.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
            {error("affectedStaffId")}
          </div>
        </div>
        {p.recentVisitors.length > 0 && (
          <div className="field">
            <label htmlFor="incident-recentVisitor">{t("form.recentVisitor")}</label>
            <select
              id="incident-recentVisitor"
              defaultValue={p.recentVisitors.some((v) => v.visitorId === p.visitorId) ? (p.visitorId ?? "") : ""}
              onChange={(e) => {
                if (visitorField.current) visitorField.current.value = e.target.value;
              }}
            >
              <option value="">{t("form.recentVisitorNone")}</option>
              {p.recentVisitors.map((v) => (
                <option key={v.visitorId} value={v.visitorId}>
                  {t("form.recentVisitorOption", {
                    name: v.name,
                    time: format.dateTime(new Date(v.checkedInAt), {
                      weekday: "short",
                      hour: "2-digit",
                      minute: "2-digit",
                      timeZone: p.timeZone,
                    }),
                  })}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor="incident-visitorId">{t("form.visitor")}</label>
          <input
            ref={visitorField}
            {...a11y("visitorId", true)}
            name="visitorId"
            type="text"
            autoComplete="off"
            maxLength={100}
            defaultValue={p.visitorId ?? ""}
          />
          <p className="muted" id="incident-visitorId-hint" style={{ margin: 0 }}>
            {p.visitorName ? t("form.visitorPrefilled", { name: p.visitorName }) : t("form.visitorHint")}
          </p>
          {error("visitorId")}
        </div>
      </fieldset>

      <fieldset className="card stack" aria-describedby={a11y("category")["aria-describedby"]}>
        <legend>
          <strong>{t("form.category")}</strong>
        </legend>
        {INCIDENT_CATEGORIES.map((c) => (
          <label key={c} className="checkbox">
            <input type="radio" name="category" value={c} data-testid={`incident-category-${c}`} />
            <span>
              {t(`categories.${c}`)} <span className="muted">— {t(`categoryHints.${c}`)}</span>
            </span>
          </label>
        ))}
        {error("category")}
      </fieldset>

      <fieldset className="card stack">
        <legend>
          <strong>{t("detail.what")}</strong>
        </legend>
        <div className="field">
          <label htmlFor="incident-description">{t("form.description")}</label>
          <p className="muted" id="incident-description-hint" style={{ margin: 0 }}>
            {t("form.descriptionHint")}
          </p>
          <textarea {...a11y("description", true)} name="description" rows={6} maxLength={4000} />
          {error("description")}
        </div>
        <label className="checkbox">
          <input type="checkbox" name="endedEarly" data-testid="incident-endedEarly" />
          <span>{t("form.endedEarly")}</span>
        </label>
        <label className="checkbox">
          <input type="checkbox" name="acuteDanger" data-testid="incident-acuteDanger" />
          <span>{t("form.acuteDanger")}</span>
        </label>
      </fieldset>
      <div>
        <SubmitButton pending={pending}>{t("form.submit")}</SubmitButton>
      </div>
    </form>
  );
}
