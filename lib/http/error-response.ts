import { AppError, toAppError } from "../errors/app-error";
import { createLogger, describeError } from "../observability/logger";

const logger = createLogger();

/** The one JSON error shape of the API: { error: { code, message, fields? } } with a fitting status. */
export function errorResponse(error: unknown): Response {
  const appError = toAppError(error);
  if (appError.code === "internal_error" && !(error instanceof AppError)) logger.error("request failed", { error: describeError(error) });
  const headers: Record<string, string> = { "cache-control": "no-store" };
  if (appError.details.retryAfterSeconds !== undefined) headers["retry-after"] = String(appError.details.retryAfterSeconds);
  return Response.json({ error: appError.toBody() }, { status: appError.status, headers });
}
