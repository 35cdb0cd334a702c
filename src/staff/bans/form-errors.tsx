"use client";
// Field errors and the general message of the ban forms, in the user's language. The submit and
// accessibility helpers come from the admin staff form kit.
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import type { ActionResult } from "@/src/server/action-result";
import { codesFor } from "@/src/staff/admin-staff/form-kit";

/** Zod reports a missing or blank field in several ways; the user reads one sentence. */
const REQUIRED = new Set(["invalid_type", "too_small", "required"]);

/** Translates a field error code: field-specific text first, then a general one for the code. */
export function useBanErrorText(values: Record<string, string | number> = {}) {
  const t = useTranslations("bans.errors");
  return (field: string, code: string): string => {
    const normalised = REQUIRED.has(code) ? "required" : code;
    if (t.has(`${field}.${normalised}`)) return t(`${field}.${normalised}`, values);
    if (t.has(`generic.${normalised}`)) return t(`generic.${normalised}`, values);
    return t("generic.invalid");
  };
}

export function BanFieldError({
  id,
  result,
  field,
  values,
}: {
  id: string;
  result: ActionResult<unknown> | null;
  field: string;
  values?: Record<string, string | number>;
}) {
  const text = useBanErrorText(values);
  const codes = [...new Set(codesFor(result, field))];
  if (!codes.length) return null;
  return (
    <p className="field-error" id={`${id}-error`} data-testid={`${id}-error`}>
      {[...new Set(codes.map((code) => text(field, code)))].join(" ")}
    </p>
  );
}

/** The form's general error (plus errors of fields the form does not show), or its success text. */
export function BanFormMessage({
  testId,
  result,
  fields,
  success,
}: {
  testId: string;
  result: ActionResult<unknown> | null;
  fields: readonly string[];
  success?: ReactNode;
}) {
  const tErrors = useTranslations("errors");
  const text = useBanErrorText();
  if (!result) return null;
  if (result.ok) {
    return success ? (
      <div className="alert alert-ok" role="status" data-testid={`${testId}-ok`}>
        {success}
      </div>
    ) : null;
  }
  const shown = (key: string) => fields.some((f) => key === f || key.startsWith(`${f}.`));
  const others = Object.entries(result.fieldErrors ?? {})
    .filter(([key]) => !shown(key))
    .flatMap(([key, codes]) => codes.map((code) => text(key.split(".")[0], code)));
  return (
    <div className="alert alert-error" role="alert" data-testid={`${testId}-error`}>
      {others.length ? others.join(" ") : tErrors(result.code)}
    </div>
  );
}
