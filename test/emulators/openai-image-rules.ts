/**
 * Request rules of the OpenAI Images API as the emulator enforces them. Sources: the `openai` 7.55.0 SDK
 * (`node_modules/openai/src/resources/images.ts`: `ImageModel`, param docs) and
 * docs/providers.md. Where the SDK is silent the rule is marked "emulator choice".
 */

/** An error the emulator answers with, in OpenAI's `{ error: { message, type, param, code } }` shape. */
export interface OpenAiErrorReply {
  readonly status: number;
  readonly body: { error: { message: string; type: string; param: string | null; code: string | null } };
  readonly headers?: Readonly<Record<string, string>>;
}

/** Per-model capabilities. */
export interface OpenAiModelRule {
  /** Any `WxH` with edges divisible by 16 (see `checkFlexibleSize`), besides the fixed sizes. */
  readonly flexibleSize: boolean;
  /** Accepted `quality` values. */
  readonly qualities: readonly string[];
  /** Accepted `input_fidelity` values on edits; `null` = the parameter must be omitted. */
  readonly inputFidelity: readonly string[] | null;
  /** `background: "transparent"` is accepted. */
  readonly transparent: boolean;
}

const BASE_QUALITIES = ["low", "medium", "high", "auto"] as const;
const EXTRA_QUALITIES = [...BASE_QUALITIES, "xhigh", "max"] as const;
const flexible = (qualities: readonly string[], inputFidelity: readonly string[] | null, transparent: boolean): OpenAiModelRule => ({
  flexibleSize: true,
  qualities,
  inputFidelity,
  transparent,
});

/**
 * Live model ids as of 2026-12-07: the SDK's `ImageModel` type less the ids shut down. Arbitrary sizes:
 * gpt-image-2 and 2.5 per the SDK's `size` doc; 2.6 takes the standard sizes only (the SDK's `size` doc does
 * not list it among the models with arbitrary resolutions; an earlier team brief said it did).
 * `xhigh`/`max` only on the 2.5 family (SDK `quality` doc). `input_fidelity`: omitted on gpt-image-2 (SDK
 * doc); other models accept high|low (emulator choice). Transparent background: the 2.5 family (SDK
 * `background` doc) and 2.6 (issue 15); not gpt-image-2 (the SDK calls it "in preview", issue 15 "none":
 * emulator choice, refused).
 */
export const OPENAI_IMAGE_MODELS: Readonly<Record<string, OpenAiModelRule>> = {
  "gpt-image-2": flexible(BASE_QUALITIES, null, false),
  "gpt-image-2-2026-04-21": flexible(BASE_QUALITIES, null, false),
  "gpt-image-2.5-sunburst": flexible(EXTRA_QUALITIES, ["high", "low"], true),
  "gpt-image-2.5-sunburst-2026-09-08": flexible(EXTRA_QUALITIES, ["high", "low"], true),
  "gpt-image-2.5-flare": flexible(EXTRA_QUALITIES, ["high", "low"], true),
  "gpt-image-2.5-flare-2026-09-08": flexible(EXTRA_QUALITIES, ["high", "low"], true),
  "gpt-image-2.6-sunburst": { ...flexible(BASE_QUALITIES, ["high", "low"], true), flexibleSize: false },
  "gpt-image-2.6-flare": { ...flexible(BASE_QUALITIES, ["high", "low"], true), flexibleSize: false },
};

/**
 * Ids shut down: gpt-image-1 (2026-10-23) and dall-e-2/3 per the SDK's deprecation notes; gpt-image-1-mini,
 * gpt-image-1.5 and chatgpt-image-latest (2026-12-01) per OpenAI's deprecations page, though the SDK's
 * `ImageModel` still lists them.
 */
export const RETIRED_OPENAI_IMAGE_MODELS: readonly string[] = ["gpt-image-1", "gpt-image-1-mini", "gpt-image-1.5", "chatgpt-image-latest", "dall-e-2", "dall-e-3"];

/** Sizes every GPT image model accepts, besides `auto`. */
export const FIXED_OPENAI_SIZES: readonly string[] = ["1024x1024", "1536x1024", "1024x1536"];

