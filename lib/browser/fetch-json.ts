/**
 * The browser's one client for the app's HTTP API: JSON in, JSON out, and every failure (an error
 * answer or no answer at all) thrown as an ApiError. Universal, so it is unit-tested in Node.
 */
import { AppError, type ErrorBody } from "../errors/app-error";

/**
 * A failed API call: the answer's `{ error }` body as an AppError (so `fields` and
 * `retryAfterSeconds` read the same as anywhere else) with the HTTP status it came with.
 */
export class ApiError extends AppError {
  readonly #status: number;

  constructor(status: number, body: ErrorBody) {
    super(body.code, body.message, { fields: body.fields, retryAfterSeconds: body.retry_after_seconds });
    this.name = "ApiError";
    this.#status = status;
  }

  /** The answer's HTTP status; 0 when the server could not be reached. */
  override get status(): number {
    return this.#status;
  }
}

export interface JsonRequest {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as `Authorization: Bearer <token>` (a customer's chat token; staff ride on their cookie). */
  token?: string;
}

/** A staff API path of one business: `/api/v1/admin/<path>?company_id=<id>`. */
export const adminApiUrl = (path: string, companyId: string) => `/api/v1/admin/${path}?company_id=${encodeURIComponent(companyId)}`;

/** The `{ error }` of an answer that is not a 2xx, as an ErrorBody (a proxy's error page becomes a generic one). */
export function errorBody(payload: unknown, status: number): ErrorBody {
  const error = (payload as { error?: Partial<ErrorBody> } | null)?.error;
  return {
    // An answer that is not the API's (a proxy's error page) has no body to read.
    code: error?.code ?? "internal_error",
    message: error?.message ?? `The request failed (${status}).`,
    fields: error?.fields,
    retry_after_seconds: error?.retry_after_seconds,
  };
}

/** The parsed JSON answer of a 2xx; anything else throws ApiError. */
export async function fetchJson<T>(url: string, { method = "GET", body, token }: JsonRequest = {}): Promise<T> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  let response: Response;
  try {
    response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: "same-origin", cache: "no-store" });
  } catch {
    throw new ApiError(0, { code: "unavailable", message: "Could not reach the server. Check your connection and try again." });
  }
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, errorBody(payload, response.status));
  return payload as T;
}
