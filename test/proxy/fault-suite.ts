import { describe, expect, it } from "vitest";
import type { GeminiBehaviour, OpenAiBehaviour } from "../emulators/index.js";
import { findLeak, startGuardedProxyAsync, type GuardedProxy } from "./start-guarded-proxy.js";

/** A prompt that must never come back in an answer or a log line. */
export const PROMPT_MARKER = "confidential-campaign-prompt-7f3a";

/** One injected provider failure and what the proxy must answer. */
export interface FaultCase<B> {
  name: string;
  behaviour: B;
  status: number;
  code: string;
  message?: RegExp;
}

/**
 * Injects each failure into one emulator (as its default behaviour, so SDK retries meet it
 * too), each case on a proxy of its own, and checks that the request gets its typed error, that nothing secret leaks into the
 * answer or the log, and that the proxy keeps serving. Also over server-sent events.
 */
export function faultSuite<B extends OpenAiBehaviour | GeminiBehaviour>(
  provider: "openai" | "gemini",
  request: { model: string; width: number; height: number; quality?: string },
  cases: readonly FaultCase<B>[],
  streamed: readonly FaultCase<B>[],
): void {
  describe(`${provider} failures`, () => {
    const body = { ...request, prompt: PROMPT_MARKER };
    const checkQuiet = (text: string) => {
      expect(findLeak(text)).toBeNull();
      expect(text).not.toContain(PROMPT_MARKER);
    };
    /** A proxy of its own per case (cases run at once; SDK retry back-offs add up otherwise). */
    const withProxyAsync = async (fault: FaultCase<B>, run: (proxy: GuardedProxy) => Promise<void>) => {
      const hangs = typeof fault.behaviour === "object" && "hang" in fault.behaviour;
      const proxy = await startGuardedProxyAsync({ BRANDFILL_RATE_PER_MIN: "0", ...(hangs ? { BRANDFILL_DEADLINE_S: "2" } : {}) });
      const emulator = proxy[provider] as unknown as { setDefault(b: B | "ok"): void };
      try {
        emulator.setDefault(fault.behaviour);
        await run(proxy);
        // The same proxy makes images again once the provider is well.
        emulator.setDefault("ok");
        const after = await proxy.postAsync(body);
        expect(after.status).toBe(200);
        expect(((await after.json()) as any).images).toHaveLength(1);
      } finally {
        await proxy.close();
      }
    };

    it.concurrent.each(cases.map((c) => [c.name, c] as const))("answers %s with a typed error and keeps serving", async (_, fault) => {
      await withProxyAsync(fault, async (proxy) => {
        const response = await proxy.postAsync(body);
        const text = await response.text();
        expect(response.status).toBe(fault.status);
        const error = JSON.parse(text).error;
        expect(error.code).toBe(fault.code);
        if (fault.message) expect(error.message).toMatch(fault.message);
        checkQuiet(text);
        const id = response.headers.get("x-request-id");
        expect(proxy.logs.map((l) => JSON.parse(l)).find((l) => l.requestId === id)).toMatchObject({ status: fault.status, model: request.model });
        checkQuiet(proxy.logs.join("\n"));
        expect((await fetch(`${proxy.url}/v1/health`)).status).toBe(200);
      });
    });

    it.concurrent.each(streamed.map((c) => [c.name, c] as const))("streams %s as a typed error event and keeps serving", async (_, fault) => {
      await withProxyAsync(fault, async (proxy) => {
        const response = await proxy.postAsync(body, undefined, { headers: { accept: "text/event-stream" } });
        expect(response.status).toBe(200);
        const text = await response.text();
        const errors = [...text.matchAll(/event: error\ndata: (.*)\n/g)].map((m) => JSON.parse(m[1]!));
        expect(errors.length).toBeGreaterThan(0);
        expect(errors[0]).toMatchObject({ code: fault.code });
        expect(text).not.toMatch(/event: done/);
        checkQuiet(text.replace(/event: (partial|image)\ndata: .*\n/g, ""));
      });
    });
  });
}
