// Runs in the plugin iframe (and in Node tests): one pause shared by every size of a variants batch.

/** A shared back-off: when the provider says "too many requests", every size waits, not only the one told. */
export interface VariantsRateGate {
  /** Resolves once the gate is open (at once when it is); rejects with the signal's reason when aborted while waiting. */
  waitAsync(signal?: AbortSignal): Promise<void>;
  /** Closes the gate for `seconds` from now (never shortens a longer pause already running). */
  pause(seconds: number): void;
  /** Milliseconds until the gate opens, 0 when open. */
  remainingMs(): number;
}

/** Sleeps `ms` milliseconds; rejects with the signal's reason as soon as it is aborted. */
export function sleepAsync(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      },
      Math.max(0, ms),
    );
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * Creates a gate. Providers answer 429 per account, not per request, so one size's rate limit
 * holds back the whole pool for the `Retry-After` the provider gave (OpenAI and Gemini both send it:
 * docs/providers.md); sizes already waiting then go in together when it ends.
 * @param now clock in milliseconds (tests pass a fake one)
 */
export function createVariantsRateGate(now: () => number = () => Date.now()): VariantsRateGate {
  let openAt = 0;
  return {
    async waitAsync(signal) {
      for (let left = openAt - now(); left > 0; left = openAt - now()) await sleepAsync(left, signal);
      signal?.throwIfAborted();
    },
    pause(seconds) {
      openAt = Math.max(openAt, now() + Math.max(0, seconds) * 1000);
    },
    remainingMs() {
      return Math.max(0, openAt - now());
    },
  };
}