const GENERATE_PARAMS = [
  "prompt",
  "model",
  "n",
  "size",
  "quality",
  "background",
  "output_format",
  "output_compression",
  "moderation",
  "stream",
  "partial_images",
  "safety_identifier",
  "user",
  "response_format",
  "style",
  "complexity",
  "frame_count",
  "frame_duration_ms",
  "svg",
];
const EDIT_PARAMS = [
  "prompt",
  "model",
  "n",
  "size",
  "quality",
  "background",
  "output_format",
  "output_compression",
  "stream",
  "partial_images",
  "safety_identifier",
  "user",
  "response_format",
  "complexity",
  "frame_count",
  "frame_duration_ms",
  "input_fidelity",
];

/** Builds a 400 `invalid_request_error`. */
export function invalidRequest(message: string, param: string | null, code: string | null = "invalid_value", status = 400): OpenAiErrorReply {
  return { status, body: { error: { message, type: "invalid_request_error", param, code } } };
}

/**
 * Checks a flexible `WxH` size: both edges divisible by 16, long:short at most 3:1, long edge at most
 * 3840 px, total pixels 655,360–8,294,400 (SDK `size` doc and docs/providers.md; the pixel range is unverified).
 * @returns an error message, or `undefined` when the size is acceptable.
 */
export function checkFlexibleSize(width: number, height: number): string | undefined {
  if (width % 16 !== 0 || height % 16 !== 0) return `Invalid size '${width}x${height}'. Width and height must both be divisible by 16.`;
  if (Math.max(width, height) / Math.min(width, height) > 3) return `Invalid size '${width}x${height}'. The aspect ratio must be between 1:3 and 3:1.`;
  if (Math.max(width, height) > 3840) return `Invalid size '${width}x${height}'. The longest edge must be at most 3840 pixels.`;
  const pixels = width * height;
  if (pixels < 655_360 || pixels > 8_294_400) return `Invalid size '${width}x${height}'. The total pixel count must be between 655360 and 8294400.`;
  return undefined;
}

/** Parameters after multipart strings are turned into numbers and booleans. */
export type OpenAiImageParams = Readonly<Record<string, unknown>>;

/**
 * Validates a generate or edit request the way the real API does (first problem wins).
 * Files of an edit are checked separately by the emulator.
 * @returns the error reply, or `undefined` when the request is valid.
 */
