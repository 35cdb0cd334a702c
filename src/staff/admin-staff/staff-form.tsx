"use client";
// Create or edit a staff member: name, e-mail, role, language, locations (and, when creating,
// the first password). Field errors show next to their field.
import { useTranslations } from "next-intl";
import { createStaffAction, updateStaffAction } from "@/src/staff/admin-staff/actions";
import { ROLES, STAFF_LOCALES } from "@/src/staff/admin-staff/options";
import { FieldError, FormMessage, fieldA11y, SubmitButton, useFormAction } from "@/src/ui/form-kit";

export interface StaffFormValues {
  id?: string;
  name: string;
  email: string;
  role: string;
  locale: string;
  locationIds: string[];
}

const EMPTY: StaffFormValues = { name: "", email: "", role: "STAFF", locale: "nl", locationIds: [] };

export function StaffForm({
  mode,
  initial = EMPTY,
  locations,
  minPasswordLength,
  isSelf = false,
  heading,
}: {
  mode: "create" | "edit";
  initial?: StaffFormValues;
  locations: { id: string; name: string }[];
  minPasswordLength: number;
  isSelf?: boolean;
  /** A heading inside the card (the edit page has several forms). */
  heading?: string;
}) {
  const t = useTranslations("adminStaff");
  const tRoles = useTranslations("staff.roles");
  const tLang = useTranslations("common.languages");
  const { state, formAction, pending, onSubmit } = useFormAction<unknown>(
    mode === "create" ? createStaffAction : updateStaffAction,
  );
  const min = { min: minPasswordLength };
  const fields = ["name", "email", "role", "locale", "locationIds", ...(mode === "create" ? ["password"] : [])];
  const locationsA11y = fieldA11y("staff-locations", state, "locationIds", true);

  return (
    <form
      className="card"
      action={formAction}
      onSubmit={onSubmit}
      noValidate
      aria-labelledby={heading ? "details-title" : undefined}
      data-testid="staff-form"
    >
      <div className="stack">
        {heading && (
          <h2 id="details-title" style={{ marginTop: 0 }}>
            {heading}
          </h2>
        )}
        <FormMessage testId="staff-form" result={state} fields={fields} success={t("edit.saved")} />

        <div className="field">
          <label htmlFor="staff-name">{t("fields.name")}</label>
          <input
            {...fieldA11y("staff-name", state, "name")}
            name="name"
            type="text"
            autoComplete="off"
            defaultValue={initial.name}
            required
            maxLength={200}
          />
          <FieldError id="staff-name" result={state} field="name" />
        </div>

        <div className="field">
          <label htmlFor="staff-email">{t("fields.email")}</label>
          <input
            {...fieldA11y("staff-email", state, "email")}
            name="email"
            type="email"
            autoComplete="off"
            defaultValue={initial.email}
            required
            maxLength={320}
          />
          <FieldError id="staff-email" result={state} field="email" />
        </div>

        <div className="field">
          <label htmlFor="staff-role">{t("fields.role")}</label>
          <select {...fieldA11y("staff-role", state, "role", isSelf)} name="role" defaultValue={initial.role}>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {tRoles(role)}
              </option>
            ))}
          </select>
          {isSelf && (
            <p className="muted" id="staff-role-hint" style={{ margin: 0 }}>
              {t("hints.ownRole")}
            </p>
          )}
          <FieldError id="staff-role" result={state} field="role" />
        </div>

        <div className="field">
          <label htmlFor="staff-locale">{t("fields.locale")}</label>
          <select {...fieldA11y("staff-locale", state, "locale")} name="locale" defaultValue={initial.locale}>
            {STAFF_LOCALES.map((l) => (
              <option key={l} value={l} lang={l}>
                {tLang(l)}
              </option>
            ))}
          </select>
          <FieldError id="staff-locale" result={state} field="locale" />
        </div>

        <fieldset
          className="field"
          style={{ border: 0, padding: 0, marginInline: 0, minWidth: 0 }}
          aria-describedby={locationsA11y["aria-describedby"]}
        >
          <legend style={{ fontWeight: 600, padding: 0 }}>{t("fields.locations")}</legend>
          <p className="muted" id="staff-locations-hint" style={{ margin: 0 }}>
            {t("hints.locations")}
          </p>
          {locations.length === 0 && <p>{t("noLocationsYet")}</p>}
          {locations.map((loc) => (
            <label key={loc.id} className="checkbox">
              <input
                type="checkbox"
                name="locationIds"
                value={loc.id}
                defaultChecked={initial.locationIds.includes(loc.id)}
              />
              {loc.name}
            </label>
          ))}
          <FieldError id="staff-locations" result={state} field="locationIds" />
        </fieldset>

        {mode === "create" && (
          <div className="field">
            <label htmlFor="staff-password">{t("fields.password")}</label>
            <input
              {...fieldA11y("staff-password", state, "password", true)}
              name="password"
              type="password"
              autoComplete="new-password"
              required
              minLength={minPasswordLength}
            />
            <p className="muted" id="staff-password-hint" style={{ margin: 0 }}>
              {t("hints.password", min)}
            </p>
            <FieldError id="staff-password" result={state} field="password" values={min} />
          </div>
        )}

        {initial.id && <input type="hidden" name="id" value={initial.id} />}
        <div className="row">
          <SubmitButton pending={pending}>
            {pending ? t("saving") : mode === "create" ? t("newForm.submit") : t("edit.submit")}
          </SubmitButton>
        </div>
      </div>
    </form>
  );
}
