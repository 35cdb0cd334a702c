// What server actions receive from a form. A caller can send anything to an action (its id is
// public), so the form is checked to be one before it is read: anything else is a validation
// error (4xx-like `{ ok: false, code: "VALIDATION" }`), never a crash.
import { AppError } from "@/src/domain/errors";

/** The argument as FormData, or a validation error. */
export function asForm(data: unknown): FormData {
  if (data instanceof FormData) return data;
  throw new AppError("VALIDATION", "Expected a form", { _: ["invalid_type"] });
}

/** FormData as a plain object: single fields as strings (absent: undefined), `arrays` as lists. */
export function formValues(data: unknown, arrays: readonly string[] = []): Record<string, unknown> {
  const formData = asForm(data);
  const out: Record<string, unknown> = {};
  for (const key of new Set(formData.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const all = formData.getAll(key).filter((v): v is string => typeof v === "string");
    out[key] = arrays.includes(key) ? all : all[0];
  }
  for (const key of arrays) out[key] ??= [];
  return out;
}
