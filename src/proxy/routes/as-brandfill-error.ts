import { BrandfillError } from "../../core/api/api-error.js";

/** Anything thrown becomes a BrandfillError; unknown errors get a generic sentence, never their text. */
export function asBrandfillError(error: unknown): BrandfillError {
  if (error instanceof BrandfillError) return error;
  return new BrandfillError("provider_error", "Something went wrong in the proxy while making the image. Try again.", { cause: error, retryable: true });
}
