// Runs in the plugin iframe (and in Node tests): turns a generate into an edit of a chosen draft.
import { encodeBase64 } from "../core/encoding/base64.js";
import { composeFinishPrompt } from "../core/prompt/compose-finish-prompt.js";
import type { ProxyClient } from "./proxy-client.js";

/**
 * A proxy client whose `generateAsync` sends every request as an edit of `draftPng` (the
 * proxy's `image` field, ARCHITECTURE.md "ui ⇄ proxy") with the finish instruction added to
 * the prompt (`composeFinishPrompt`). Lets "Explore → Finish" reuse the whole Fill job (prompt composition, fitting to
 * the frame's pixels, palette lock) unchanged.
 *
 * @param draftPng PNG bytes of the draft (any size; the proxy sends it to the edit endpoint).
 */
export function withDraftImage(proxy: ProxyClient, draftPng: Uint8Array): ProxyClient {
  const image = { data: encodeBase64(draftPng), mimeType: "image/png" as const };
  return {
    baseUrl: proxy.baseUrl,
    healthAsync: (signal) => proxy.healthAsync(signal),
    modelsAsync: (signal) => proxy.modelsAsync(signal),
    generateAsync: (request, callbacks) => proxy.generateAsync({ ...request, image, prompt: composeFinishPrompt(request.prompt) }, callbacks),
  };
}
