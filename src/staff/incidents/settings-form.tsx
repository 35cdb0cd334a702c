"use client";
// A location's incident settings: the safety officer, the wijkagent, other contacts (shared with
// the alarm settings) and the days before the second aftercare question.
import { useTranslations } from "next-intl";
import type { IncidentSettings } from "@/src/domain/incidents/incident-settings";
import { saveIncidentSettingsAction } from "@/src/staff/incidents/actions";
import { FieldError, FormMessage, fieldA11y, SubmitButton, useFormAction } from "@/src/ui/form-kit";

const FIELDS = ["safetyOfficerId", "neighbourhoodOfficer", "emergencyContacts", "aftercareFollowUpDays"] as const;

export function IncidentSettingsForm({
  locationId,
  values,
  staff,
}: {
  locationId: string;
  values: IncidentSettings;
  staff: { id: string; name: string }[];
}) {
  const t = useTranslations("incidents");
  const { state, formAction, pending, onSubmit } = useFormAction(saveIncidentSettingsAction);
  const a11y = (name: string) => fieldA11y(`incident-settings-${name}`, state, name);
  const error = (name: string) => (
    <FieldError id={`incident-settings-${name}`} result={state} field={name} namespace="incidents.errors" />
  );
  return (
    <form
      className="card stack"
      action={formAction}
      onSubmit={onSubmit}
      noValidate
      data-testid="incident-settings-form"
    >
      <FormMessage
        testId="incident-settings"
        result={state}
        fields={FIELDS}
        namespace="incidents.errors"
        success={t("saved")}
      />
      <input type="hidden" name="locationId" value={locationId} />
      <div className="field">
        <label htmlFor="incident-settings-safetyOfficerId">{t("settings.safetyOfficer")}</label>
        <select {...a11y("safetyOfficerId")} name="safetyOfficerId" defaultValue={values.safetyOfficerId ?? ""}>
          <option value="">{t("settings.noSafetyOfficer")}</option>
          {staff.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
        {error("safetyOfficerId")}
      </div>
      <div className="field">
        <label htmlFor="incident-settings-neighbourhoodOfficer">{t("settings.neighbourhoodOfficer")}</label>
        <input
          {...a11y("neighbourhoodOfficer")}
          name="neighbourhoodOfficer"
          type="text"
          maxLength={1000}
          defaultValue={values.neighbourhoodOfficer}
        />
        {error("neighbourhoodOfficer")}
      </div>
      <div className="field">
        <label htmlFor="incident-settings-emergencyContacts">{t("settings.emergencyContacts")}</label>
        <textarea
          {...a11y("emergencyContacts")}
          name="emergencyContacts"
          rows={4}
          maxLength={1000}
          defaultValue={values.emergencyContacts}
        />
        {error("emergencyContacts")}
      </div>
      <div className="field">
        <label htmlFor="incident-settings-aftercareFollowUpDays">{t("settings.aftercareFollowUpDays")}</label>
        <input
          {...a11y("aftercareFollowUpDays")}
          name="aftercareFollowUpDays"
          type="number"
          min={1}
          max={13}
          defaultValue={values.aftercareFollowUpDays}
        />
        {error("aftercareFollowUpDays")}
      </div>
      <div>
        <SubmitButton pending={pending}>{t("settings.save")}</SubmitButton>
      </div>
    </form>
  );
}
