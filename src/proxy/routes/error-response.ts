import type { Context } from "hono";
import type { BrandfillError } from "../../core/api/api-error.js";

/**
 * The JSON error answer `{ error: { code, message, retryable, provider?, retryAfterS? } }` for `error`,
 * with `Retry-After` (seconds) when the error carries one. `status` defaults to the error's own HTTP status.
 */
export function errorResponse(c: Context, error: BrandfillError, status: number = error.status) {
  if (error.retryAfterS !== undefined) c.header("Retry-After", String(error.retryAfterS));
  return c.json(error.toBody(), status as 400);
}
