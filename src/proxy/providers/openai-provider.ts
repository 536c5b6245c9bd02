import OpenAI, { toFile } from "openai";
import { BrandfillError } from "../../core/api/api-error.js";
import { actualCostUsd, type TokenCounts } from "../../core/catalog/actual-cost.js";
import { checkProviderImageAsync } from "../check-provider-image.js";
import { deadlineAwareFetch, requestDeadline } from "./deadline-aware-fetch.js";
import { abortError, accountError, errorForStatus, retryAfterSeconds, sanitizeProviderMessage } from "./provider-error.js";
import { openAiAccountProblem } from "./openai-account-problem.js";
import type { ImageBytes, ImageProvider, ProviderCall, ProviderImage, ProviderResult } from "./image-provider.js";

/** OpenAI's regional endpoints, as the SDK's `dataResidency` option names them (`internal/data-residency.ts`). */
export const OPENAI_DATA_RESIDENCIES = ["global", "us", "eu", "ae", "au", "in", "jp"] as const;
export type OpenAiDataResidency = (typeof OPENAI_DATA_RESIDENCIES)[number];

export interface OpenAiProviderOptions {
  apiKey: string;
  /** Default: the SDK's own (`OPENAI_BASE_URL`, else https://api.openai.com/v1). */
  baseURL?: string;
  /**
   * Regional endpoint by the SDK's `dataResidency` option (`eu` → https://eu.api.openai.com/v1).
   * Ignored when `baseURL` is set: the SDK refuses both at once.
   */
  dataResidency?: OpenAiDataResidency;
  /** The fetch the SDK uses (tests redirect a regional host to the emulator with it). */
  fetch?: typeof fetch;
  /** SDK retries for 408/409/429/5xx and connection errors, honouring retry-after (default 2). */
  maxRetries?: number;
  /** Per-attempt timeout in ms (the request's overall deadline is enforced by the route). */
  timeoutMs?: number;
}

/** Partial previews asked for when streaming (OpenAI allows 0–3). */
const PARTIAL_IMAGES = 2;

/**
 * OpenAI GPT Image through the official SDK: `images.generate` (JSON) for generation and
 * `images.edit` (multipart; files made with `toFile(bytes, name, { type })`, because a stream
 * upload goes out as application/octet-stream, which the API rejects) for edits, masks, and
 * generations with reference images (the edit source first, then the references, as `image[]`).
 * `input_fidelity` is never sent (the SDK: "For gpt-image-2, omit this parameter").
 * Always asks for PNG. Streams partial previews when the caller listens for them (n = 1).
 */
export function createOpenAiProvider(options: OpenAiProviderOptions): ImageProvider {
  const baseFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const client = new OpenAI({
    apiKey: options.apiKey,
    ...(options.baseURL ? { baseURL: options.baseURL } : options.dataResidency ? { dataResidency: options.dataResidency } : {}),
    maxRetries: options.maxRetries ?? 2,
    timeout: options.timeoutMs ?? 120_000,
    // One client for every request; each request's deadline reaches the fetch through `requestDeadline`.
    fetch: deadlineAwareFetch(baseFetch),
  });
  return {
    id: "openai",
    runAsync(call: ProviderCall): Promise<ProviderResult> {
      // The SDK's retries must fit in this request's deadline.
      return call.deadlineAt === undefined ? runWithClientAsync(client, call) : requestDeadline.run(call.deadlineAt, () => runWithClientAsync(client, call));
    },
  };
}

