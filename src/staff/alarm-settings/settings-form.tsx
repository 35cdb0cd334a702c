"use client";
// A location's alarm settings: the two escalation steps (seconds), the emergency contacts shown to
// the desk when it must call 112, and the desk's phone number (the room tablets' fallback).
import { useTranslations } from "next-intl";
import { CALL_112_BOUNDS, ESCALATE_ALL_BOUNDS } from "@/src/domain/alarms/alarm-settings";
import { saveAlarmSettingsAction } from "@/src/staff/alarm-settings/actions";
import { codesFor, SubmitButton, useFormAction } from "@/src/ui/form-kit";

export interface AlarmSettingsValues {
  locationId: string;
  alarmEscalateAllSeconds: number;
  alarmCall112Seconds: number;
  emergencyContacts: string;
  deskPhone: string | null;
}

const FIELDS = ["alarmEscalateAllSeconds", "alarmCall112Seconds", "emergencyContacts", "deskPhone"] as const;
type Field = (typeof FIELDS)[number];

export function AlarmSettingsForm({ values }: { values: AlarmSettingsValues }) {
  const t = useTranslations("alarmAdmin.settings");
  const tErrors = useTranslations("errors");
  const { state, pending, onSubmit } = useFormAction(saveAlarmSettingsAction);
  const bounds = {
    escMin: ESCALATE_ALL_BOUNDS.min,
    escMax: ESCALATE_ALL_BOUNDS.max,
    callMin: CALL_112_BOUNDS.min,
    callMax: CALL_112_BOUNDS.max,
  };
  const errorText = (field: Field) => {
    const codes = [...new Set(codesFor(state, field))];
    return codes.map((c) => (t.has(`errors.${field}.${c}`) ? t(`errors.${field}.${c}`, bounds) : t("errors.invalid")));
  };
  const a11y = (field: Field) => {
    const invalid = errorText(field).length > 0;
    return {
      id: `alarm-${field}`,
      name: field,
      "aria-invalid": invalid || undefined,
      "aria-describedby": [`alarm-${field}-hint`, invalid ? `alarm-${field}-error` : null].filter(Boolean).join(" "),
    };
  };
  const fieldError = (field: Field) => {
    const texts = errorText(field);
    return texts.length ? (
      <p className="field-error" id={`alarm-${field}-error`} data-testid={`alarm-${field}-error`} style={{ margin: 0 }}>
        {texts.join(" ")}
      </p>
    ) : null;
  };
  const hint = (field: Field, text: string) => (
    <p className="muted" id={`alarm-${field}-hint`} style={{ margin: 0 }}>
      {text}
    </p>
  );
  const hasFieldErrors = FIELDS.some((f) => errorText(f).length > 0);

  return (
    <form onSubmit={onSubmit} className="card stack" noValidate data-testid="alarm-settings-form">
      <input type="hidden" name="locationId" value={values.locationId} />
      <div className="field">
        <label htmlFor="alarm-alarmEscalateAllSeconds">{t("escalateAll")}</label>
        <input
          type="number"
          inputMode="numeric"
          min={ESCALATE_ALL_BOUNDS.min}
          max={ESCALATE_ALL_BOUNDS.max}
          step={1}
          defaultValue={values.alarmEscalateAllSeconds}
          style={{ maxWidth: "10rem", minHeight: 44 }}
          {...a11y("alarmEscalateAllSeconds")}
        />
        {hint("alarmEscalateAllSeconds", t("escalateAllHint", bounds))}
        {fieldError("alarmEscalateAllSeconds")}
      </div>
      <div className="field">
        <label htmlFor="alarm-alarmCall112Seconds">{t("call112")}</label>
        <input
          type="number"
          inputMode="numeric"
          min={CALL_112_BOUNDS.min}
          max={CALL_112_BOUNDS.max}
          step={1}
          defaultValue={values.alarmCall112Seconds}
          style={{ maxWidth: "10rem", minHeight: 44 }}
          {...a11y("alarmCall112Seconds")}
        />
        {hint("alarmCall112Seconds", t("call112Hint", bounds))}
        {fieldError("alarmCall112Seconds")}
      </div>
      <div className="field">
        <label htmlFor="alarm-emergencyContacts">{t("contacts")}</label>
        <textarea rows={5} defaultValue={values.emergencyContacts} maxLength={2000} {...a11y("emergencyContacts")} />
        {hint("emergencyContacts", t("contactsHint"))}
        {fieldError("emergencyContacts")}
      </div>
      <div className="field">
        <label htmlFor="alarm-deskPhone">{t("deskPhone")}</label>
        <input
          type="tel"
          autoComplete="off"
          maxLength={30}
          defaultValue={values.deskPhone ?? ""}
          style={{ maxWidth: "16rem", minHeight: 44 }}
          {...a11y("deskPhone")}
        />
        {hint("deskPhone", t("deskPhoneHint"))}
        {fieldError("deskPhone")}
      </div>
      <div className="row">
        <SubmitButton pending={pending}>{t("save")}</SubmitButton>
      </div>
      {state && !state.ok && (
        <div className="alert alert-error" role="alert" data-testid="alarm-settings-error">
          {hasFieldErrors ? tErrors("VALIDATION") : tErrors(state.code)}
        </div>
      )}
      {state?.ok && (
        <div className="alert alert-ok" role="status" data-testid="alarm-settings-ok">
          {t("saved")}
        </div>
      )}
    </form>
  );
}
