import { decodePng } from "../../src/core/raster/png-codec.js";
import type { RgbaImage } from "../../src/core/raster/rgba-image.js";
import { alterImage } from "./alter-image.js";
import { BehaviourQueue } from "./behaviour-queue.js";
import { corruptBase64 } from "./corrupt-base64.js";
import { createEmulatorHandle, type EmulatorHandle } from "./create-emulator-handle.js";
import { decodeImageAsync } from "./decode-image.js";
import { encodeImageAsAsync, type EmulatedImageFormat } from "./encode-image-as.js";
import { checkOpenAiImageParams, invalidRequest, type OpenAiErrorReply } from "./openai-image-rules.js";
import type { RecordedFile, RecordedForm, RecordedRequest } from "./recorded-request.js";
import { sendJsonAnswerAsync } from "./send-json-answer.js";
import { sniffImage } from "./sniff-image.js";
import { startEmulatorServer, type EmulatorExchange, type EmulatorServer } from "./start-emulator-server.js";
import { synthesizePicture } from "./synthesize-picture.js";

/**
 * What the OpenAI emulator does with one request (consumed per request, default `ok`):
 * - `ok`: a valid answer with real images.
 * - `{ latencyMs }`: `ok` after a delay.
 * - `moderationBlocked`: 400 `type: "image_generation_user_error"`, `code: "moderation_blocked"` (after validation).
 * - `insufficientQuota`: 429 `code: "insufficient_quota"` (billing, not a rate limit; the SDK still retries 429s).
 * - `billingHardLimit`: 400 `code: "billing_hard_limit_reached"`.
 * - `organizationNotVerified`: 403 "Your organization must be verified to use the model …" (GPT Image models).
 * - `modelNotFound`: 404 `code: "model_not_found"` ("does not exist or you do not have access to it").
 * - `{ rateLimited: { retryAfterS, retryAfterMs } }`: 429 `code: "rate_limit_exceeded"` with `retry-after` (seconds)
 *   and, when given, `retry-after-ms` headers.
 * - `{ status, shouldRetry }`: 500/503 JSON `server_error`, 502 an HTML gateway page; `shouldRetry` sets `x-should-retry`.
 * - `slowBody` / `{ slowBody: { chunks, intervalMs } }`: headers at once, then the body in pieces (default 20 × 50 ms).
 * - `truncatedBase64`: `b64_json` holds the first half of the image file (valid base64, cut-off image).
 * - `invalidBase64`: `b64_json` contains characters outside the base64 alphabet.
 * - `notAnImage`: `b64_json` is valid base64 of text bytes.
 * - `{ wrongSize: { width, height } }`: the image has this size while `size` reports the requested one.
 * - `malformedJson`: 200 `application/json` whose body is cut off mid-object.
 * - `resetConnection`: the socket is destroyed without any response.
 * - `{ hang: true }`: never answers (until the client aborts or `close()`).
 * - `alterEverything`: an edit also changes every pixel outside the mask (a "soft" mask).
 * - `{ streamError: { afterPartials } }`: on a streaming request, sends an `event: error` after that many partials.
 */
export type OpenAiBehaviour =
  | "ok"
  | "moderationBlocked"
  | "insufficientQuota"
  | "billingHardLimit"
  | "organizationNotVerified"
  | "modelNotFound"
  | "slowBody"
  | "truncatedBase64"
  | "invalidBase64"
  | "notAnImage"
  | "malformedJson"
  | "resetConnection"
  | "alterEverything"
  | { readonly latencyMs: number }
  | { readonly rateLimited: { readonly retryAfterS?: number; readonly retryAfterMs?: number } }
  | { readonly status: number; readonly shouldRetry?: boolean }
  | { readonly slowBody: { readonly chunks?: number; readonly intervalMs?: number } }
  | { readonly wrongSize: { readonly width: number; readonly height: number } }
  | { readonly hang: true }
  | { readonly streamError: { readonly afterPartials?: number } };

/** Options of `startOpenAiEmulator`. */
export interface OpenAiEmulatorOptions {
  /** When set, only this bearer token is accepted (401 `invalid_api_key` otherwise); any non-empty token by default. */
  readonly apiKey?: string;
  /** Behaviour used when nothing is queued (default `ok`). */
  readonly defaultBehaviour?: OpenAiBehaviour;
}

