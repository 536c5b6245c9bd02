import { ApiError, GoogleGenAI, type GenerateContentResponse, type Part } from "@google/genai";
import pLimit from "p-limit";
import { BrandfillError } from "../../core/api/api-error.js";
import { actualCostUsd } from "../../core/catalog/actual-cost.js";
import { maskBounds } from "../../core/inpaint/mask-bounds.js";
import { maskFromOpenAiMask } from "../../core/inpaint/mask-from-open-ai-mask.js";
import { describeRegion, describeSpan } from "../../core/prompt/describe-region.js";
import { sharpPngCodec } from "../sharp-png-codec.js";
import { checkProviderImageAsync } from "../check-provider-image.js";
import type { ImageBytes, ImageProvider, ProviderCall, ProviderImage, ProviderResult } from "./image-provider.js";
import { AsyncLocalStorage } from "node:async_hooks";
import { abortError, accountError, errorForStatus, retryAfterSeconds, sanitizeProviderMessage, type AccountProblem } from "./provider-error.js";

export interface GeminiProviderOptions {
  /** Gemini API key (Gemini API mode). */
  apiKey?: string;
  /** Default: the SDK's own (`GOOGLE_GEMINI_BASE_URL` / `GOOGLE_VERTEX_BASE_URL`, else Google's). */
  baseUrl?: string;
  /** Force an API version; the 3.x SDK defaults to `v1` for the Gemini API. */
  apiVersion?: string;
  /** Vertex AI (EU data residency with e.g. location `europe-west4`). */
  vertex?: { project: string; location: string; googleAuthOptions?: Record<string, unknown> };
  /** Parallel calls when a request asks for several variants (Gemini makes one image per call). */
  variantConcurrency?: number;
  /** Longest RetryInfo / Retry-After wait honoured before giving up on a 429, in ms. */
  maxRetryWaitMs?: number;
  /** The fetch the SDK uses (`httpOptions.fetch`; tests redirect Google's regional host to the emulator). */
  fetch?: typeof fetch;
}

/** Finish reasons that mean "no image because of a policy", and what the designer reads. */
const BLOCK_FINISH_REASONS = new Set(["SAFETY", "IMAGE_SAFETY", "PROHIBITED_CONTENT", "IMAGE_PROHIBITED_CONTENT", "BLOCKLIST", "SPII", "RECITATION", "IMAGE_RECITATION"]);

/**
 * Google Gemini image models ("Nano Banana") through `@google/genai`:
 * `models.generateContent` with `responseModalities: ['IMAGE']` and `imageConfig` (aspect
 * ratio, image size). Edits send the image and references as `inlineData` parts before the
 * instruction; Gemini has no mask parameter, so a mask is sent as a guide image and the
 * locality is enforced by brandfill's composite. One image per call: variants run as
 * parallel calls with bounded concurrency, each reported as it finishes; failed ones are
 * returned as failures beside the successes.
 *
 * Retries: the SDK retries 5xx/408 (`httpOptions.retryOptions`); 429s are retried here,
 * waiting as long as the answer's `RetryInfo.retryDelay` or `Retry-After` asks (the SDK's own
 * retry ignores them), within `maxRetryWaitMs` and the request's deadline.
 */
