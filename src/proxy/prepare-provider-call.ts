import * as v from "valibot";
import { BrandfillError } from "../core/api/api-error.js";
import { ImagesRequest, type ParsedImagesRequest } from "../core/api/images-request.js";
import { chooseProviderSize } from "../core/catalog/choose-provider-size.js";
import type { ModelEntry, Quality } from "../core/catalog/model-catalog.js";
import { resolveModel } from "../core/catalog/resolve-model.js";
import { describeSchemaIssue } from "../core/schema/describe-schema-issue.js";
import type { ProviderCall } from "./providers/image-provider.js";
import { readImageInput } from "./read-image-input.js";
import { checkPromptText } from "./check-prompt-text.js";
import type { ImageFinish } from "./finish-image.js";

/**
 * A validated request, ready for its provider (minus the per-request callbacks and signal), and
 * what the route does to each image afterwards (null: nothing, the provider's bytes go out as is).
 */
export type PreparedCall = Omit<ProviderCall, "signal" | "onPartial" | "onImage"> & { finish: ImageFinish | null };

/**
 * Validates a `POST /v1/images` body against the schema and the chosen model's abilities,
 * decodes and checks its images, and picks the provider size.
 *
 * @param body the parsed JSON body (unknown: anything a client sent).
 * @param catalog the models this proxy knows; `available` says which providers have keys.
 * @throws BrandfillError `invalid_request` (400) naming the field or the model problem, or
 *   `payload_too_large` (413) for an image over 4096 px.
 */
export function prepareProviderCall(body: unknown, catalog: readonly ModelEntry[], available: (model: ModelEntry) => string | null): PreparedCall {
  const parsed = v.safeParse(ImagesRequest, body);
  if (!parsed.success) throw new BrandfillError("invalid_request", `The request is not valid: ${describeSchemaIssue(parsed.issues[0], "body")}`);
  const request: ParsedImagesRequest = parsed.output;
  checkPromptText(request.prompt);
  const model = resolveModel(request.model, catalog);
  const missing = available(model);
  if (missing) throw new BrandfillError("invalid_request", missing);
  const operation = request.mask ? "mask" : request.image ? "edit" : "generate";
  if (!model.operations.includes(operation)) {
    throw new BrandfillError("invalid_request", `${model.label} cannot ${operation === "generate" ? "generate images" : "edit images"}.`);
  }
  const referenceCount = request.references?.length ?? 0;
  // References travel as input images of an edit (OpenAI's edits endpoint, Gemini's inlineData
  // parts): a model that cannot edit cannot take them, and silently dropping them would bill
  // for a picture that ignores what the designer attached.
  if (referenceCount > 0 && !model.operations.includes("edit")) {
    throw new BrandfillError("invalid_request", `${model.label} cannot use reference images. Remove the references or choose another model.`);
  }
  if (request.background === "transparent" && !model.transparentBackground) {
    throw new BrandfillError("invalid_request", `${model.label} cannot make a transparent background. Turn off “Transparent background” or choose a model that offers it.`);
  }
  const inputCount = (request.image ? 1 : 0) + referenceCount;
  if (inputCount > model.maxReferences) {
    throw new BrandfillError("invalid_request", `${model.label} takes at most ${model.maxReferences} input images; this request has ${inputCount}.`);
  }
  if (request.quality && !model.qualities.includes(request.quality)) {
    throw new BrandfillError("invalid_request", `“quality” ${request.quality} is not offered by ${model.label}; use ${model.qualities.join(", ")}.`);
  }
  const image = request.image ? readImageInput("image", request.image.data, request.image.mimeType) : undefined;
  const mask = request.mask ? readImageInput("mask", request.mask.data) : undefined;
  if (mask && image) {
    if (mask.type !== "image/png") throw new BrandfillError("invalid_request", "“mask” must be a PNG (alpha 0 marks the area to change).");
    if (mask.width !== image.width || mask.height !== image.height) {
      throw new BrandfillError("invalid_request", `“mask” is ${mask.width}×${mask.height} px but the image is ${image.width}×${image.height}; they must match.`);
    }
  }
  const references = (request.references ?? []).map((r, i) => readImageInput(`references[${i}]`, r.data, r.mimeType));
  const palette = (request.palette ?? []).map((h) => h.toUpperCase());
  const fit = request.fit ?? null;
  return {
    finish: fit || request.lockPalette ? { width: request.width, height: request.height, fit, lock: request.lockPalette ? palette : [] } : null,
    model,
    prompt: request.prompt,
    size: chooseProviderSize(model, { width: request.width, height: request.height }),
    n: request.n,
    quality: request.quality as Quality | undefined,
    palette,
    keepClear: request.keepClear ?? [],
    ...(image ? { image } : {}),
    ...(mask ? { mask } : {}),
    references,
    ...(request.background && request.background !== "auto" ? { background: request.background } : {}),
  };
}
