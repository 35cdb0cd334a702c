// Route-handler plumbing: bounded JSON bodies, zod validation, permission checks and errors
// answered in the caller's language — never a stack trace, never a 500 for bad input.
import type { z } from "zod";
import { AppError, type AppErrorCode, httpStatusOf, isAppError } from "@/src/domain/errors";
import { errorMessage, requestLocale } from "@/src/i18n/error-message";

export const DEFAULT_MAX_BODY_BYTES = 16 * 1024;

/** Reads a JSON body of at most `maxBytes`, then validates it. */
export async function readJson<S extends z.ZodType>(
  req: Request,
  schema: S,
  maxBytes = DEFAULT_MAX_BODY_BYTES,
): Promise<z.infer<S>> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw new AppError("PAYLOAD_TOO_LARGE");
  const reader = req.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        throw new AppError("PAYLOAD_TOO_LARGE");
      }
      chunks.push(value);
    }
  }
  let json: unknown;
  try {
    json = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new AppError("BAD_JSON");
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new AppError("VALIDATION", "Invalid input", fieldErrorsOf(parsed.error));
  return parsed.data;
}

export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_";
    out[key] = [...(out[key] ?? []), issue.code];
  }
  return out;
}

export function errorResponse(
  req: Request,
  code: AppErrorCode | "INTERNAL",
  fieldErrors?: Record<string, string[]>,
): Response {
  const status = code === "INTERNAL" ? 500 : httpStatusOf[code];
  return Response.json({ ok: false, code, message: errorMessage(requestLocale(req), code), fieldErrors }, { status });
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * A state-changing request that a browser sent from another site is refused: browsers name the
 * page's origin in `Origin` (and `Sec-Fetch-Site`). Requests without them (hardware webhooks,
 * scripts) pass: they carry their own credentials, not a browser's cookies.
 */
export function isCrossSiteWrite(req: Request): boolean {
  if (SAFE_METHODS.has(req.method)) return false;
  if (req.headers.get("sec-fetch-site") === "cross-site") return true;
  const origin = req.headers.get("origin");
  if (!origin) return false;
  if (origin === "null") return true;
  const host = req.headers.get("x-forwarded-host")?.split(",")[0]?.trim() || req.headers.get("host");
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

/**
 * Wraps a route handler: a cross-site write is refused (403), AppErrors become their 4xx answer,
 * anything else a plain 500 (logged).
 */
export function handle<A extends unknown[]>(fn: (req: Request, ...rest: A) => Promise<Response>) {
  return async (req: Request, ...rest: A): Promise<Response> => {
    try {
      if (isCrossSiteWrite(req)) throw new AppError("FORBIDDEN");
      return await fn(req, ...rest);
    } catch (err) {
      if (isAppError(err)) return errorResponse(req, err.code, err.fieldErrors);
      console.error("[http] unexpected error:", err);
      return errorResponse(req, "INTERNAL");
    }
  };
}