export function createGeminiProvider(options: GeminiProviderOptions): ImageProvider {
  const ai = new GoogleGenAI({
    ...(options.vertex
      ? {
          vertexai: true,
          project: options.vertex.project,
          location: options.vertex.location,
          ...(options.vertex.googleAuthOptions ? { googleAuthOptions: options.vertex.googleAuthOptions } : {}),
        }
      : options.apiKey !== undefined
        ? { apiKey: options.apiKey }
        : {}),
    ...(options.apiVersion ? { apiVersion: options.apiVersion } : {}),
    httpOptions: {
      ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
      // Every answer passes here so a 429's `Retry-After` header (which the SDK's ApiError drops) is kept.
      fetch: headerKeepingFetch(options.fetch ?? ((input, init) => fetch(input, init))),
      retryOptions: { attempts: 3, initialDelay: 0.5, maxDelay: 4, httpStatusCodes: [408, 500, 502, 503, 504] },
    },
  });
  const concurrency = options.variantConcurrency ?? 4;
  const maxRetryWaitMs = options.maxRetryWaitMs ?? 30_000;

  async function oneImageAsync(call: ProviderCall, index: number): Promise<{ image: ProviderImage; usage: Record<string, unknown> }> {
    const parts: Part[] = [];
    for (const input of call.image ? [call.image, ...call.references] : call.references) {
      parts.push({ inlineData: { mimeType: input.type, data: Buffer.from(input.bytes).toString("base64") } });
    }
    // The mask guide counts as an input image: at the model's limit it is left out, the
    // instruction still names the region in words and the composite keeps the rest untouched.
    if (call.mask && parts.length < call.model.maxReferences) parts.push({ inlineData: { mimeType: "image/png", data: Buffer.from(call.mask.bytes).toString("base64") } });
    parts.push({ text: call.mask ? `${call.prompt}\n${await maskInstructionAsync(call.mask)}` : call.prompt });
    for (let attempt = 0; ; attempt++) {
      call.signal.throwIfAborted();
      try {
        const headerWait: { retryAfterS?: number } = {};
        const response = await answerHeaders
          .run(headerWait, () =>
            ai.models.generateContent({
              model: call.model.id,
              contents: [{ role: "user", parts }],
              config: {
                responseModalities: ["IMAGE"],
                imageConfig: { ...(call.size.aspectRatio ? { aspectRatio: call.size.aspectRatio } : {}), ...(call.size.imageSize ? { imageSize: call.size.imageSize } : {}) },
                abortSignal: call.signal,
              },
            }),
          )
          .catch((error: unknown) => {
            throw mapGeminiError(error, call.signal, headerWait.retryAfterS, call.model.label);
          });
        const image = await imageFromResponseAsync(response);
        call.onImage?.(index, image);
        return { image, usage: { ...(response.usageMetadata ?? {}) } };
      } catch (error) {
        const mapped = mapGeminiError(error, call.signal);
        // The answer's own wait (RetryInfo or Retry-After), else a second.
        const wait = (mapped.retryAfterS ?? 1) * 1000;
        // A wait that would end after the deadline is not started: the designer hears "rate
        // limited, try in N s" now instead of "timeout" later.
        const pastDeadline = call.deadlineAt !== undefined && Date.now() + wait >= call.deadlineAt;
        if (mapped.code !== "rate_limited" || attempt >= 2 || wait > maxRetryWaitMs || pastDeadline) throw mapped;
        await sleepAsync(wait, call.signal).catch(() => {
          throw abortError(call.signal, "gemini");
        });
      }
    }
  }

  return {
    id: "gemini",
    async runAsync(call: ProviderCall): Promise<ProviderResult> {
      const variant = async (index: number) => {
        try {
          return await oneImageAsync(call, index);
        } catch (error) {
          const mapped = mapGeminiError(error, call.signal);
          // Reported as it happens (SSE `error` with `index`), while the other variants go on.
          call.onFailure?.({ index, code: mapped.code, message: mapped.message });
          throw mapped;
        }
      };
      // Several variants share a pool bounded per request, so one designer's 8 do not queue behind
      // another's. A single image (the common case) skips the pool and allSettled: their extra
      // promise hops cost about 0.05 ms of the proxy's own time per request (measured in place,
      // `npm run bench -- proxy`).
      let settled: PromiseSettledResult<Awaited<ReturnType<typeof variant>>>[];
      if (call.n === 1) {
        settled = [
          await variant(0).then(
            (value) => ({ status: "fulfilled", value }) as const,
            (reason: unknown) => ({ status: "rejected", reason }) as const,
          ),
        ];
      } else {
        const limit = pLimit(concurrency);
        settled = await Promise.allSettled(Array.from({ length: call.n }, (_, i) => limit(() => variant(i))));
      }
      const images: ProviderImage[] = [];
      const failures: ProviderResult["failures"] = [];
      const usage: Record<string, number> = {};
      settled.forEach((result, index) => {
        if (result.status === "fulfilled") {
          images.push(result.value.image);
          for (const [key, value] of Object.entries(result.value.usage)) if (typeof value === "number") usage[key] = (usage[key] ?? 0) + value;
        } else {
          const error = result.reason as BrandfillError;
          failures.push({ index, code: error.code, message: error.message });
        }
      });
      if (!images.length) throw (settled[0] as PromiseRejectedResult).reason;
      return {
        images,
        usage: { ...usage, images: images.length },
        // Gemini bills image output per image by size tier: cost = price × images that came back.
        costUsd: actualCostUsd(call.model, call.size, call.quality, { images: images.length }),
        providerRequest: { aspectRatio: call.size.aspectRatio, imageSize: call.size.imageSize, n: call.n },
        failures,
      };
    },
  };
}

