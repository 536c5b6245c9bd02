import type { RgbaImage } from "../../src/core/raster/rgba-image.js";
import { alterImage } from "./alter-image.js";
import { BehaviourQueue } from "./behaviour-queue.js";
import { corruptBase64 } from "./corrupt-base64.js";
import { createEmulatorHandle, type EmulatorHandle } from "./create-emulator-handle.js";
import { GEMINI_IMAGE_MODELS, geminiOutputSize, type GeminiImageModelRule } from "./gemini-image-models.js";
import { decodeImageAsync } from "./decode-image.js";
import { encodeImageAsAsync } from "./encode-image-as.js";
import type { RecordedInlineImage, RecordedRequest } from "./recorded-request.js";
import { sendJsonAnswerAsync } from "./send-json-answer.js";
import { sniffImage } from "./sniff-image.js";
import { startEmulatorServer, type EmulatorExchange, type EmulatorServer } from "./start-emulator-server.js";
import { synthesizePicture } from "./synthesize-picture.js";

/** `promptFeedback.blockReason` values the emulator can answer with (SDK `BlockedReason`). */
export type GeminiBlockReason = "SAFETY" | "PROHIBITED_CONTENT" | "OTHER" | "IMAGE_SAFETY" | "BLOCKLIST";
/** Candidate `finishReason` values that come without an image (SDK `FinishReason`). */
export type GeminiNoImageFinishReason =
  | "IMAGE_SAFETY"
  | "IMAGE_PROHIBITED_CONTENT"
  | "PROHIBITED_CONTENT"
  | "NO_IMAGE"
  | "IMAGE_OTHER"
  | "IMAGE_RECITATION"
  | "SAFETY"
  | "RECITATION"
  | "OTHER";

/**
 * What the Gemini emulator does with one request (consumed per request, default `ok`):
 * - `ok`: text + image parts, `finishReason: "STOP"`.
 * - `{ latencyMs }`: `ok` after a delay.
 * - `{ promptBlocked }`: HTTP 200, no candidates, `promptFeedback.blockReason`.
 * - `{ finishReason }`: HTTP 200, one candidate with that reason and no image part.
 * - `textOnly`: a candidate with only a text part (`finishReason: "STOP"`).
 * - `{ rateLimited: { retryAfterS } }`: 429 `RESOURCE_EXHAUSTED` with a `google.rpc.RetryInfo` detail and `retry-after`;
 *   with `headerOnly: true` the wait is only in the `retry-after` header (no RetryInfo detail).
 * - `quotaExhausted`: 429 `RESOURCE_EXHAUSTED` for a model with no free-tier quota (`limit: 0`, a per-day
 *   QuotaFailure, and a RetryInfo that a retry cannot honour), as Google answers a project without billing.
 * - `billingDisabled`: 403 `PERMISSION_DENIED` with an ErrorInfo of reason `BILLING_DISABLED`.
 * - `modelAccessDenied`: 403 `PERMISSION_DENIED` with reason `IAM_PERMISSION_DENIED` on the model.
 * - `{ status }`: 500 `INTERNAL`, 503 `UNAVAILABLE`, 504 `DEADLINE_EXCEEDED` (others `UNKNOWN`).
 * - `truncatedBase64`, `invalidBase64`, `notAnImage`: a corrupted `inlineData.data`.
 * - `{ wrongSize }`: the image has this size instead of the table size.
 * - `{ flatColour }`: the image is one sRGB colour with a little grain (pixel p is
 *   `[r + p % 5, g, b − p % 3]`), as a model drifting off a brand colour draws a flat fill.
 * - `malformedJson`: a 200 JSON body cut off mid-object.
 * - `resetConnection`, `{ hang: true }`, `slowBody` / `{ slowBody: { chunks, intervalMs } }`: transport failures.
 * - `jpeg`: the image is a real JPEG with `mimeType: "image/jpeg"`.
 * - `streamError`: on `streamGenerateContent`, the first chunk is followed by a chunk holding an `error` object
 *   (HTTP status already 200), which the SDK turns into an `ApiError`.
 */
