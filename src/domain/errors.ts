/** The one error type domain code throws; its code decides the HTTP status and the message. */
export type AppErrorCode =
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "VALIDATION"
  | "CONFLICT"
  | "RATE_LIMITED"
  | "PAIRING_CODE_INVALID"
  | "DEVICE_REVOKED"
  | "PAYLOAD_TOO_LARGE"
  | "BAD_JSON"
  /** A visit action that its current state does not allow (e.g. picking up someone already gone). */
  | "VISIT_NOT_WAITING"
  | "VISIT_ENDED"
  /** A door release refused: another door of the sluis is released or open (data: the blocking doors). */
  | "DOOR_INTERLOCKED"
  /** An evacuation runs at the location: no check-ins (check-outs still work). */
  | "EVACUATION_IN_PROGRESS";

export const httpStatusOf: Record<AppErrorCode, number> = {
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  VALIDATION: 422,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  PAIRING_CODE_INVALID: 400,
  DEVICE_REVOKED: 401,
  PAYLOAD_TOO_LARGE: 413,
  BAD_JSON: 400,
  VISIT_NOT_WAITING: 409,
  VISIT_ENDED: 409,
  DOOR_INTERLOCKED: 409,
  EVACUATION_IN_PROGRESS: 423,
};

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message?: string,
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message ?? code);
    this.name = "AppError";
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