/**
 * What a masked Gemini edit is told: Gemini has no mask parameter, so the area to change is named
 * in words — where it sits (`describeRegion`) and its span in percent (`describeSpan`) of the mask's
 * transparent pixels' bounds — and the mask goes along as the last image, a guide. The picture sent
 * is already the context crop around the area, so the named region is large in it; brandfill's
 * composite keeps everything outside the mask whatever Gemini changes.
 * @param mask PNG, alpha 0 = area to change (OpenAI convention, checked by the route)
 */
export async function maskInstructionAsync(mask: ImageBytes): Promise<string> {
  // Decoded by sharp off the event loop; the route has checked the PNG's data against its header.
  const grey = maskFromOpenAiMask(await sharpPngCodec.decodeAsync(mask.bytes));
  const bounds = maskBounds(grey);
  const guide =
    "The last image is a mask given as a guide: change only the area that is transparent in it, and keep everything else exactly as it is, with the same framing, size, perspective and light.";
  if (!bounds) return guide;
  const box = { x: bounds.x / grey.width, y: bounds.y / grey.height, width: bounds.width / grey.width, height: bounds.height / grey.height };
  return `Edit only ${describeRegion(box)} of the first image (${describeSpan(box)}). ${guide}`;
}

/**
 * The image of a generateContent answer, or the right error: Gemini reports blocks with HTTP
 * 200 — no candidates and a `promptFeedback.blockReason`, or a candidate whose finishReason is
 * a policy reason, or `NO_IMAGE` / `IMAGE_OTHER` / text-only answers (docs/providers.md).
 */
export async function imageFromResponseAsync(response: GenerateContentResponse): Promise<ProviderImage> {
  const blockReason = response.promptFeedback?.blockReason;
  if (blockReason) {
    throw new BrandfillError("content_blocked", `Google's safety system blocked this prompt (${blockReason}). Rephrase it and try again.`, {
      provider: "gemini",
      retryable: false,
    });
  }
  const candidate = response.candidates?.[0];
  const part = candidate?.content?.parts?.find((p) => p.inlineData?.data && !p.thought);
  if (part?.inlineData) return checkProviderImageAsync(part.inlineData.data, "gemini");
  const reason = candidate?.finishReason ? String(candidate.finishReason) : undefined;
  if (reason && BLOCK_FINISH_REASONS.has(reason)) {
    throw new BrandfillError("content_blocked", `Google's safety system blocked the image (${reason}). Rephrase the prompt or change the references and try again.`, {
      provider: "gemini",
      retryable: false,
    });
  }
  const text = candidate?.content?.parts
    ?.map((p) => p.text ?? "")
    .join(" ")
    .trim();
  if (reason === "NO_IMAGE" || reason === "IMAGE_OTHER" || text) {
    throw new BrandfillError(
      "content_blocked",
      `Gemini answered without an image${reason ? ` (${reason})` : ""}${text ? `: “${sanitizeProviderMessage(text)}”` : "."} Try a more concrete visual prompt.`,
      { provider: "gemini", retryable: false },
    );
  }
  throw new BrandfillError("provider_error", "Gemini answered without an image.", { provider: "gemini", retryable: true });
}

/** Seconds from a Google error body's `google.rpc.RetryInfo` detail (`retryDelay: "53s"`). */
function retryInfoSeconds(body: GoogleErrorBody | undefined): number | undefined {
  const detail = body?.error?.details?.find((d) => d["@type"]?.endsWith("google.rpc.RetryInfo"));
  const match = detail?.retryDelay ? /^([\d.]+)s$/.exec(detail.retryDelay) : null;
  return match ? Math.ceil(Number(match[1])) : undefined;
}

/**
 * The `Retry-After` of the last error answer in this async context: the SDK's `ApiError` keeps
 * only the status and body, so the fetch below writes the header's wait where the caller reads it.
 */
