import { describe, expect, it } from "vitest";
import type { GeminiEmulator, OpenAiEmulator } from "../emulators/index.js";
import { postImagesAsync, postImagesStreamAsync, useProviderProxy } from "./provider-harness.js";

// One deadline per request (BRANDFILL_DEADLINE_S), and cancellation: when the client goes away,
// the provider call is aborted and the provider sees its connection close.

const proxy = useProviderProxy({ env: { BRANDFILL_DEADLINE_S: "1" } });

const OPENAI = { model: "gpt-image-2", prompt: "a lighthouse", width: 1024, height: 1024, quality: "low" };
const GEMINI = { model: "gemini-3.1-flash-lite-image", prompt: "a lighthouse", width: 400, height: 400 };

const cases = [
  ["openai", OPENAI, () => proxy.openai],
  ["gemini", GEMINI, () => proxy.gemini],
] as const satisfies readonly (readonly [string, object, () => OpenAiEmulator | GeminiEmulator])[];

async function untilRequestArrivesAsync(emulator: { requests: unknown[] }): Promise<void> {
  for (let i = 0; i < 500 && emulator.requests.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
  if (emulator.requests.length === 0) throw new Error("the provider call never arrived");
}

describe.each(cases)("%s", (name, body, emulator) => {
  it("answers 504 timeout when the provider hangs past the deadline, and closes the provider call", async () => {
    emulator().enqueue({ hang: true });
    const closed = emulator().closedConnections;
    const { status, json } = await postImagesAsync(proxy, body);
    expect(status).toBe(504);
    expect(json.error).toMatchObject({ code: "timeout", retryable: true, provider: name });
    expect(json.error.message).toMatch(/took too long/);
    await emulator().waitForClosedConnectionsAsync(closed + 1, 1000);
    // The deadline covers retries too: a timed-out call is not tried again.
    expect(emulator().requests).toHaveLength(1);
  });

  it("aborts the provider call within 200 ms when the client disconnects", async () => {
    emulator().enqueue({ hang: true });
    const closed = emulator().closedConnections;
    const controller = new AbortController();
    const request = postImagesAsync(proxy, body, { signal: controller.signal }).catch((e: Error) => e);
    await untilRequestArrivesAsync(emulator());
    controller.abort();
    await emulator().waitForClosedConnectionsAsync(closed + 1, 200);
    expect(((await request) as Error).name).toBe("AbortError");
    expect(emulator().requests).toHaveLength(1);
  });

  it("aborts the provider call within 200 ms when an event-stream client disconnects", async () => {
    emulator().enqueue({ hang: true });
    const closed = emulator().closedConnections;
    const controller = new AbortController();
    const request = postImagesStreamAsync(proxy, body, undefined, controller.signal).catch((e: Error) => e);
    await untilRequestArrivesAsync(emulator());
    controller.abort();
    await emulator().waitForClosedConnectionsAsync(closed + 1, 200);
    expect(((await request) as Error).name).toBe("AbortError");
    expect(emulator().requests).toHaveLength(1);
  });
});

describe("a stream cancelled after its first image", () => {
  it("aborts the variants still running within 200 ms", async () => {
    proxy.gemini.enqueue("ok", { hang: true }, { hang: true });
    const closed = proxy.gemini.closedConnections;
    const controller = new AbortController();
    const outcome = await postImagesStreamAsync(
      proxy,
      { ...GEMINI, n: 3 },
      (event) => {
        if (event.event === "image") controller.abort();
      },
      controller.signal,
    ).catch((e: Error) => e);
    expect((outcome as Error).name).toBe("AbortError");
    await proxy.gemini.waitForClosedConnectionsAsync(closed + 2, 200);
    expect(proxy.gemini.requests).toHaveLength(3);
  });
});