export function checkOpenAiImageParams(endpoint: "generations" | "edits", p: OpenAiImageParams): OpenAiErrorReply | undefined {
  const allowed = endpoint === "generations" ? GENERATE_PARAMS : EDIT_PARAMS;
  for (const key of Object.keys(p)) {
    if (!allowed.includes(key)) return invalidRequest(`Unknown parameter: '${key}'.`, key, "unknown_parameter");
  }
  const model = p["model"];
  if (model === undefined)
    return invalidRequest("Missing required parameter: 'model'. (emulator choice: the SDK asks callers to always send a model).", "model", "missing_required_parameter");
  if (typeof model !== "string") return invalidRequest("Invalid type for 'model': expected a string.", "model", "invalid_type");
  if (RETIRED_OPENAI_IMAGE_MODELS.includes(model)) {
    return invalidRequest(`The model \`${model}\` has been deprecated, learn more here: https://platform.openai.com/docs/deprecations`, null, "model_not_found", 404);
  }
  const rule = OPENAI_IMAGE_MODELS[model];
  if (!rule)
    return invalidRequest(
      `Invalid value: '${model}'. Supported values are: ${Object.keys(OPENAI_IMAGE_MODELS)
        .map((m) => `'${m}'`)
        .join(", ")}.`,
      "model",
    );
  const prompt = p["prompt"];
  if (typeof prompt !== "string" || prompt.length === 0) return invalidRequest("Missing required parameter: 'prompt'.", "prompt", "missing_required_parameter");
  if (prompt.length > 32000)
    return invalidRequest(
      `Invalid 'prompt': string too long. Expected a string with maximum length 32000, but got a string with length ${prompt.length} instead.`,
      "prompt",
      "string_above_max_length",
    );
  const n = p["n"];
  if (n !== undefined && (typeof n !== "number" || !Number.isInteger(n) || n < 1 || n > 10))
    return invalidRequest(`Invalid 'n': expected an integer between 1 and 10, got ${JSON.stringify(n)}.`, "n");
  const size = p["size"];
  if (size !== undefined && size !== "auto" && !FIXED_OPENAI_SIZES.includes(size as string)) {
    const match = typeof size === "string" ? /^(\d+)x(\d+)$/.exec(size) : null;
    if (!rule.flexibleSize || !match) {
      return invalidRequest(
        `Invalid value: '${String(size)}'. Supported values are: 'auto', ${FIXED_OPENAI_SIZES.map((s) => `'${s}'`).join(", ")}${rule.flexibleSize ? ", or WIDTHxHEIGHT" : ""}.`,
        "size",
      );
    }
    const problem = checkFlexibleSize(Number(match[1]), Number(match[2]));
    if (problem) return invalidRequest(problem, "size");
  }
  const quality = p["quality"];
  if (quality !== undefined && !rule.qualities.includes(quality as string))
    return invalidRequest(`Invalid value: '${String(quality)}'. Supported values are: ${rule.qualities.map((q) => `'${q}'`).join(", ")}.`, "quality");
  const format = p["output_format"] ?? "png";
  if (!["png", "jpeg", "webp"].includes(format as string)) {
    return invalidRequest(
      `Invalid value: '${String(format)}'. Supported values are: 'png', 'jpeg' and 'webp' (gif and svg need preview access the emulator does not grant).`,
      "output_format",
    );
  }
  const background = p["background"];
  if (background !== undefined && !["transparent", "opaque", "auto"].includes(background as string))
    return invalidRequest(`Invalid value: '${String(background)}'. Supported values are: 'transparent', 'opaque', and 'auto'.`, "background");
  if (background === "transparent" && format === "jpeg")
    return invalidRequest("Transparent background is not supported for the 'jpeg' output format. Use 'png' or 'webp'.", "background", "unsupported_value");
  if (background === "transparent" && !rule.transparent) return invalidRequest(`Transparent background is not supported for model '${model}'.`, "background", "unsupported_value");
  const compression = p["output_compression"];
  if (compression !== undefined && (typeof compression !== "number" || !Number.isInteger(compression) || compression < 0 || compression > 100))
    return invalidRequest(`Invalid 'output_compression': expected an integer between 0 and 100, got ${JSON.stringify(compression)}.`, "output_compression");
  const moderation = p["moderation"];
  if (moderation !== undefined && !["low", "auto"].includes(moderation as string))
    return invalidRequest(`Invalid value: '${String(moderation)}'. Supported values are: 'low' and 'auto'.`, "moderation");
  const stream = p["stream"];
  if (stream !== undefined && typeof stream !== "boolean")
    return invalidRequest(`Invalid type for 'stream': expected a boolean, got ${JSON.stringify(stream)}.`, "stream", "invalid_type");
  const partial = p["partial_images"];
  if (partial !== undefined && (typeof partial !== "number" || !Number.isInteger(partial) || partial < 0 || partial > 3))
    return invalidRequest(`Invalid 'partial_images': expected an integer between 0 and 3, got ${JSON.stringify(partial)}.`, "partial_images");
  for (const legacy of ["response_format", "style"]) {
    if (p[legacy] !== undefined) return invalidRequest(`The '${legacy}' parameter is not supported for GPT image models.`, legacy, "unsupported_parameter");
  }
  for (const gifOnly of ["frame_count", "frame_duration_ms", "svg"]) {
    if (p[gifOnly] !== undefined) return invalidRequest(`The '${gifOnly}' parameter needs gif or svg output, which the emulator does not offer.`, gifOnly, "unsupported_parameter");
  }
  const complexity = p["complexity"];
  if (complexity !== undefined && !["low", "medium", "high"].includes(complexity as string))
    return invalidRequest(`Invalid value: '${String(complexity)}'. Supported values are: 'low', 'medium', and 'high'.`, "complexity");
  const fidelity = p["input_fidelity"];
  if (fidelity !== undefined) {
    if (rule.inputFidelity === null) return invalidRequest(`The 'input_fidelity' parameter is not supported for model '${model}'.`, "input_fidelity", "unsupported_parameter");
    if (!rule.inputFidelity.includes(fidelity as string))
      return invalidRequest(`Invalid value: '${String(fidelity)}'. Supported values for '${model}' are: ${rule.inputFidelity.map((f) => `'${f}'`).join(", ")}.`, "input_fidelity");
  }
  return undefined;
}
