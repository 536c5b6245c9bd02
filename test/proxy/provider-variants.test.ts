import { describe, expect, it } from "vitest";
import { expectPngOf } from "./provider-fixtures.js";
import { postImagesAsync, postImagesStreamAsync, useProviderProxy, type SseEvent } from "./provider-harness.js";

// Variants: OpenAI makes n images in one call; Gemini makes one per call, in parallel, and a
// variant that fails does not take the others down with it.

const proxy = useProviderProxy();

/** 816×816 is the smallest square gpt-image-2 makes: cheap for the emulator to paint 8 times. */
const SMALL_OPENAI = { model: "gpt-image-2", prompt: "eight takes on a lighthouse", width: 816, height: 816, quality: "low" };
/** 1K takes of Nano Banana Pro (a priced model, so billing per image returned is checked). */
const SMALL_GEMINI = { model: "gemini-3-pro-image", prompt: "four takes on a lighthouse", width: 400, height: 400 };

async function waitUntilAsync(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

describe("openai variants", () => {
  it("asks for all 8 in one call with n and returns 8 distinct pngs", async () => {
    const { status, json } = await postImagesAsync(proxy, { ...SMALL_OPENAI, n: 8 });
    expect(status).toBe(200);
    expect(proxy.openai.requests).toHaveLength(1);
    expect(proxy.openai.requests[0]!.json).toMatchObject({ n: 8, size: "816x816" });
    expect(json.images).toHaveLength(8);
    for (const image of json.images) expectPngOf(image.data, 816, 816);
    expect(new Set(json.images.map((i: { data: string }) => i.data)).size).toBe(8);
    expect(json.failures).toBeUndefined();
  });

  it("streams one image event per variant, indexed 0…n−1, then done", async () => {
    const { events } = await postImagesStreamAsync(proxy, { ...SMALL_OPENAI, n: 3 });
    expect(events.map((e) => [e.event, e.data.index])).toEqual([
      ["image", 0],
      ["image", 1],
      ["image", 2],
      ["done", undefined],
    ]);
  });
});

describe("gemini variants", () => {
  it("runs one call per variant, at most 4 at a time, and starts no more once the client cancels", async () => {
    proxy.gemini.setDefault({ hang: true });
    const controller = new AbortController();
    const request = postImagesAsync(proxy, { ...SMALL_GEMINI, n: 8 }, { signal: controller.signal }).catch((e: Error) => e);
    await waitUntilAsync(() => proxy.gemini.requests.length >= 4, "4 gemini calls");
    // Four hang; a fifth would only start when one of them finished.
    await new Promise((r) => setTimeout(r, 150));
    expect(proxy.gemini.requests).toHaveLength(4);
    const closedBefore = proxy.gemini.closedConnections;
    controller.abort();
    await proxy.gemini.waitForClosedConnectionsAsync(closedBefore + 4, 1000);
    expect(((await request) as Error).name).toBe("AbortError");
    await new Promise((r) => setTimeout(r, 50));
    expect(proxy.gemini.requests).toHaveLength(4);
  });

  it("returns the 3 variants that succeeded and says why the fourth did not", async () => {
    proxy.gemini.enqueue("ok", "ok", { finishReason: "IMAGE_SAFETY" }, "ok");
    const { status, json } = await postImagesAsync(proxy, { ...SMALL_GEMINI, n: 4 });
    expect(status).toBe(200);
    expect(proxy.gemini.requests).toHaveLength(4);
    expect(json.images).toHaveLength(3);
    for (const image of json.images) expectPngOf(image.data);
    expect(json.failures).toHaveLength(1);
    expect(json.failures[0]).toMatchObject({ code: "content_blocked", message: expect.stringMatching(/IMAGE_SAFETY/) });
    expect([0, 1, 2, 3]).toContain(json.failures[0].index);
    // Only the images that came back are counted and billed: 3 × $0.134 at 1K.
    expect(json.usage.images).toBe(3);
    expect(json.costUsd).toBe(0.402);
  });

  it("streams image events as variants finish and an error event with the index of the one that failed", async () => {
    proxy.gemini.enqueue("ok", { status: 400 }, "ok", "ok");
    const { status, events } = await postImagesStreamAsync(proxy, { ...SMALL_GEMINI, n: 4 });
    expect(status).toBe(200);
    const images = events.filter((e) => e.event === "image");
    const errors = events.filter((e) => e.event === "error");
    expect(images).toHaveLength(3);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.data).toMatchObject({ code: "provider_error", message: expect.stringMatching(/Google Gemini could not make this image/) });
    expect(new Set([...images, ...errors].map((e) => e.data.index))).toEqual(new Set([0, 1, 2, 3]));
    expect(events.at(-1)!.event).toBe("done");
    expect(events.at(-1)!.data).toMatchObject({ costUsd: 0.402, usage: { images: 3 } });
  });

  it("answers the designer's error when every variant fails", async () => {
    proxy.gemini.enqueue({ promptBlocked: "SAFETY" }, { promptBlocked: "SAFETY" });
    const { status, json } = await postImagesAsync(proxy, { ...SMALL_GEMINI, n: 2 });
    expect(status).toBe(422);
    expect(json.error).toMatchObject({ code: "content_blocked", provider: "gemini" });
  });
});

describe("gemini variants against the deadline", () => {
  // A short deadline so the hanging variant is cut quickly.
  const short = useProviderProxy({ env: { BRANDFILL_DEADLINE_S: "1.5" } });

  it("sends each image as soon as its variant is done, while another is still running", async () => {
    short.gemini.enqueue("ok", "ok", "ok", { hang: true });
    const closedBefore = short.gemini.closedConnections;
    const seen: SseEvent[] = [];
    let stillHangingAtThirdImage: boolean | undefined;
    // 512 px drafts (Nano Banana Lite), so three images surely finish well inside the deadline.
    const { events } = await postImagesStreamAsync(short, { ...SMALL_GEMINI, model: "gemini-3.1-flash-lite-image", n: 4 }, (event) => {
      seen.push(event);
      if (event.event === "image" && seen.filter((e) => e.event === "image").length === 3) {
        // Had the proxy held images back until every variant ended, the hanging call would have
        // been cut by the deadline before this event could arrive.
        stillHangingAtThirdImage = short.gemini.closedConnections === closedBefore;
      }
    });
    expect(stillHangingAtThirdImage).toBe(true);
    expect(events.map((e) => e.event)).toEqual(["image", "image", "image", "error", "done"]);
    expect(events[3]!.data).toMatchObject({ code: "timeout" });
    expect(new Set(events.slice(0, 4).map((e) => e.data.index))).toEqual(new Set([0, 1, 2, 3]));
    // The deadline aborted the hanging call: the emulator saw its connection close.
    await short.gemini.waitForClosedConnectionsAsync(closedBefore + 1, 1000);
  });
});
