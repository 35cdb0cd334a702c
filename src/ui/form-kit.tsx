"use client";
// Small pieces the staff forms share: submitting a server action without React's automatic
// form reset (so typed values survive an error), field errors in the user's language (from the
// form's own message namespace), and the form's general message.
import { useTranslations } from "next-intl";
import { type FormEvent, type ReactNode, startTransition, useActionState } from "react";
import type { ActionResult } from "@/src/server/action-result";

export type FormAction<T> = (prev: ActionResult<T> | null, formData: FormData) => Promise<ActionResult<T>>;

/** useActionState plus an onSubmit that dispatches the action in a transition (no form reset). */
export function useFormAction<T>(action: FormAction<T>) {
  const [state, formAction, pending] = useActionState<ActionResult<T> | null, FormData>(action, null);
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const submitter = (e.nativeEvent as SubmitEvent).submitter;
    const formData = new FormData(e.currentTarget, submitter);
    startTransition(() => formAction(formData));
  }
  return { state, formAction, pending, onSubmit };
}

/** The error codes for a field: its own key and nested ones (zod reports `locationIds.0`). */
export function codesFor(result: ActionResult<unknown> | null, field: string): string[] {
  if (!result || result.ok || !result.fieldErrors) return [];
  return Object.entries(result.fieldErrors)
    .filter(([key]) => key === field || key.startsWith(`${field}.`))
    .flatMap(([, codes]) => codes);
}

/** Zod reports a missing or blank field in several ways; with `blankIsRequired` the user reads one sentence. */
const BLANK_CODES = new Set(["invalid_type", "too_small", "required"]);

export interface ErrorTextOptions {
  /** Message namespace holding `<field>.<code>` and `generic.<code>` texts. */
  namespace?: "adminStaff.errors" | "bans.errors" | "appointments.errors" | "visitors.errors" | "incidents.errors";
  blankIsRequired?: boolean;
}

/** Translates a field error code: field-specific text first, then a general one for the code. */
export function useFieldErrorText(
  values: Record<string, string | number> = {},
  { namespace = "adminStaff.errors", blankIsRequired = false }: ErrorTextOptions = {},
) {
  const t = useTranslations(namespace);
  return (field: string, rawCode: string): string => {
    const code = blankIsRequired && BLANK_CODES.has(rawCode) ? "required" : rawCode;
    if (t.has(`${field}.${code}`)) return t(`${field}.${code}`, values);
    if (t.has(`generic.${code}`)) return t(`generic.${code}`, values);
    return t("generic.invalid");
  };
}

/** Props that tie an input to its hint and its error message. */
export function fieldA11y(id: string, result: ActionResult<unknown> | null, field: string, hasHint = false) {
  const invalid = codesFor(result, field).length > 0;
  const describedBy = [hasHint ? `${id}-hint` : null, invalid ? `${id}-error` : null].filter(Boolean).join(" ");
  return {
    id,
    "aria-invalid": invalid || undefined,
    "aria-describedby": describedBy || undefined,
  };
}

export function FieldError({
  id,
  result,
  field,
  values,
  ...options
}: {
  id: string;
  result: ActionResult<unknown> | null;
  field: string;
  values?: Record<string, string | number>;
} & ErrorTextOptions) {
  const text = useFieldErrorText(values, options);
  const codes = [...new Set(codesFor(result, field))];
  if (!codes.length) return null;
  return (
    <p className="field-error" id={`${id}-error`} data-testid={`${id}-error`} style={{ margin: 0 }}>
      {[...new Set(codes.map((code) => text(field, code)))].join(" ")}
    </p>
  );
}

/**
 * The form's general message: the error (plus field errors of fields this form does not show,
 * e.g. "you cannot deactivate yourself"), or the success text.
 */
export function FormMessage({
  testId,
  result,
  fields,
  success,
  ...options
}: {
  testId: string;
  result: ActionResult<unknown> | null;
  fields: readonly string[];
  success?: ReactNode;
} & ErrorTextOptions) {
  const tErrors = useTranslations("errors");
  const text = useFieldErrorText({}, options);
  if (!result) return null;
  if (result.ok) {
    if (!success) return null;
    return (
      <div className="alert alert-ok" role="status" data-testid={`${testId}-ok`}>
        {success}
      </div>
    );
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

export function SubmitButton({
  pending,
  children,
  className = "btn",
  name,
  value,
}: {
  pending: boolean;
  children: ReactNode;
  className?: string;
  name?: string;
  value?: string;
}) {
  return (
    <button
      className={className}
      type="submit"
      disabled={pending}
      aria-busy={pending || undefined}
      name={name}
      value={value}
    >
      {children}
    </button>
  );
}
