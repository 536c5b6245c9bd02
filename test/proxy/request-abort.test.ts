import { describe, expect, it } from "vitest";
import { abortError } from "../../src/proxy/providers/provider-error.js";
import { requestAbort } from "../../src/proxy/request-abort.js";

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("requestAbort", () => {
  it("aborts with the client's reason when the client goes away, read as a cancellation", () => {
    const client = new AbortController();
    const abort = requestAbort(client.signal, 60_000);
    expect(abort.signal.aborted).toBe(false);
    const reason = new DOMException("gone", "AbortError");
    client.abort(reason);
    expect(abort.signal.aborted).toBe(true);
    expect(abort.signal.reason).toBe(reason);
    expect(abortError(abort.signal, "openai").code).toBe("cancelled");
    abort.release();
  });

  it("is aborted from the start when the client already went away", () => {
    const client = new AbortController();
    client.abort();
    expect(requestAbort(client.signal, 60_000).signal.aborted).toBe(true);
  });

  it("aborts with a TimeoutError when the deadline passes, read as a timeout", async () => {
    const abort = requestAbort(new AbortController().signal, 20);
    await wait(60);
    expect(abort.signal.aborted).toBe(true);
    expect((abort.signal.reason as DOMException).name).toBe("TimeoutError");
    expect(abortError(abort.signal, "gemini").code).toBe("timeout");
  });

  it("after release, neither the deadline nor the client aborts it", async () => {
    const client = new AbortController();
    const abort = requestAbort(client.signal, 20);
    abort.release();
    await wait(60);
    client.abort();
    expect(abort.signal.aborted).toBe(false);
  });
});
