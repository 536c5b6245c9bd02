import { BrandfillError } from "../../core/api/api-error.js";

/** Provider names as a designer reads them. */
export const PROVIDER_NAMES = { openai: "OpenAI", gemini: "Google Gemini", offline: "the offline model" } as const;

/** Longest provider message passed on to a designer (characters). */
const MAX_PROVIDER_MESSAGE = 300;

/**
 * Cleans a provider's own error message before a designer sees it: anything that looks like
 * an API key or bearer token is removed, base64 runs are cut, and the length is capped.
 */
export function sanitizeProviderMessage(message: unknown): string {
  const text = typeof message === "string" ? message : "";
  return text
    .replace(/(sk|rk|pk)-[A-Za-z0-9_-]{8,}/g, "[key]")
    .replace(/AIza[0-9A-Za-z_-]{20,}/g, "[key]")
    .replace(/Bearer\s+[A-Za-z0-9._~+/-]+=*/gi, "Bearer [token]")
    .replace(/[A-Za-z0-9+/]{200,}={0,2}/g, "[data]")
    .slice(0, MAX_PROVIDER_MESSAGE)
    .trim();
}

/** Seconds from `retry-after` (seconds or HTTP date) or `retry-after-ms`; undefined when absent. */
export function retryAfterSeconds(headers: { get(name: string): string | null } | undefined): number | undefined {
  if (!headers) return undefined;
  const ms = Number(headers.get("retry-after-ms"));
  if (Number.isFinite(ms) && ms > 0) return Math.ceil(ms / 1000);
  const raw = headers.get("retry-after");
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(raw);
  return Number.isFinite(date) ? Math.max(0, Math.ceil((date - Date.now()) / 1000)) : undefined;
}

/** Why a provider account cannot make images at all, whatever the request: retrying does not help. */
export type AccountProblem = "no-credit" | "billing-disabled" | "quota-used" | "model-access";

/**
 * The error for a provider account that cannot make this image until someone changes the account:
 * `quota_exhausted` (402) or `model_access_denied` (403), never retryable, with a sentence that
 * names the provider and says who can fix it (the contract in /work/brief.md; the panel shows it
 * without "Try again").
 * @param model the model's id or label as the designer chose it, named in `model-access` sentences.
 */
export function accountError(provider: "openai" | "gemini", problem: AccountProblem, cause: unknown, model?: string): BrandfillError {
  const name = PROVIDER_NAMES[provider];
  const fixer = "Whoever runs your team's proxy can fix this";
  const meanwhile = "; the offline model still works meanwhile.";
  const opts = { provider, cause, retryable: false };
  switch (problem) {
    case "no-credit":
      return new BrandfillError(
        "quota_exhausted",
        `${name} says the account behind this proxy has no credit left (or has reached its billing limit), so no image was made. ${fixer} in ${name}'s billing settings${meanwhile}`,
        opts,
      );
    case "billing-disabled":
      return new BrandfillError(
        "quota_exhausted",
        `${name} says billing is not enabled for the project behind this proxy, so no image was made. ${fixer} by enabling billing for that project${meanwhile}`,
        opts,
      );
    case "quota-used":
      return new BrandfillError(
        "quota_exhausted",
        `${name} says the project behind this proxy has used up its quota for this model (a free-tier limit, or the day's quota), so trying again will not help. ${fixer} by enabling billing or raising the quota${meanwhile}`,
        opts,
      );
    case "model-access":
      return new BrandfillError(
        "model_access_denied",
        `${name} says the key behind this proxy has no access to ${model ?? "this model"} (the account may need to be verified, or the model enabled for its project). ${fixer} in ${name}'s account settings; choose another model meanwhile.`,
        opts,
      );
  }
}

/**
 * The errors every provider maps the same way, by HTTP status, so each provider file only
 * handles what is special to it (moderation codes, block reasons).
 */
export function errorForStatus(
  provider: "openai" | "gemini",
  status: number | undefined,
  providerMessage: string,
  retryAfterS: number | undefined,
  cause: unknown,
): BrandfillError {
  const name = PROVIDER_NAMES[provider];
  const detail = providerMessage ? ` ${name} said: “${providerMessage}”` : "";
  const opts = { provider, cause, ...(retryAfterS !== undefined ? { retryAfterS } : {}) };
  if (status === 401 || status === 403) {
    return new BrandfillError("provider_error", `${name} refused the proxy's API key. Ask whoever runs the proxy to check it.`, { ...opts, retryable: false });
  }
  if (status === 429) {
    return new BrandfillError(
      "rate_limited",
      `${name} is receiving too many requests right now.${retryAfterS ? ` Try again in ${retryAfterS} s.` : " Try again in a moment."}`,
      opts,
    );
  }
  if (status === 408 || status === 504) return new BrandfillError("timeout", `${name} took too long to answer. Nothing was placed.`, opts);
  if (status !== undefined && status >= 500) {
    return new BrandfillError("provider_unavailable", `${name} is having trouble right now (error ${status}). Try again in a moment.`, opts);
  }
  if (status !== undefined && status >= 400) {
    return new BrandfillError("provider_error", `${name} could not make this image.${detail}`, { ...opts, retryable: false });
  }
  return new BrandfillError("provider_unavailable", `Could not reach ${name}. Check the proxy's network and try again.`, opts);
}

/**
 * Turns an abort into the right error: `timeout` when the request's deadline passed,
 * `cancelled` when the client went away or pressed Cancel.
 */
export function abortError(signal: AbortSignal, provider: string, cause?: unknown): BrandfillError {
  const reason = signal.reason as { name?: string } | undefined;
  if (reason?.name === "TimeoutError") {
    return new BrandfillError("timeout", "The image service took too long to answer. Nothing was placed.", { provider, cause });
  }
  return new BrandfillError("cancelled", "The request was cancelled.", { provider, cause, retryable: false });
}
