/**
 * The abort signal of one request's provider call: it aborts when the client goes away (the
 * incoming request's own signal, reason passed on) or when the request's deadline passes (reason
 * a `TimeoutError` DOMException, as `AbortSignal.timeout` gives; `abortError` tells the two apart
 * by that name). `release()` clears the timer and the listener once the provider call has
 * settled, so a finished request holds nothing.
 *
 * One controller and one timer instead of `AbortSignal.any([client, AbortSignal.timeout(ms)])`:
 * the composite signal registers with both sources and tracks them weakly for the rest of the
 * process, a measurable share of the proxy's own time per request (`npm run bench -- proxy`).
 *
 * @param client the incoming request's signal (`c.req.raw.signal`).
 * @param deadlineMs the whole request's deadline, retries included, in ms.
 */
export function requestAbort(client: AbortSignal, deadlineMs: number): { signal: AbortSignal; release: () => void } {
  const controller = new AbortController();
  const onClientAbort = () => controller.abort(client.reason);
  if (client.aborted) onClientAbort();
  else client.addEventListener("abort", onClientAbort, { once: true });
  const timer = setTimeout(() => controller.abort(new DOMException("The request's deadline passed.", "TimeoutError")), deadlineMs);
  // Like AbortSignal.timeout's own timer, it does not keep the process alive.
  timer.unref?.();
  return {
    signal: controller.signal,
    release() {
      clearTimeout(timer);
      client.removeEventListener("abort", onClientAbort);
    },
  };
}