/** A running OpenAI Images emulator; `url` is the base URL including `/v1`, for `baseURL` or `OPENAI_BASE_URL`. */
export type OpenAiEmulator = EmulatorHandle<OpenAiBehaviour, RecordedRequest>;

/** The two routes, named after their last path segment. */
type Endpoint = "generations" | "edits";

/** Output-token counts per image at 1024×1024 by quality (OpenAI's published gpt-image-1 table; xhigh/max are guesses). */
const OUTPUT_TOKENS_1024: Readonly<Record<string, number>> = { low: 272, medium: 1056, high: 4160, xhigh: 6240, max: 8320 };

/**
 * Starts an emulator of `POST /v1/images/generations` (JSON) and `POST /v1/images/edits` (multipart) on
 * 127.0.0.1 with a random port. Requests are validated like the real API (see `openai-image-rules.ts`);
 * answers carry real PNG/JPEG/WEBP bytes of the requested size.
 */
export async function startOpenAiEmulator(options: OpenAiEmulatorOptions = {}): Promise<OpenAiEmulator> {
  const behaviours = new BehaviourQueue<OpenAiBehaviour>(options.defaultBehaviour ?? "ok");
  const requests: RecordedRequest[] = [];
  const server = await startEmulatorServer((exchange, srv) => handleAsync(exchange, srv));

  async function handleAsync(exchange: EmulatorExchange, srv: EmulatorServer): Promise<void> {
    const { req, res, url, headers, body } = exchange;
    const contentType = headers["content-type"] ?? "";
    let json: unknown;
    let form: RecordedForm | undefined;
    let parseError: string | undefined;
    if (contentType.startsWith("multipart/form-data")) {
      try {
        form = await parseMultipartAsync(body, contentType);
      } catch (error) {
        parseError = `The multipart body could not be parsed (${(error as Error).message}).`;
      }
    } else if (body.length > 0) {
      try {
        json = JSON.parse(new TextDecoder().decode(body));
      } catch {
        parseError =
          "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)";
      }
    }
    requests.push({
      method: req.method ?? "",
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers,
      rawBody: body,
      ...(json !== undefined ? { json } : {}),
      ...(form ? { form } : {}),
    });

    const endpoint: Endpoint | undefined = url.pathname === "/v1/images/generations" ? "generations" : url.pathname === "/v1/images/edits" ? "edits" : undefined;
    if (!endpoint || req.method !== "POST") return sendJson(res, invalidRequest(`Invalid URL (${req.method} ${url.pathname})`, null, null, 404));
    const token = /^Bearer (.+)$/.exec(headers["authorization"] ?? "")?.[1];
    if (!token)
      return sendJson(
        res,
        invalidRequest(
          "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
          null,
          null,
          401,
        ),
      );
    if (options.apiKey !== undefined && token !== options.apiKey) return sendJson(res, invalidRequest("Incorrect API key provided.", null, "invalid_api_key", 401));

    const behaviour = behaviours.next();
    if (typeof behaviour === "object") {
      if ("hang" in behaviour) return; // the response stays open until the client aborts or close()
      if ("latencyMs" in behaviour && !(await srv.sleepAsync(behaviour.latencyMs, res))) return;
      if ("rateLimited" in behaviour) {
        const { retryAfterS = 0, retryAfterMs } = behaviour.rateLimited;
        const extra: Record<string, string> = { "retry-after": String(retryAfterS), "x-ratelimit-limit-requests": "5", "x-ratelimit-remaining-requests": "0" };
        if (retryAfterMs !== undefined) extra["retry-after-ms"] = String(retryAfterMs);
        return sendJson(res, {
          status: 429,
          headers: extra,
          body: {
            error: {
              message: `Rate limit reached for images per minute (IPM): Limit 5, Used 5, Requested 1. Please try again in ${retryAfterS}s.`,
              type: "requests",
              param: null,
              code: "rate_limit_exceeded",
            },
          },
        });
      }
      if ("status" in behaviour) {
        const retryHeader: Record<string, string> = behaviour.shouldRetry === undefined ? {} : { "x-should-retry": String(behaviour.shouldRetry) };
        if (behaviour.status === 502) {
          res
            .writeHead(502, { "content-type": "text/html", ...retryHeader })
            .end("<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>");
          return;
        }
        const type = behaviour.status >= 500 ? "server_error" : "invalid_request_error";
        return sendJson(res, {
          status: behaviour.status,
          headers: retryHeader,
          body: { error: { message: "The server had an error while processing your request. Sorry about that!", type, param: null, code: null } },
        });
      }
    }
    if (behaviour === "resetConnection") return srv.resetConnection(res);
    if (behaviour === "insufficientQuota") {
      return sendJson(res, {
        status: 429,
        body: {
          error: { message: "You exceeded your current quota, please check your plan and billing details.", type: "insufficient_quota", param: null, code: "insufficient_quota" },
        },
      });
    }
    if (behaviour === "billingHardLimit") {
      return sendJson(res, {
        status: 400,
        body: { error: { message: "Billing hard limit has been reached", type: "invalid_request_error", param: null, code: "billing_hard_limit_reached" } },
      });
    }
    if (behaviour === "organizationNotVerified" || behaviour === "modelNotFound") {
      const model = String((json as { model?: unknown } | undefined)?.model ?? form?.fields["model"] ?? "gpt-image-2");
      return behaviour === "modelNotFound"
        ? sendJson(res, invalidRequest(`The model \`${model}\` does not exist or you do not have access to it.`, null, "model_not_found", 404))
        : sendJson(
            res,
            invalidRequest(
              `Your organization must be verified to use the model \`${model}\`. Please go to: https://platform.openai.com/settings/organization/general and click on Verify Organization. If you just verified, it can take up to 15 minutes for access to propagate.`,
              null,
              null,
              403,
            ),
          );
    }
    if (parseError) return sendJson(res, invalidRequest(parseError, null, null));

    const params = endpoint === "edits" ? formToParams(form) : ((json ?? {}) as Record<string, unknown>);
    if (endpoint === "edits" && !form) return sendJson(res, invalidRequest("The edits endpoint expects a multipart/form-data body.", null, null));
    if (typeof params !== "object" || params === null || Array.isArray(params)) return sendJson(res, invalidRequest("The request body must be a JSON object.", null, null));
    const problem = checkOpenAiImageParams(endpoint, params);
    if (problem) return sendJson(res, problem);
    let inputs: EditInputs | undefined;
    if (endpoint === "edits") {
      const checked = await checkEditFilesAsync(form!);
      if ("status" in checked) return sendJson(res, checked);
      inputs = checked;
    }
    if (behaviour === "moderationBlocked") {
      return sendJson(res, {
        status: 400,
        body: {
          error: {
            message: "Your request was rejected as a result of our safety system. Your request may contain content that is not allowed by our safety system.",
            type: "image_generation_user_error",
            param: null,
            code: "moderation_blocked",
          },
        },
      });
    }

    const prompt = params["prompt"] as string;
    const n = (params["n"] as number | undefined) ?? 1;
    const format = ((params["output_format"] as string | undefined) ?? "png") as EmulatedImageFormat;
    const quality = (params["quality"] as string | undefined) ?? "auto";
    const reportedQuality = quality === "auto" ? "medium" : quality;
    const background = params["background"] === "transparent" ? "transparent" : "opaque";
    const sizeParam = (params["size"] as string | undefined) ?? "auto";
    const requested = sizeParam === "auto" ? (inputs ? { width: inputs.first.width, height: inputs.first.height } : { width: 1024, height: 1024 }) : parseSize(sizeParam);
    const actual = typeof behaviour === "object" && "wrongSize" in behaviour ? behaviour.wrongSize : requested;
    const size = `${requested.width}x${requested.height}`;
    const images: string[] = [];
    for (let i = 0; i < n; i++) {
      const seed = n === 1 ? prompt : `${prompt}#${i}`;
      let picture: RgbaImage = inputs
        ? alterImage(inputs.first, { ...actual, seed, ...(inputs.mask ? { mask: inputs.mask } : {}), alterEverything: behaviour === "alterEverything" })
        : synthesizePicture(actual.width, actual.height, seed);
      if (background === "transparent") picture = clearBorder(picture);
      images.push(corruptBase64(Buffer.from(await encodeImageAsAsync(picture, format)).toString("base64"), behaviour));
    }
    const textTokens = Math.ceil(prompt.length / 4);
    const imageTokens = inputs ? 323 * inputs.count : 0;
    const outputTokens = Math.round(((OUTPUT_TOKENS_1024[reportedQuality] ?? 1056) * requested.width * requested.height) / (1024 * 1024)) * n;
    const usage = {
      input_tokens: textTokens + imageTokens,
      input_tokens_details: { text_tokens: textTokens, image_tokens: imageTokens },
      output_tokens: outputTokens,
      total_tokens: textTokens + imageTokens + outputTokens,
      output_tokens_details: { image_tokens: outputTokens, text_tokens: 0 },
    };
    const created = Math.floor(Date.now() / 1000);
    const common = { background, output_format: format, quality: reportedQuality, size };

    if (params["stream"] === true) {
      const prefix = endpoint === "generations" ? "image_generation" : "image_edit";
      const partials = (params["partial_images"] as number | undefined) ?? 0;
      const failAfter = typeof behaviour === "object" && "streamError" in behaviour ? (behaviour.streamError.afterPartials ?? 0) : undefined;
      res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache" });
      for (const [index, b64] of images.entries()) {
        for (let p = 0; p < partials; p++) {
          if (failAfter !== undefined && p === failAfter) return endWithStreamError(res);
          const partial = await encodeImageAsAsync(synthesizePicture(actual.width, actual.height, `${prompt}:partial:${index}:${p}`), format);
          writeEvent(res, `${prefix}.partial_image`, {
            type: `${prefix}.partial_image`,
            b64_json: Buffer.from(partial).toString("base64"),
            partial_image_index: p,
            created_at: created,
            ...common,
          });
          if (!(await srv.sleepAsync(5, res))) return;
        }
        if (failAfter !== undefined && failAfter >= partials) return endWithStreamError(res);
        writeEvent(res, `${prefix}.completed`, { type: `${prefix}.completed`, b64_json: b64, created_at: created, ...common, usage });
      }
      res.end();
      return;
    }

    const payload = { created, data: images.map((b64_json) => ({ b64_json })), ...common, usage };
    return sendJsonAnswerAsync(srv, res, JSON.stringify(payload), "application/json", behaviour);
  }

  return createEmulatorHandle(`${server.origin}/v1`, server, behaviours, requests);
}

