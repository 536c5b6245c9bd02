// valibot (imported as a namespace, tree-shaken): the panel bundles this schema and must stay small.
import * as v from "valibot";
import { FiniteNumber } from "../schema/finite-number.js";

/** Error codes of the proxy's HTTP API, with their HTTP status (ARCHITECTURE.md, "ui ⇄ proxy"). */
export const API_ERROR_STATUS = {
  invalid_request: 400,
  unauthorized: 401,
  /** The provider account has no credit left, its billing is disabled or its quota is used up: no retry helps. */
  quota_exhausted: 402,
  /** The proxy's key has no access to that model (or its organisation must be verified first). */
  model_access_denied: 403,
  payload_too_large: 413,
  content_blocked: 422,
  rate_limited: 429,
  budget_exceeded: 429,
  cancelled: 499,
  provider_error: 502,
  provider_unavailable: 503,
  timeout: 504,
} as const;
export type ApiErrorCode = keyof typeof API_ERROR_STATUS;

/** The error body every non-2xx answer carries. `message` is written for a designer. */
export const ApiErrorBody = v.object({
  error: v.object({
    code: v.string(),
    message: v.string(),
    retryable: v.boolean(),
    provider: v.optional(v.string()),
    retryAfterS: v.optional(FiniteNumber),
  }),
});
export type ApiErrorBody = v.InferOutput<typeof ApiErrorBody>;

/**
 * An error meant for a person: a `code` from the API's list and a sentence that never holds a
 * key, a stack trace or image data. Thrown by providers and routes, turned into the JSON body
 * above by the proxy, and shown as-is by the panel.
 */
export class BrandfillError extends Error {
  readonly code: ApiErrorCode;
  readonly retryable: boolean;
  readonly provider: string | undefined;
  readonly retryAfterS: number | undefined;

  constructor(code: ApiErrorCode, message: string, options: { retryable?: boolean; provider?: string; retryAfterS?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "BrandfillError";
    this.code = code;
    this.retryable = options.retryable ?? (code === "rate_limited" || code === "provider_unavailable" || code === "timeout");
    this.provider = options.provider;
    this.retryAfterS = options.retryAfterS;
  }

  /** HTTP status for this error's code. */
  get status(): number {
    return API_ERROR_STATUS[this.code];
  }

  /** The JSON body sent to clients. */
  toBody(): ApiErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        retryable: this.retryable,
        ...(this.provider ? { provider: this.provider } : {}),
        ...(this.retryAfterS !== undefined ? { retryAfterS: this.retryAfterS } : {}),
      },
    };
  }
}
