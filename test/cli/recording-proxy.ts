// Test helper: a proxy client that records every request body and can fail the first calls.
import type { ImagesRequest } from "../../src/core/api/images-request.js";
import { createInProcessProxy } from "../../src/cli/in-process-proxy.js";
import { ProxyError, type ProxyClient } from "../../src/jobs/proxy-client.js";

/** A recording client over the proxy's app in-process (offline unless `env` enables providers). */
export interface RecordingProxy extends ProxyClient {
  /** Every `POST /v1/images` body, in the order sent (copies). */
  readonly requests: ImagesRequest[];
  /** The next `count` calls fail with this error instead of reaching the proxy. */
  failNext(count: number, error: ProxyError): void;
}

export function recordingProxy(env: Record<string, string | undefined> = {}): RecordingProxy {
  const inner = createInProcessProxy(env).client;
  const requests: ImagesRequest[] = [];
  let failures: { count: number; error: ProxyError } | null = null;
  return {
    baseUrl: inner.baseUrl,
    healthAsync: (signal) => inner.healthAsync(signal),
    modelsAsync: (signal) => inner.modelsAsync(signal),
    async generateAsync(request, callbacks) {
      requests.push(structuredClone(request));
      if (failures && failures.count > 0) {
        failures.count--;
        throw failures.error;
      }
      return inner.generateAsync(request, callbacks);
    },
    requests,
    failNext(count, error) {
      failures = { count, error };
    },
  };
}

export { ProxyError };