/** The decoded first image, the decoded mask and the number of images of a valid edit. */
interface EditInputs {
  readonly first: RgbaImage;
  readonly mask?: RgbaImage;
  readonly count: number;
}

/**
 * Checks the files of an edit: 1–16 `image`/`image[]` files declared as an image type (not
 * `application/octet-stream`, which the real API rejects) whose bytes are PNG, JPEG or WEBP, and an optional
 * PNG `mask` with the first image's size. A `markup` file is recorded but not used; with a mask it is
 * rejected (SDK: "Cannot be combined with mask").
 */
async function checkEditFilesAsync(form: RecordedForm): Promise<EditInputs | OpenAiErrorReply> {
  const images = form.files.filter((f) => f.name === "image" || f.name === "image[]");
  const param = images[0]?.name ?? "image";
  if (images.length === 0) return invalidRequest("Missing required parameter: 'image'.", "image", "missing_required_parameter");
  if (images.length > 16) return invalidRequest(`Invalid '${param}': too many images. Expected at most 16, got ${images.length}.`, param, "array_above_max_length");
  for (const [i, file] of images.entries()) {
    const problem = checkUpload(file, `image ${i + 1}`);
    if (problem) return problem;
  }
  const first = await decodeImageAsync(images[0]!.bytes);
  if (!first) return invalidRequest("Invalid image file or mode for image 1, please check your image file.", param, "invalid_image_format");
  const maskFile = form.files.find((f) => f.name === "mask");
  if (maskFile && form.files.some((f) => f.name === "markup")) return invalidRequest("'markup' cannot be combined with 'mask'.", "markup", "invalid_value");
  if (!maskFile) return { first, count: images.length };
  const maskProblem = checkUpload(maskFile, "mask");
  if (maskProblem) return maskProblem;
  if (sniffImage(maskFile.bytes)?.format !== "png") return invalidRequest("Invalid mask image format - mask must be a PNG file.", "mask", "invalid_image_format");
  const mask = decodePng(maskFile.bytes);
  if (mask.width !== first.width || mask.height !== first.height) {
    return invalidRequest(
      `Invalid mask image: the mask is ${mask.width}x${mask.height} but the first image is ${first.width}x${first.height}; they must be the same size.`,
      "mask",
      "invalid_image_format",
    );
  }
  return { first, mask, count: images.length };
}

