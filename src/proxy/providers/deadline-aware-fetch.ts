import { AsyncLocalStorage } from "node:async_hooks";
import { retryAfterSeconds } from "./provider-error.js";
import { openAiAccountProblem } from "./openai-account-problem.js";

/** Statuses the OpenAI SDK retries on its own (`client.ts` `shouldRetry`: 408, 409, 429, ≥ 500). */
function isRetried(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/**
 * The deadline of the request being served (ms since the epoch, `Date.now()` clock), for the
 * fetch the SDK calls. It travels with the async context instead of through a per-request copy
 * of the SDK client: `client.withOptions` builds a whole client (every resource object) per
 * request, a measurable part of the proxy's own overhead (`npm run bench -- proxy`).
 */
export const requestDeadline = new AsyncLocalStorage<number>();

/**
 * Wraps `fetch` for the OpenAI SDK so that its own retries stay inside one request's deadline.
 * The SDK waits as long as `retry-after-ms` / `retry-after` asks (up to 60 s) before retrying
 * (PROVIDERS-VERIFIED.md, correction 3); when that wait would end after the deadline of the
 * request being served (`requestDeadline.run(deadlineAt, …)`), the answer is marked
 * `x-should-retry: false` — the SDK's documented override (`client.ts` `shouldRetry`) — so the
 * SDK gives up at once and the designer reads "rate limited, try again in N s" now, instead of
 * a timeout when the deadline cuts the wait short. Outside `requestDeadline.run` it changes nothing.
 *
 * @param inner the fetch to call (default the global one).
 */
export function deadlineAwareFetch(inner: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const response = await inner(input, init);
    if (!isRetried(response.status) || response.headers.get("x-should-retry") !== null) return response;
    // A 429 for an account out of credit is not a rate limit: the SDK would retry it twice.
    if (response.status === 429 && (await isAccountProblemAsync(response))) return noRetry(response, response.body);
    const deadlineAt = requestDeadline.getStore();
    const waitS = retryAfterSeconds(response.headers);
    if (deadlineAt === undefined || waitS === undefined || Date.now() + waitS * 1000 < deadlineAt) return response;
    return noRetry(response, response.body);
  };
}

/** The same answer marked `x-should-retry: false`, the SDK's documented "do not retry" (`client.ts` `shouldRetry`). */
function noRetry(response: Response, body: ReadableStream<Uint8Array> | null): Response {
  const headers = new Headers(response.headers);
  headers.set("x-should-retry", "false");
  return new Response(body, { status: response.status, statusText: response.statusText, headers });
}

/** Whether a 429's JSON body names an account problem (`openAiAccountProblem`); reads a clone, so the SDK still reads the body. */
async function isAccountProblemAsync(response: Response): Promise<boolean> {
  if (!(response.headers.get("content-type") ?? "").includes("json")) return false;
  try {
    const json = (await response.clone().json()) as { error?: { code?: string | null; type?: string; message?: string } };
    return openAiAccountProblem(429, json.error) !== null;
  } catch {
    return false;
  }
}
