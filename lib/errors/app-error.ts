/** One error type for the whole app; mapped to HTTP statuses and socket acks at the edges. */
const errorCodes = {
  validation_error: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  /** Another business has (or had) this slug. */
  slug_taken: 409,
  /** Another account has this email. */
  email_taken: 409,
  /** The invited email is already a member of the business. */
  already_member: 409,
  /** The change would leave a business without an owner. */
  last_owner: 409,
  /** Sending email is not configured (SMTP_URL). */
  email_unavailable: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal_error: 500,
  unavailable: 503,
  /** The dashboard assistant could not answer (its model failed or timed out, or the figures could not be read). */
  assistant_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorCodes;

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  fields?: Record<string, string[]>;
  /** With rate_limited: when to try again (HTTP also sends it as Retry-After; a socket ack has only the body). */
  retry_after_seconds?: number;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: { fields?: Record<string, string[]>; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return errorCodes[this.code];
  }

  toBody(): ErrorBody {
    return {
      code: this.code,
      message: this.message,
      ...(this.details.fields ? { fields: this.details.fields } : {}),
      ...(this.details.retryAfterSeconds !== undefined ? { retry_after_seconds: this.details.retryAfterSeconds } : {}),
    };
  }
}

/** Anything thrown that is not an AppError becomes a generic internal error (no internals leak). */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  return new AppError("internal_error", "Something went wrong on our side.");
}

export const notFound = (what = "Resource") => new AppError("not_found", `${what} not found.`);