export type GeminiBehaviour =
  | "ok"
  | "textOnly"
  | "truncatedBase64"
  | "invalidBase64"
  | "notAnImage"
  | "malformedJson"
  | "resetConnection"
  | "slowBody"
  | "jpeg"
  | "streamError"
  | "quotaExhausted"
  | "billingDisabled"
  | "modelAccessDenied"
  | { readonly latencyMs: number }
  | { readonly promptBlocked: GeminiBlockReason }
  | { readonly finishReason: GeminiNoImageFinishReason }
  | { readonly rateLimited: { readonly retryAfterS?: number; readonly headerOnly?: boolean } }
  | { readonly status: number }
  | { readonly wrongSize: { readonly width: number; readonly height: number } }
  | { readonly flatColour: readonly [r: number, g: number, b: number] }
  | { readonly slowBody: { readonly chunks?: number; readonly intervalMs?: number } }
  | { readonly hang: true };

/** Options of `startGeminiEmulator`. */
export interface GeminiEmulatorOptions {
  /** When set, only this `x-goog-api-key` is accepted; any non-empty key by default. */
  readonly apiKey?: string;
  /** When set, only this Vertex bearer token is accepted; any non-empty token by default. */
  readonly accessToken?: string;
  /** Served models (default `GEMINI_IMAGE_MODELS`); add preview ids here. */
  readonly models?: Readonly<Record<string, GeminiImageModelRule>>;
  /** Image type of every answer (default `image/png`); the `jpeg` behaviour switches one answer. */
  readonly outputMimeType?: "image/png" | "image/jpeg";
  readonly defaultBehaviour?: GeminiBehaviour;
}

/** A request to the Gemini emulator, with the route's parts. */
export interface GeminiRecordedRequest extends RecordedRequest {
  /** Model id from the path, e.g. `gemini-3.1-flash-image` (undefined for an unknown route). */
  readonly model?: string;
  /** `v1`, `v1beta`, `v1beta1`, … from the path. */
  readonly apiVersion?: string;
  /** Vertex AI routes only. */
  readonly vertex?: { readonly project?: string; readonly location?: string };
  readonly stream?: boolean;
}

/**
 * A running Gemini / Vertex AI generateContent emulator. `url` is the origin without a version, for
 * `httpOptions.baseUrl` or `GOOGLE_GEMINI_BASE_URL` (the SDK adds `/v1beta` or `/v1`).
 */
export type GeminiEmulator = EmulatorHandle<GeminiBehaviour, GeminiRecordedRequest>;

/** A Google error reply `{ error: { code, message, status, details? } }`. */
interface GoogleErrorReply {
  readonly status: number;
  readonly body: { error: { code: number; message: string; status: string; details?: unknown[] } };
  readonly headers?: Readonly<Record<string, string>>;
}

const ROUTE = /^\/(v1|v1beta|v1alpha|v1beta1)\/(?:projects\/([^/]+)\/locations\/([^/]+)\/)?(publishers\/google\/)?models\/([^/:]+):(generateContent|streamGenerateContent)$/;
const STATUS_NAMES: Readonly<Record<number, string>> = {
  400: "INVALID_ARGUMENT",
  401: "UNAUTHENTICATED",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  429: "RESOURCE_EXHAUSTED",
  500: "INTERNAL",
  503: "UNAVAILABLE",
  504: "DEADLINE_EXCEEDED",
};
const INPUT_IMAGE_TYPES = ["image/png", "image/jpeg", "image/webp", "image/heic", "image/heif"];

/** Builds an error reply in Google's JSON shape. */
function googleError(status: number, message: string, details?: unknown[]): GoogleErrorReply {
  return { status, body: { error: { code: status, message, status: STATUS_NAMES[status] ?? "UNKNOWN", ...(details ? { details } : {}) } } };
}

/**
 * Starts an emulator of Gemini API `POST /{v1,v1beta}/models/{model}:generateContent` (and
 * `:streamGenerateContent?alt=sse`) and of Vertex AI
 * `POST /{v1,v1beta1}/projects/{p}/locations/{l}/publishers/google/models/{m}:generateContent` on 127.0.0.1
 * with a random port. Image config is validated per model (see `gemini-image-models.ts`); answers carry a real
 * PNG (or JPEG) whose pixel size follows the aspect ratio and image size.
 */
