import { describe, expect, it } from "vitest";
import { createProxyClient, ProxyError } from "../../src/jobs/proxy-client.js";
import { expectPngOf, image } from "./provider-fixtures.js";
import { postImagesStreamAsync, useProviderProxy } from "./provider-harness.js";

// `Accept: text/event-stream` on POST /v1/images: OpenAI partial previews are relayed as
// `partial` events, then each final `image`, then `done`; errors as `error` events.

const proxy = useProviderProxy();

const OPENAI = { model: "gpt-image-2", prompt: "a lighthouse at dusk", width: 816, height: 816, quality: "low" as const };
const GEMINI = { model: "gemini-3-pro-image", prompt: "a lighthouse at dusk", width: 400, height: 400 };

describe("openai streaming", () => {
  it("relays partial previews, then the image, then done", async () => {
    const { status, events } = await postImagesStreamAsync(proxy, OPENAI);
    expect(status).toBe(200);
    expect(proxy.openai.requests[0]!.json).toMatchObject({ stream: true, partial_images: 2, n: 1 });
    expect(events.map((e) => [e.event, e.data.index])).toEqual([
      ["partial", 0],
      ["partial", 0],
      ["image", 0],
      ["done", undefined],
    ]);
    const [p0, p1, final, done] = events as [(typeof events)[0], (typeof events)[0], (typeof events)[0], (typeof events)[0]];
    expectPngOf(p0.data.data, 816, 816);
    expectPngOf(p1.data.data, 816, 816);
    // Two different previews, and a final image that is neither.
    expect(new Set([p0.data.data, p1.data.data, final.data.data]).size).toBe(3);
    expect(final.data).toMatchObject({ mimeType: "image/png", width: 816, height: 816 });
    expectPngOf(final.data.data, 816, 816);
    expect(done.data).toMatchObject({ model: "gpt-image-2", provider: "openai", watermark: "c2pa", providerRequest: { size: "816x816", stream: true } });
    expect(done.data.usage.output_tokens).toBeGreaterThan(0);
    expect(done.data.costUsd).toBe(0.006);
  });

  it("streams an edit as multipart with stream and partial_images fields", async () => {
    const { events } = await postImagesStreamAsync(proxy, { ...OPENAI, prompt: "make it night", image });
    const form = proxy.openai.requests[0]!.form!;
    expect(form.fields).toMatchObject({ stream: "true", partial_images: "2" });
    expect(form.files.map((f) => [f.name, f.type])).toEqual([["image", "image/png"]]);
    expect(events.map((e) => e.event)).toEqual(["partial", "partial", "image", "done"]);
  });

  it("relays the previews that came before a stream error, then an error event and no done", async () => {
    proxy.openai.enqueue({ streamError: { afterPartials: 1 } });
    const { events } = await postImagesStreamAsync(proxy, OPENAI);
    expect(events.map((e) => e.event)).toEqual(["partial", "error"]);
    expect(events[1]!.data).toMatchObject({ code: "provider_unavailable", retryable: true, provider: "openai" });
    expect(events[1]!.data.message).toMatch(/OpenAI stopped while making the image/);
    expect(events[1]!.data.index).toBeUndefined();
  });

  it("sends an error event for a request refused before streaming began", async () => {
    proxy.openai.enqueue("moderationBlocked");
    const { status, events } = await postImagesStreamAsync(proxy, OPENAI);
    expect(status).toBe(200);
    expect(events).toEqual([{ event: "error", data: expect.objectContaining({ code: "content_blocked", retryable: false }) }]);
  });
});

describe("gemini streaming", () => {
  it("sends one image event per variant and done with the cost of those images", async () => {
    const { events } = await postImagesStreamAsync(proxy, { ...GEMINI, n: 2 });
    expect(events.map((e) => e.event)).toEqual(["image", "image", "done"]);
    expect(new Set(events.slice(0, 2).map((e) => e.data.index))).toEqual(new Set([0, 1]));
    for (const event of events.slice(0, 2)) expectPngOf(event.data.data, event.data.width, event.data.height);
    expect(events[2]!.data).toMatchObject({ provider: "gemini", watermark: "synthid", costUsd: 0.268, providerRequest: { aspectRatio: "1:1", imageSize: "1K", n: 2 } });
  });
});

describe("the panel's proxy client on the event stream", () => {
  const client = () => createProxyClient(proxy.url);

  it("hands partial previews and the image to its callbacks and resolves with the response", async () => {
    const partials: string[] = [];
    const finals: number[] = [];
    const response = await client().generateAsync(OPENAI, { onPartial: (_i, data) => partials.push(data), onImage: (i) => finals.push(i) });
    expect(partials).toHaveLength(2);
    for (const data of partials) expectPngOf(data, 816, 816);
    expect(finals).toEqual([0]);
    expect(response.images).toHaveLength(1);
    expect(response.images[0]).toMatchObject({ mimeType: "image/png", width: 816, height: 816 });
    expect(response).toMatchObject({ model: "gpt-image-2", provider: "openai", costUsd: 0.006 });
    expect(response.failures).toBeUndefined();
  });

  it("collects the failed variant beside the images that came back", async () => {
    proxy.gemini.enqueue("ok", { finishReason: "NO_IMAGE" }, "ok");
    const indices: number[] = [];
    const response = await client().generateAsync({ ...GEMINI, n: 3 }, { onImage: (i) => indices.push(i) });
    expect(response.images).toHaveLength(2);
    expect(response.failures).toHaveLength(1);
    expect(response.failures![0]).toMatchObject({ code: "content_blocked", message: expect.stringMatching(/NO_IMAGE/) });
    expect(new Set([...indices, response.failures![0]!.index])).toEqual(new Set([0, 1, 2]));
  });

  it("throws the proxy's error when the stream ends in one", async () => {
    proxy.openai.enqueue({ streamError: { afterPartials: 0 } });
    const error = await client()
      .generateAsync(OPENAI, { onPartial: () => undefined })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProxyError);
    expect(error).toMatchObject({ code: "provider_unavailable", retryable: true });
  });
});
