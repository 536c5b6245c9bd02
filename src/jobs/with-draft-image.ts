// Runs in the plugin iframe (and in Node tests): turns a generate into an edit of a chosen draft.
import { encodeBase64 } from "../core/encoding/base64.js";
import type { ProxyClient } from "./proxy-client.js";

/**
 * Appended to the composed prompt when a quality model finishes a draft: the draft is the
 * `image` of an edit, and the model is told to keep what the designer chose it for.
 */
export const FINISH_INSTRUCTION =
  "The attached image is the chosen draft: keep its composition, layout, subject placement and colours, and refine it into a finished, detailed, high-quality image.";

/**
 * A proxy client whose `generateAsync` sends every request as an edit of `draftPng` (the
 * proxy's `image` field, ARCHITECTURE.md "ui ⇄ proxy") with {@link FINISH_INSTRUCTION} added to
 * the prompt. Lets "Explore → Finish" reuse the whole Fill job (prompt composition, fitting to
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
    generateAsync: (request, callbacks) => proxy.generateAsync({ ...request, image, prompt: `${request.prompt}\n\n${FINISH_INSTRUCTION}` }, callbacks),
  };
}