export async function startGeminiEmulator(options: GeminiEmulatorOptions = {}): Promise<GeminiEmulator> {
  const models = options.models ?? GEMINI_IMAGE_MODELS;
  const behaviours = new BehaviourQueue<GeminiBehaviour>(options.defaultBehaviour ?? "ok");
  const requests: GeminiRecordedRequest[] = [];
  let responseCounter = 0;
  const server = await startEmulatorServer((exchange, srv) => handleAsync(exchange, srv));

  async function handleAsync({ req, res, url, headers, body }: EmulatorExchange, srv: EmulatorServer): Promise<void> {
    const route = ROUTE.exec(url.pathname);
    const [, apiVersion, project, location, publisher, model, method] = route ?? [];
    const isVertex = Boolean(publisher);
    let json: unknown;
    let parseError: string | undefined;
    try {
      json = body.length > 0 ? JSON.parse(new TextDecoder().decode(body)) : undefined;
    } catch (error) {
      parseError = `Invalid JSON payload received. ${(error as Error).message}`;
    }
    const inlineImages = collectInlineImages(json);
    requests.push({
      method: req.method ?? "",
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers,
      rawBody: body,
      ...(json !== undefined ? { json } : {}),
      inlineImages,
      ...(model ? { model: decodeURIComponent(model), apiVersion: apiVersion! } : {}),
      ...(isVertex ? { vertex: { ...(project ? { project } : {}), ...(location ? { location } : {}) } } : {}),
      ...(method ? { stream: method === "streamGenerateContent" } : {}),
    });
    if (!route || req.method !== "POST" || (isVertex && apiVersion !== "v1" && apiVersion !== "v1beta1") || (!isVertex && apiVersion === "v1beta1")) {
      return sendJson(res, googleError(404, `The requested URL ${url.pathname} was not found on this server.`));
    }
    const stream = method === "streamGenerateContent";
    if (stream && url.searchParams.get("alt") !== "sse") return sendJson(res, googleError(400, "The emulator only streams with ?alt=sse (as @google/genai does)."));

    const bearer = /^Bearer (.+)$/.exec(headers["authorization"] ?? "")?.[1];
    const apiKey = headers["x-goog-api-key"] || url.searchParams.get("key") || undefined;
    if (isVertex && project) {
      if (!bearer)
        return sendJson(
          res,
          googleError(401, "Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential."),
        );
      if (options.accessToken !== undefined && bearer !== options.accessToken)
        return sendJson(res, googleError(401, "Request had invalid authentication credentials. Expected OAuth 2 access token."));
    } else {
      if (!apiKey)
        return sendJson(
          res,
          googleError(
            403,
            "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
          ),
        );
      if (options.apiKey !== undefined && apiKey !== options.apiKey) {
        return sendJson(
          res,
          googleError(400, "API key not valid. Please pass a valid API key.", [
            { "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason: "API_KEY_INVALID", domain: "googleapis.com" },
          ]),
        );
      }
    }

    const behaviour = behaviours.next();
    if (typeof behaviour === "object") {
      if ("hang" in behaviour) return;
      if ("latencyMs" in behaviour && !(await srv.sleepAsync(behaviour.latencyMs, res))) return;
      if ("rateLimited" in behaviour) {
        const seconds = behaviour.rateLimited.retryAfterS ?? 0;
        const reply = googleError(429, "You exceeded your current quota, please check your plan and billing details.", [
          {
            "@type": "type.googleapis.com/google.rpc.QuotaFailure",
            violations: [{ quotaMetric: "generativelanguage.googleapis.com/generate_content_free_tier_requests", quotaId: "GenerateRequestsPerMinutePerProjectPerModel" }],
          },
          ...(behaviour.rateLimited.headerOnly ? [] : [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: `${seconds}s` }]),
        ]);
        return sendJson(res, { ...reply, headers: { "retry-after": String(seconds) } });
      }
      if ("status" in behaviour) {
        const message =
          behaviour.status === 503
            ? "The model is overloaded. Please try again later."
            : "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting";
        return sendJson(res, googleError(behaviour.status, message));
      }
    }
    if (behaviour === "resetConnection") return srv.resetConnection(res);
    if (behaviour === "quotaExhausted") {
      const metric = "generativelanguage.googleapis.com/generate_content_free_tier_requests";
      return sendJson(
        res,
        googleError(
          429,
          `You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.\n* Quota exceeded for metric: ${metric}, limit: 0, model: ${model}\nPlease retry in 22.9s.`,
          [
            {
              "@type": "type.googleapis.com/google.rpc.QuotaFailure",
              violations: [{ quotaMetric: metric, quotaId: "GenerateRequestsPerDayPerProjectPerModel-FreeTier", quotaDimensions: { location: "global", model } }],
            },
            { "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "22s" },
          ],
        ),
      );
    }
    if (behaviour === "billingDisabled") {
      return sendJson(
        res,
        googleError(
          403,
          "This API method requires billing to be enabled. Please enable billing on project #1234567890 by visiting https://console.developers.google.com/billing/enable?project=1234567890 then retry.",
          [
            {
              "@type": "type.googleapis.com/google.rpc.ErrorInfo",
              reason: "BILLING_DISABLED",
              domain: "googleapis.com",
              metadata: { consumer: "projects/1234567890", service: "generativelanguage.googleapis.com" },
            },
          ],
        ),
      );
    }
    if (behaviour === "modelAccessDenied") {
      return sendJson(
        res,
        googleError(
          403,
          `Permission 'aiplatform.endpoints.predict' denied on resource '//aiplatform.googleapis.com/projects/demo/locations/global/publishers/google/models/${model}' (or it may not exist).`,
          [
            {
              "@type": "type.googleapis.com/google.rpc.ErrorInfo",
              reason: "IAM_PERMISSION_DENIED",
              domain: "aiplatform.googleapis.com",
              metadata: { permission: "aiplatform.endpoints.predict" },
            },
          ],
        ),
      );
    }
    if (parseError) return sendJson(res, googleError(400, parseError));

    const rule = models[decodeURIComponent(model!)];
    if (!rule) {
      return sendJson(
        res,
        googleError(
          404,
          `models/${decodeURIComponent(model!)} is not found for API version ${apiVersion}, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.`,
        ),
      );
    }
    const checked = await checkRequestAsync(json, rule, inlineImages, isVertex);
    if ("status" in checked) return sendJson(res, checked);

    const modelId = decodeURIComponent(model!);
    const responseId = `emu-${++responseCounter}`;
    const promptTokens = checked.promptTokens;
    if (typeof behaviour === "object" && "promptBlocked" in behaviour) {
      return sendAnswer({
        promptFeedback: { blockReason: behaviour.promptBlocked },
        usageMetadata: { promptTokenCount: promptTokens, totalTokenCount: promptTokens },
        modelVersion: modelId,
        responseId,
      });
    }
    if (typeof behaviour === "object" && "finishReason" in behaviour) {
      const candidate = { finishReason: behaviour.finishReason, finishMessage: `Unable to show the generated image (${behaviour.finishReason}).`, index: 0 };
      return sendAnswer({ candidates: [candidate], usageMetadata: { promptTokenCount: promptTokens, totalTokenCount: promptTokens }, modelVersion: modelId, responseId });
    }
    const text = { text: "Here is the image you asked for." };
    if (behaviour === "textOnly" || !checked.wantsImage) {
      const reply = { text: behaviour === "textOnly" ? "I can't create that image, but here is a description instead." : text.text };
      return sendAnswer({
        candidates: [{ content: { role: "model", parts: [reply] }, finishReason: "STOP", index: 0 }],
        usageMetadata: usage(promptTokens, 12, "TEXT"),
        modelVersion: modelId,
        responseId,
      });
    }

    const size =
      typeof behaviour === "object" && "wrongSize" in behaviour ? behaviour.wrongSize : geminiOutputSize(rule, checked.aspectRatio, checked.imageSize, checked.firstImage);
    const picture: RgbaImage =
      typeof behaviour === "object" && "flatColour" in behaviour
        ? flatColourPicture(size.width, size.height, behaviour.flatColour)
        : checked.firstImage
          ? alterImage(checked.firstImage, { ...size, seed: checked.prompt })
          : synthesizePicture(size.width, size.height, checked.prompt);
    const mimeType = behaviour === "jpeg" || checked.outputMimeType === "image/jpeg" || options.outputMimeType === "image/jpeg" ? "image/jpeg" : "image/png";
    const data = corruptBase64(Buffer.from(await encodeImageAsAsync(picture, mimeType === "image/jpeg" ? "jpeg" : "png")).toString("base64"), behaviour);
    const imagePart: Record<string, unknown> = { inlineData: { mimeType, data } };
    if (rule.pixels === "3") imagePart["thoughtSignature"] = Buffer.from(`emulator-signature-${responseId}`).toString("base64");
    const imageTokens = rule.outputTokens[checked.imageSize ?? "1K"] ?? 1290;
    const parts = checked.wantsText ? [text, imagePart] : [imagePart];
    return sendAnswer({
      candidates: [{ content: { role: "model", parts }, finishReason: "STOP", index: 0 }],
      usageMetadata: usage(promptTokens, imageTokens, "IMAGE"),
      modelVersion: modelId,
      responseId,
    });

    async function sendAnswer(answer: Record<string, unknown>): Promise<void> {
      if (stream) {
        res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
        // The real service splits text and image into separate chunks; the last one carries finishReason and usage.
        for (const chunk of splitIntoChunks(answer)) {
          res.write(`data: ${JSON.stringify(chunk)}\r\n\r\n`);
          if (!(await srv.sleepAsync(5, res))) return;
          if (behaviour === "streamError") {
            res.end(`data: ${JSON.stringify(googleError(500, "An internal error has occurred.").body)}\r\n\r\n`);
            return;
          }
        }
        res.end();
        return;
      }
      return sendJsonAnswerAsync(srv, res, JSON.stringify(answer), "application/json; charset=UTF-8", behaviour);
    }
  }

  return createEmulatorHandle(server.origin, server, behaviours, requests);
}

/** A valid request's parts that shape the answer. */
interface CheckedRequest {
  readonly prompt: string;
  readonly promptTokens: number;
  readonly aspectRatio?: string;
  readonly imageSize?: string;
  readonly outputMimeType?: string;
  readonly wantsImage: boolean;
  readonly wantsText: boolean;
  readonly firstImage?: RgbaImage;
}

/** Reads a field by its camelCase name, falling back to the snake_case spelling the REST API also accepts. */
function field(object: unknown, camel: string): unknown {
  if (typeof object !== "object" || object === null) return undefined;
  const record = object as Record<string, unknown>;
  return record[camel] ?? record[camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)];
}