const answerHeaders = new AsyncLocalStorage<{ retryAfterS?: number }>();

/** Wraps the SDK's fetch: a failed answer's `Retry-After` / `retry-after-ms` goes to `answerHeaders`. */
function headerKeepingFetch(inner: typeof fetch): typeof fetch {
  return async (input, init) => {
    const response = await inner(input, init);
    const box = answerHeaders.getStore();
    if (box && !response.ok) {
      const seconds = retryAfterSeconds(response.headers);
      if (seconds === undefined) delete box.retryAfterS;
      else box.retryAfterS = seconds;
    }
    return response;
  };
}

/** A Google error body, as far as brandfill reads it (google.rpc `Status` with its `details`). */
interface GoogleErrorBody {
  error?: { message?: string; status?: string; details?: { "@type"?: string; reason?: string; retryDelay?: string; violations?: { quotaId?: string; quotaValue?: string }[] }[] };
}

/**
 * What stands between the Google project and the model, from an error answer, or null when a
 * retry may help. Google's documented shapes (google.rpc error model, Gemini API "rate limits"
 * and "troubleshooting" pages): 429 RESOURCE_EXHAUSTED whose message says `limit: 0` (the model
 * needs a billed project) or whose QuotaFailure is a per-day quota, or that says prepaid credits
 * are depleted; 403 PERMISSION_DENIED with ErrorInfo reason `BILLING_DISABLED`; 403
 * `IAM_PERMISSION_DENIED` on a model, or 404 NOT_FOUND for a model the project cannot see.
 */
export function geminiAccountProblem(status: number | undefined, body: GoogleErrorBody | undefined): AccountProblem | null {
  const message = body?.error?.message ?? "";
  const details = body?.error?.details ?? [];
  const reasons = details.map((d) => d.reason ?? "");
  if (reasons.includes("BILLING_DISABLED") || /requires billing to be enabled|billing (is )?(not enabled|disabled)/i.test(message)) return "billing-disabled";
  if (status === 429) {
    if (/credits? (are |is )?(depleted|exhausted)|no (remaining )?credits?/i.test(message)) return "no-credit";
    const violations = details.flatMap((d) => d.violations ?? []);
    if (/\blimit: 0\b/.test(message) || violations.some((v) => v.quotaValue === "0" || /PerDay/i.test(v.quotaId ?? ""))) return "quota-used";
  }
  if (status === 403 && (reasons.includes("IAM_PERMISSION_DENIED") || /denied access|permission .* denied on resource .*models\//i.test(message))) return "model-access";
  if (status === 404 && /models\/.* (is )?not found/i.test(message)) return "model-access";
  return null;
}

/**
 * `@google/genai` errors → BrandfillError. The SDK puts the JSON error body in `message`.
 * @param headerRetryAfterS the answer's `Retry-After` header in seconds, used when the body has no `RetryInfo`.
 * @param model the model's label, named when the key has no access to it.
 */
export function mapGeminiError(error: unknown, signal: AbortSignal, headerRetryAfterS?: number, model?: string): BrandfillError {
  if (error instanceof BrandfillError) return error;
  if (signal.aborted) return abortError(signal, "gemini", error);
  if (error instanceof ApiError) {
    let body: GoogleErrorBody | undefined;
    try {
      body = JSON.parse(error.message.slice(error.message.indexOf("{")));
    } catch {
      body = undefined;
    }
    const problem = geminiAccountProblem(error.status, body);
    if (problem) return accountError("gemini", problem, error, model);
    return errorForStatus("gemini", error.status, sanitizeProviderMessage(body?.error?.message ?? ""), retryInfoSeconds(body) ?? headerRetryAfterS, error);
  }
  if ((error as { name?: string })?.name === "AbortError") return abortError(signal, "gemini", error);
  // The SDK parses the answer itself: a body that is not JSON surfaces as a SyntaxError.
  if (error instanceof SyntaxError) {
    return new BrandfillError("provider_error", "Google Gemini sent an answer brandfill could not read. Try again.", { provider: "gemini", retryable: true, cause: error });
  }
  return errorForStatus("gemini", undefined, "", undefined, error);
}

function sleepAsync(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}
