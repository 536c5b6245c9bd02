import type { ImagesRequest } from "../api/images-request.js";
import type { ModelEntry, Quality } from "../catalog/model-catalog.js";
import { encodeBase64 } from "../encoding/base64.js";
import type { PngCodec } from "../raster/png-codec-type.js";
import type { RgbaImage } from "../raster/rgba-image.js";
import { composeVariantPrompt, type VariantPromptInput } from "../prompt/compose-variant-prompt.js";
import type { SourcePyramid } from "./source-pyramid.js";
import { variantModelInput } from "./variant-model-input.js";

/** Input of {@link buildVariantRequestAsync}: the prompt's input plus what the request carries. */
export interface VariantRequestInput extends VariantPromptInput {
  readonly model: Pick<ModelEntry, "id">;
  readonly quality?: Quality;
  /** The source background (or its pyramid); null regenerates without a reference. */
  readonly source: RgbaImage | SourcePyramid | null;
}

/**
 * The `POST /v1/images` body for one size whose plan calls a model (`outpaint` or
 * `regenerate`), shared by the plugin's job and the headless command: the prompt from
 * `composeVariantPrompt`, the canvas size as `width`×`height`, the keep-clear fractions, and
 * the pictures from `variantModelInput` as base64 PNG (an outpaint's canvas and mask, or the
 * source as reference), encoded by `codec` (the browser's in the panel, fast-png in Node).
 *
 * @returns the request and the prompt as sent (for the recipe).
 * @throws Error for a plan that calls no model; the codec's error when a picture cannot be encoded.
 */
export async function buildVariantRequestAsync(input: VariantRequestInput, codec: PngCodec): Promise<{ request: ImagesRequest; promptSent: string }> {
  const { plan } = input;
  if (plan.kind !== "outpaint" && plan.kind !== "regenerate") throw new Error(`A ${plan.kind} plan sends nothing to a model.`);
  const composed = composeVariantPrompt({
    userPrompt: input.userPrompt,
    layout: input.layout,
    plan,
    palette: input.palette,
    ...(input.nameColour ? { nameColour: input.nameColour } : {}),
  });
  const pictures = input.source ? variantModelInput(plan, input.source) : null;
  const [image, mask] = await Promise.all([pictures ? codec.encodeAsync(pictures.image) : null, pictures?.mask ? codec.encodeAsync(pictures.mask) : null]);
  const request: ImagesRequest = {
    model: input.model.id,
    prompt: composed.prompt,
    width: plan.canvas.width,
    height: plan.canvas.height,
    n: 1,
    ...(input.quality ? { quality: input.quality } : {}),
    ...(input.palette.length ? { palette: [...input.palette] } : {}),
    keepClear: composed.keepClear,
    ...(image ? { image: { data: encodeBase64(image), mimeType: "image/png" as const } } : {}),
    ...(mask ? { mask: { data: encodeBase64(mask) } } : {}),
  };
  return { request, promptSent: composed.prompt };
}