/** Validates contents and generationConfig the way the service answers (400 `INVALID_ARGUMENT`). */
async function checkRequestAsync(
  json: unknown,
  rule: GeminiImageModelRule,
  inlineImages: readonly RecordedInlineImage[],
  isVertex: boolean,
): Promise<CheckedRequest | GoogleErrorReply> {
  const contents = field(json, "contents");
  if (!Array.isArray(contents) || contents.length === 0) return googleError(400, "* GenerateContentRequest.contents: contents is not specified\n");
  const texts: string[] = [];
  for (const content of contents) {
    const parts = field(content, "parts");
    if (!Array.isArray(parts) || parts.length === 0) return googleError(400, "* GenerateContentRequest.contents[].parts: contents.parts must not be empty.\n");
    for (const part of parts) {
      const text = field(part, "text");
      if (typeof text === "string") texts.push(text);
      const inline = field(part, "inlineData");
      if (inline !== undefined) {
        const mimeType = field(inline, "mimeType");
        const data = field(inline, "data");
        if (typeof mimeType !== "string" || !INPUT_IMAGE_TYPES.includes(mimeType)) return googleError(400, `Unsupported MIME type: ${String(mimeType)}`);
        if (typeof data !== "string" || !/^[A-Za-z0-9+/_-]*={0,2}$/.test(data))
          return googleError(400, "Invalid value at 'contents[0].parts[1].inline_data.data' (TYPE_BYTES), Base64 decoding failed.");
      }
    }
  }
  if (inlineImages.length > rule.maxInputImages) return googleError(400, `Too many input images: ${inlineImages.length}. This model accepts at most ${rule.maxInputImages}.`);
  for (const image of inlineImages) {
    if (!image.mimeType.startsWith("image/hei") && !sniffImage(image.bytes))
      return googleError(400, "Unable to process input image. Please retry or report in https://developers.generativeai.google/guide/troubleshooting");
  }
  const config = field(json, "generationConfig");
  const modalities = field(config, "responseModalities");
  if (modalities !== undefined && (!Array.isArray(modalities) || modalities.some((m) => !["TEXT", "IMAGE"].includes(String(m).toUpperCase())))) {
    return googleError(400, `Invalid value at 'generation_config.response_modalities': ${JSON.stringify(modalities)}`);
  }
  const candidateCount = field(config, "candidateCount");
  if (candidateCount !== undefined && candidateCount !== 1) return googleError(400, "Multiple candidates is not enabled for this model.");
  const imageConfig = field(config, "imageConfig");
  const aspectRatio = field(imageConfig, "aspectRatio");
  if (aspectRatio !== undefined && !rule.aspectRatios.includes(aspectRatio as string)) {
    return googleError(
      400,
      `* GenerateContentRequest.generation_config.image_config.aspect_ratio: unsupported aspect ratio ${JSON.stringify(aspectRatio)}; supported values are ${rule.aspectRatios.join(", ")}.\n`,
    );
  }
  const imageSize = field(imageConfig, "imageSize");
  if (imageSize !== undefined && !rule.imageSizes.includes(imageSize as string)) {
    return googleError(
      400,
      `* GenerateContentRequest.generation_config.image_config.image_size: unsupported image size ${JSON.stringify(imageSize)}; supported values are ${rule.imageSizes.join(", ")}.\n`,
    );
  }
  const outputMimeType = isVertex ? field(field(imageConfig, "imageOutputOptions"), "mimeType") : undefined;
  if (outputMimeType !== undefined && outputMimeType !== "image/png" && outputMimeType !== "image/jpeg")
    return googleError(400, `Unsupported output MIME type: ${String(outputMimeType)}`);
  const wanted = Array.isArray(modalities) ? modalities.map((m) => String(m).toUpperCase()) : ["TEXT", "IMAGE"];
  let firstImage: RgbaImage | undefined;
  if (inlineImages[0]) {
    firstImage = await decodeImageAsync(inlineImages[0].bytes);
    if (!firstImage) return googleError(400, "Unable to process input image. Please retry or report in https://developers.generativeai.google/guide/troubleshooting");
  }
  const prompt = texts.join("\n");
  return {
    prompt,
    promptTokens: Math.ceil(prompt.length / 4) + 258 * inlineImages.length,
    ...(typeof aspectRatio === "string" ? { aspectRatio } : {}),
    ...(typeof imageSize === "string" ? { imageSize } : {}),
    ...(typeof outputMimeType === "string" ? { outputMimeType } : {}),
    wantsImage: wanted.includes("IMAGE"),
    wantsText: wanted.includes("TEXT"),
    ...(firstImage ? { firstImage } : {}),
  };
}