/** Rejects an upload declared as octet-stream (or another non-image type) or whose bytes are no image. */
function checkUpload(file: RecordedFile, label: string): OpenAiErrorReply | undefined {
  const declared = file.type.split(";")[0]!.trim().toLowerCase();
  if (!["image/png", "image/jpeg", "image/webp"].includes(declared)) {
    return invalidRequest(
      `Invalid file '${file.name}' (${label}): unsupported mimetype ('${declared || "none"}'). Supported file formats are 'image/jpeg', 'image/png', and 'image/webp'.`,
      file.name,
      "unsupported_file_mimetype",
    );
  }
  if (!sniffImage(file.bytes)) return invalidRequest(`Invalid image file or mode for ${label}, please check your image file.`, file.name, "invalid_image_format");
  return undefined;
}

/** Converts multipart text fields to typed params (numbers, booleans) as the API's form decoder does. */
function formToParams(form: RecordedForm | undefined): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(form?.fields ?? {})) {
    if (["n", "partial_images", "output_compression", "frame_count", "frame_duration_ms"].includes(key) && /^-?\d+$/.test(value)) params[key] = Number(value);
    else if (key === "stream" && (value === "true" || value === "false")) params[key] = value === "true";
    else params[key] = value;
  }
  return params;
}

/** Parses `multipart/form-data` with the WHATWG `Request.formData()` of Node, keeping each file part's declared type. */
async function parseMultipartAsync(body: Uint8Array, contentType: string): Promise<RecordedForm> {
  const formData = await new Request("http://emulator.invalid/", { method: "POST", headers: { "content-type": contentType }, body, duplex: "half" } as RequestInit).formData();
  const declaredTypes = readPartContentTypes(body, contentType);
  const fields: Record<string, string> = {};
  const fieldList: [string, string][] = [];
  const files: RecordedFile[] = [];
  let fileIndex = 0;
  for (const [name, value] of formData) {
    if (typeof value === "string") {
      fields[name] = value;
      fieldList.push([name, value]);
    } else {
      // undici reports "text/plain" for a part without Content-Type; the raw header tells the truth.
      files.push({ name, filename: value.name, type: declaredTypes[fileIndex++] ?? value.type, bytes: new Uint8Array(await value.arrayBuffer()) });
    }
  }
  return { fields, fieldList, files };
}

