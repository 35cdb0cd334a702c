// Server actions answer with a result object instead of throwing: forms show the message.
import { z } from "zod";
import { type AppErrorCode, isAppError } from "@/src/domain/errors";
import { fieldErrorsOf } from "@/src/server/http";

export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | { ok: false; code: AppErrorCode | "INTERNAL"; fieldErrors?: Record<string, string[]> };

/** Runs an action body; AppErrors and validation errors become `{ ok: false, code }`. */
export async function runAction<T>(fn: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await fn() };
  } catch (err) {
    if (isAppError(err)) return { ok: false, code: err.code, fieldErrors: err.fieldErrors };
    if (err instanceof z.ZodError) return { ok: false, code: "VALIDATION", fieldErrors: fieldErrorsOf(err) };
    console.error("[action] unexpected error:", err);
    return { ok: false, code: "INTERNAL" };
  }
}