/** One image request through the SDK client: the body of the provider's `runAsync`. */
async function runWithClientAsync(api: OpenAI, call: ProviderCall): Promise<ProviderResult> {
  const common = {
    model: call.model.id,
    prompt: call.prompt,
    n: call.n,
    ...(call.size.openAiSize ? { size: call.size.openAiSize } : {}),
    ...(call.quality ? { quality: call.quality } : {}),
    ...(call.background ? { background: call.background } : {}),
    output_format: "png" as const,
  };
  const stream = Boolean(call.onPartial) && call.n === 1;
  // References without an image to edit go to the edits endpoint too (as `image[]`, up to the
  // model's maximum, checked by the route): generations takes no input images.
  const inputs = call.image ? [call.image, ...call.references] : call.references;
  const providerRequest = {
    endpoint: inputs.length ? "edits" : "generations",
    size: common.size ?? "auto",
    quality: common.quality ?? "auto",
    n: call.n,
    stream,
    ...(inputs.length ? { inputImages: inputs.length } : {}),
    ...(call.background ? { background: call.background } : {}),
  };
  try {
    const params = inputs.length
      ? {
          ...common,
          image: inputs.length === 1 ? await file(inputs[0]!, 0) : await Promise.all(inputs.map(file)),
          ...(call.mask ? { mask: await toFile(call.mask.bytes, "mask.png", { type: "image/png" }) } : {}),
        }
      : common;
    const images: ProviderImage[] = [];
    let usage: Record<string, unknown> = {};
    let reportedQuality: string | undefined;
    if (stream) {
      const events = inputs.length
        ? await api.images.edit({ ...(params as OpenAI.ImageEditParamsNonStreaming), stream: true, partial_images: PARTIAL_IMAGES }, { signal: call.signal })
        : await api.images.generate({ ...(params as OpenAI.ImageGenerateParamsNonStreaming), stream: true, partial_images: PARTIAL_IMAGES }, { signal: call.signal });
      for await (const event of events) {
        if (event.type.endsWith(".partial_image")) {
          call.onPartial?.(0, await checkProviderImageAsync(event.b64_json, "openai"));
        } else if (event.type.endsWith(".completed")) {
          const image = await checkProviderImageAsync(event.b64_json, "openai");
          call.onImage?.(images.length, image);
          images.push(image);
          usage = { ...((event as { usage?: object }).usage ?? {}) };
          reportedQuality = event.quality;
        }
      }
    } else {
      const response = inputs.length
        ? await api.images.edit(params as OpenAI.ImageEditParamsNonStreaming, { signal: call.signal })
        : await api.images.generate(params as OpenAI.ImageGenerateParamsNonStreaming, { signal: call.signal });
      for (const item of response.data ?? []) {
        const image = await checkProviderImageAsync(item.b64_json, "openai");
        call.onImage?.(images.length, image);
        images.push(image);
      }
      usage = { ...(response.usage ?? {}) };
      reportedQuality = response.quality ?? undefined;
    }
    if (!images.length) throw new BrandfillError("provider_error", "OpenAI answered without an image.", { provider: "openai" });
    return {
      images,
      usage,
      // OpenAI bills by tokens: priced from the usage where per-token prices are known, else
      // the per-image price of the quality OpenAI says it used × images returned, else unknown.
      costUsd: actualCostUsd(call.model, call.size, call.quality, { images: images.length, quality: reportedQuality, ...tokenCounts(usage) }),
      providerRequest,
      failures: [],
    };
  } catch (error) {
    throw mapOpenAiError(error, call.signal, call.model.label);
  }
}

/**
 * Token counts by class from OpenAI's image `usage` (`input_tokens_details`, and
 * `output_tokens_details` when present, else all output tokens are image tokens); none when
 * the answer had no usage.
 */
function tokenCounts(usage: Record<string, unknown>): { tokens?: TokenCounts } {
  const u = usage as {
    input_tokens?: number;
    output_tokens?: number;
    input_tokens_details?: { text_tokens?: number; image_tokens?: number };
    output_tokens_details?: { text_tokens?: number; image_tokens?: number };
  };
  if (typeof u.input_tokens !== "number" || typeof u.output_tokens !== "number") return {};
  const out = u.output_tokens_details;
  return {
    tokens: {
      textInput: u.input_tokens_details?.text_tokens ?? u.input_tokens,
      imageInput: u.input_tokens_details?.image_tokens ?? 0,
      imageOutput: out ? (out.image_tokens ?? 0) : u.output_tokens,
      textOutput: out?.text_tokens ?? 0,
    },
  };
}

function file(input: ImageBytes, index: number) {
  const ext = input.type === "image/jpeg" ? "jpg" : input.type === "image/webp" ? "webp" : "png";
  return toFile(input.bytes, `image-${index}.${ext}`, { type: input.type });
}

/** OpenAI SDK errors → BrandfillError (moderation blocks become `content_blocked`, account problems `quota_exhausted` / `model_access_denied`). */
export function mapOpenAiError(error: unknown, signal: AbortSignal, model?: string): BrandfillError {
  if (error instanceof BrandfillError) return error;
  if (signal.aborted || error instanceof OpenAI.APIUserAbortError) return abortError(signal, "openai", error);
  if (error instanceof OpenAI.APIConnectionTimeoutError) {
    return new BrandfillError("timeout", "OpenAI took too long to answer. Nothing was placed.", { provider: "openai", cause: error });
  }
  if (error instanceof OpenAI.APIError) {
    const body = error.error as { message?: string; code?: string; type?: string } | undefined;
    const code = error.code ?? body?.code;
    if (code === "moderation_blocked" || (body?.type === "image_generation_user_error" && code === "moderation_blocked")) {
      return new BrandfillError("content_blocked", "OpenAI's safety system blocked this request. Rephrase the prompt or change the reference images and try again.", {
        provider: "openai",
        retryable: false,
        cause: error,
      });
    }
    const problem = openAiAccountProblem(error.status, { ...body, code: code ?? null });
    if (problem) return accountError("openai", problem, error, model);
    if (error.status === undefined && !(error instanceof OpenAI.APIConnectionError)) {
      // An `error` event inside a stream that had started fine (HTTP 200 already sent).
      const said = sanitizeProviderMessage(body?.message ?? "");
      return new BrandfillError("provider_unavailable", `OpenAI stopped while making the image.${said ? ` OpenAI said: “${said}”` : ""} Try again.`, {
        provider: "openai",
        cause: error,
      });
    }
    return errorForStatus("openai", error.status, sanitizeProviderMessage(body?.message ?? error.message), retryAfterSeconds(error.headers), error);
  }
  return new BrandfillError("provider_error", "OpenAI sent an answer brandfill could not read.", { provider: "openai", cause: error });
}