/** The Content-Type header of every file part (one with a filename), in order; `""` when absent. */
function readPartContentTypes(body: Uint8Array, contentType: string): string[] {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!boundary) return [];
  const text = Buffer.from(body).toString("latin1");
  return text
    .split(`--${boundary}`)
    .map((part) => part.slice(0, Math.max(0, part.indexOf("\r\n\r\n"))))
    .filter((head) => /filename=/i.test(head))
    .map((head) => /^content-type:\s*(.*)$/im.exec(head)?.[1]?.trim() ?? "");
}

/** Makes an eighth of each edge fully transparent, so a `background: transparent` answer really has alpha. */
function clearBorder(image: RgbaImage): RgbaImage {
  const data = new Uint8ClampedArray(image.data);
  const mx = Math.floor(image.width / 8);
  const my = Math.floor(image.height / 8);
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      if (x < mx || y < my || x >= image.width - mx || y >= image.height - my) data[(y * image.width + x) * 4 + 3] = 0;
    }
  }
  return { width: image.width, height: image.height, data };
}

function parseSize(size: string): { width: number; height: number } {
  const [w, h] = size.split("x").map(Number);
  return { width: w!, height: h! };
}

function sendJson(res: EmulatorExchange["res"], reply: OpenAiErrorReply): void {
  res.writeHead(reply.status, { "content-type": "application/json", ...reply.headers }).end(JSON.stringify(reply.body));
}

function writeEvent(res: EmulatorExchange["res"], event: string, data: unknown): void {
  res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

function endWithStreamError(res: EmulatorExchange["res"]): void {
  writeEvent(res, "error", { type: "error", error: { message: "The server had an error while processing your request.", type: "server_error", param: null, code: null } });
  res.end();
}