/** Decodes every `inlineData` part of `contents` (skipping undecodable ones, which validation reports). */
function collectInlineImages(json: unknown): RecordedInlineImage[] {
  const images: RecordedInlineImage[] = [];
  const contents = field(json, "contents");
  if (!Array.isArray(contents)) return images;
  for (const content of contents) {
    const parts = field(content, "parts");
    if (!Array.isArray(parts)) continue;
    for (const part of parts) {
      const inline = field(part, "inlineData");
      const data = field(inline, "data");
      const mimeType = field(inline, "mimeType");
      if (typeof data === "string" && typeof mimeType === "string") images.push({ mimeType, bytes: new Uint8Array(Buffer.from(data, "base64")) });
    }
  }
  return images;
}

function usage(promptTokens: number, candidateTokens: number, modality: "TEXT" | "IMAGE") {
  return {
    promptTokenCount: promptTokens,
    candidatesTokenCount: candidateTokens,
    totalTokenCount: promptTokens + candidateTokens,
    promptTokensDetails: [{ modality: "TEXT", tokenCount: promptTokens }],
    candidatesTokensDetails: [{ modality, tokenCount: candidateTokens }],
  };
}

/** Splits a finished answer into SSE chunks: one per part, the last with finishReason and usage. */
function splitIntoChunks(answer: Record<string, unknown>): Record<string, unknown>[] {
  const candidates = answer["candidates"] as { content?: { role: string; parts: unknown[] }; finishReason: string; index: number }[] | undefined;
  const candidate = candidates?.[0];
  const parts = candidate?.content?.parts;
  if (!candidate || !parts || parts.length < 2) return [answer];
  const { candidates: _all, usageMetadata, ...rest } = answer;
  const chunks: Record<string, unknown>[] = parts.slice(0, -1).map((part) => ({ candidates: [{ content: { role: "model", parts: [part] }, index: 0 }], ...rest }));
  chunks.push({ candidates: [{ ...candidate, content: { role: "model", parts: [parts.at(-1)] } }], usageMetadata, ...rest });
  return chunks;
}

function sendJson(res: EmulatorExchange["res"], reply: GoogleErrorReply): void {
  res.writeHead(reply.status, { "content-type": "application/json; charset=UTF-8", ...reply.headers }).end(JSON.stringify(reply.body));
}

/** `{ flatColour }`'s picture: one colour with grain, pixel p = `[r + p % 5, g, b − p % 3]`, opaque. */
function flatColourPicture(width: number, height: number, [r, g, b]: readonly [number, number, number]): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let p = 0; p < width * height; p++) data.set([r + (p % 5), g, b - (p % 3), 255], p * 4);
  return { width, height, data };
}
