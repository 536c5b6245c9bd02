// Runs in the plugin iframe (and in Node tests and the command line): the Inpaint job, from the
// exported image and mask to transparent patches ready to place.
import type { ImagesRequest, ImagesResponse, VariantFailure } from "../core/api/images-request.js";
import type { Quality } from "../core/catalog/model-catalog.js";
import type { LockReport } from "../core/colour/lock-palette.js";
import { referenceInputs, type ReferenceImage } from "./run-fill-job.js";
import { decodeBase64, encodeBase64 } from "../core/encoding/base64.js";
import { blendMask } from "../core/inpaint/blend-mask.js";
import { contextCrop } from "../core/inpaint/context-crop.js";
import { countChangedPixels } from "../core/inpaint/count-changed-pixels.js";
import { makePatch, type InpaintPatch } from "../core/inpaint/make-patch.js";
import { maskFromImage } from "../core/inpaint/mask-from-image.js";
import { openAiMaskPng } from "../core/inpaint/open-ai-mask-png.js";
import { composeInpaintPrompt } from "../core/prompt/compose-inpaint-prompt.js";
import type { InpaintTarget } from "../core/protocol/plugin-messages.js";
import type { Recipe } from "../core/protocol/recipe.js";
import { cropImage, type PixelRect } from "../core/raster/crop-image.js";
import type { PngCodec } from "../core/raster/png-codec-type.js";
import { resizeImage } from "../core/raster/resize-image.js";
import type { RgbaImage } from "../core/raster/rgba-image.js";
import type { UiChannel } from "./ui-channel.js";

/**
 * Starting values, in pixels of the exported image. Grow 4 px covers the anti-aliased edge of a
 * shape and a little of the object's outline; feather 12 px is a fade wide enough to hide the seam
 * on a photo yet narrow enough that the area that may change stays close to the shape.
 * `maxSendEdge`: the context crop is sent at most this long on its long side (providers make at most
 * about 2K pictures; larger would only cost upload time). `maxPreviewEdge`: previews are thumbnails,
 * and encoding a full-size crop per variant would cost more than the compositing.
 */
export const INPAINT_DEFAULTS = { growPx: 4, featherPx: 12, maxSendEdge: 2048, maxPreviewEdge: 512 } as const;

/**
 * The part of the proxy client the job uses (`ProxyClient` from proxy-client.ts fits it); the
 * command line passes the proxy's route run in-process.
 */
export interface InpaintProxy {
  generateAsync(request: ImagesRequest, callbacks?: { signal?: AbortSignal; onPartial?: (index: number, pngBase64: string) => void }): Promise<ImagesResponse>;
}

/** What one inpaint run needs: the exported sources, the prompt and model, and the mask settings (pixels). */
export interface InpaintJobInput {
  /** What main's `export-inpaint-sources` returned, or any image and mask PNG pair of one size (headless use). */
  sources: { image: Uint8Array; mask: Uint8Array; target?: InpaintTarget };
  /** The designer's words for the masked area. */
  prompt: string;
  model: string;
  quality?: Quality;
  /** Variants to make (1–8). */
  n: number;
  /** Locked brand colours `#RRGGBB`: enforced on the patch only, inside the mask. */
  palette: readonly string[];
  /** Reference images the designer attached (their node ids go into the recipe). */
  references?: readonly ReferenceImage[];
  /** Pixels the selection is grown by before feathering (default {@link INPAINT_DEFAULTS}). */
  growPx?: number;
  /** Width in pixels of the fade outside the grown selection (default {@link INPAINT_DEFAULTS}). */
  featherPx?: number;
  /** Keep each candidate's full composite image in memory (the command line writes it out). */
  keepComposite?: boolean;
  signal?: AbortSignal;
  /** A stage sentence for the panel. */
  onProgress?: (stage: string) => void;
  /** Partial previews of the model's picture of the crop (base64 PNG). */
  onPartial?: (index: number, pngBase64: string) => void;
}

/** One inpainted variant: a patch to place, and what it changed, measured on the composited pixels. */
export interface InpaintCandidate {
  index: number;
  /** Transparent straight-alpha PNG of `bounds.width × bounds.height`; transparent wherever the blend mask is 0. */
  patchPng: Uint8Array;
  /** Where the patch sits, in pixels of the exported image. */
  bounds: PixelRect;
  /** PNG of the composite over the context crop, scaled down to at most 512 px a side, for previews. */
  previewPng: Uint8Array;
  /** Pixels that differ from the source inside mask + feather. */
  changedInside: number;
  /** Pixels that differ from the source outside mask + feather: 0 unless something is broken. */
  changedOutside: number;
  /** "0 pixels changed beyond the soft edge", from `changedOutside`. */
  summary: string;
  /** The proxy's lock report on the model's picture, or null without locked colours. */
  lockReport: LockReport | null;
  /** The proxy's sentence when the model's picture came back at another size (kept in the recipe). */
  note?: string;
  /** The whole composite (source size), only with `keepComposite`. */
  composite?: RgbaImage;
}

/** A finished run: every candidate, what was sent (crop, size, prompt) and what the proxy reported. */
export interface InpaintJobResult {
  /** Where the patches must land (absent for headless sources). */
  target: InpaintTarget | null;
  /** Size of the source image and mask, in pixels. */
  width: number;
  height: number;
  growPx: number;
  featherPx: number;
  /** The context crop sent to the model, in source pixels. */
  crop: PixelRect;
  /** The size the crop and its mask were sent at. */
  sentSize: { width: number; height: number };
  /** Pixels where the blend mask (mask grown and feathered) is non-zero: the most that can change. */
  blendPixels: number;
  candidates: InpaintCandidate[];
  failures: VariantFailure[];
  response: Omit<ImagesResponse, "images">;
  promptSent: string;
}

/** The image scaled down (Lanczos) so neither side exceeds `edge` pixels; unchanged when it already fits. */
function fitWithin(image: RgbaImage, edge: number): RgbaImage {
  const k = edge / Math.max(image.width, image.height);
  if (k >= 1) return image;
  return resizeImage(image, Math.max(1, Math.round(image.width * k)), Math.max(1, Math.round(image.height * k)));
}

/**
 * "0 pixels changed beyond the soft edge" / "1 pixel changed …": the edge is the selection grown and
 * feathered, the only area compositing can touch (pixels inside it but outside the drawn shapes may change).
 */
function summarize(outside: number): string {
  return `${outside.toLocaleString("en-US")} ${outside === 1 ? "pixel" : "pixels"} changed beyond the soft edge`;
}

/**
 * Lays a (palette-locked) patch over the composite in place, with the formula of
 * `compositeInpaint`: colour = source + (patch − source) · a_p / a_s per channel, so where the patch
 * is transparent the composite keeps the source's bytes.
 */
function layPatch(composite: RgbaImage, source: RgbaImage, patch: InpaintPatch): void {
  const { bounds, image } = patch;
  for (let y = 0; y < bounds.height; y++) {
    for (let x = 0; x < bounds.width; x++) {
      const r = (y * bounds.width + x) * 4;
      const alpha = image.data[r + 3]!;
      if (alpha === 0) continue;
      const o = ((y + bounds.y) * source.width + x + bounds.x) * 4;
      const t = alpha / source.data[o + 3]!;
      for (let c = 0; c < 3; c++) composite.data[o + c] = source.data[o + c]! + (image.data[r + c]! - source.data[o + c]!) * t;
    }
  }
}

/**
 * Inpaints the masked area of an exported image (ARCHITECTURE.md, "Inpaint"):
 *
 * 1. The mask (white or opaque = change) is grown by `growPx` and feathered by `featherPx` into the
 *    blend mask; the context crop is the blend mask's bounds with padding (`contextCrop`), sent at
 *    most `maxSendEdge` px long.
 * 2. `POST /v1/images` with the crop as `image`, the OpenAI-style mask (alpha 0 = edit, covering the
 *    whole blend mask) as `mask`, the prompt and `n`.
 * 3. Each picture the model returns (any size) is resampled onto the crop and blended through the
 *    blend mask into a patch layer (`makePatch`), transparent wherever the blend mask is 0; the
 *    composite is that patch laid over the source, as Figma shows it, so every pixel where the
 *    blend mask is 0 is the source's, byte for byte, whatever the model did. With locked colours, the proxy
 *    locks the palette on the model's picture (`lockPalette`) before it is blended, so only the masked area
 *    carries corrected pixels.
 * 4. Changed pixels are counted on that composite (`countChangedPixels`) inside and outside the
 *    blend mask (`changedOutside`, 0: the byte-for-byte promise holds there). Pixels inside the soft
 *    edge but outside the drawn shapes may change; `brandfill inpaint` counts those too.
 *
 * PNGs are read and written by `codec` (the panel passes the browser's, Node `fastPngCodec`). The
 * browser's rounds the colour of translucent pixels but keeps alpha exact, so the patch stays
 * transparent wherever the blend mask is 0 and the source shows through untouched there.
 *
 * @throws RangeError when the mask is empty or its size differs from the image's;
 *   ProxyError with the proxy's code and sentence (cancelled, content_blocked, …); the codec's
 *   sentence when a picture cannot be read.
 */
export async function runInpaintJobAsync(input: InpaintJobInput, proxy: InpaintProxy, codec: PngCodec): Promise<InpaintJobResult> {
  const growPx = input.growPx ?? INPAINT_DEFAULTS.growPx;
  const featherPx = input.featherPx ?? INPAINT_DEFAULTS.featherPx;
  input.onProgress?.("Preparing the mask…");
  const [source, drawn] = await Promise.all([codec.decodeAsync(input.sources.image), codec.decodeAsync(input.sources.mask)]);
  const shapes = maskFromImage(drawn);
  if (shapes.width !== source.width || shapes.height !== source.height) {
    throw new RangeError(`The mask is ${shapes.width}×${shapes.height} px but the image is ${source.width}×${source.height} px; they must be the same size.`);
  }
  const blend = blendMask(shapes, growPx, featherPx);
  const crop = contextCrop(blend, source);
  const sent = fitWithin(cropImage(source, crop), INPAINT_DEFAULTS.maxSendEdge);
  const sentSize = { width: sent.width, height: sent.height };
  const editMask = openAiMaskPng(blend, crop, sentSize);
  const [sentPng, editMaskPng] = await Promise.all([codec.encodeAsync(sent), codec.encodeAsync(editMask)]);
  const promptSent = composeInpaintPrompt(input.prompt, input.palette);

  input.onProgress?.("Asking the model…");
  const response = await proxy.generateAsync(
    {
      model: input.model,
      prompt: promptSent,
      width: sentSize.width,
      height: sentSize.height,
      n: input.n,
      ...(input.quality ? { quality: input.quality } : {}),
      // The proxy locks the palette on the model's picture before it is blended in, so the
      // designer's own pixels around the selection are never recoloured.
      ...(input.palette.length ? { palette: [...input.palette], lockPalette: true } : {}),
      image: { data: encodeBase64(sentPng), mimeType: "image/png" },
      mask: { data: encodeBase64(editMaskPng) },
      ...(input.references?.length ? { references: referenceInputs(input.references) } : {}),
    },
    {
      ...(input.signal ? { signal: input.signal } : {}),
      ...(input.onPartial ? { onPartial: input.onPartial } : {}),
    },
  );

  input.onProgress?.("Blending into the image…");
  const candidates: InpaintCandidate[] = [];
  for (const [index, picture] of response.images.entries()) {
    input.signal?.throwIfAborted();
    const layers = { source, result: await codec.decodeAsync(decodeBase64(picture.data)), blendMask: blend, crop };
    const placed = makePatch(layers);
    if (!placed) throw new RangeError("The selection lies outside the area sent to the model, so there is nothing to blend.");
    const lockReport: LockReport | null = picture.lockReport ?? null;
    // The composite is the placed patch over the source, as Figma will show it: the model's picture
    // is resampled once (for the patch), and the counts are measured on what the designer sees.
    const composite: RgbaImage = { width: source.width, height: source.height, data: new Uint8ClampedArray(source.data) };
    layPatch(composite, source, placed);
    const { inside: changedInside, outside: changedOutside } = countChangedPixels(source, composite, blend);
    const [patchPng, previewPng] = await Promise.all([codec.encodeAsync(placed.image), codec.encodeAsync(fitWithin(cropImage(composite, crop), INPAINT_DEFAULTS.maxPreviewEdge))]);
    candidates.push({
      index,
      patchPng,
      bounds: placed.bounds,
      previewPng,
      changedInside,
      changedOutside,
      summary: summarize(changedOutside),
      lockReport,
      ...(picture.note ? { note: picture.note } : {}),
      ...(input.keepComposite ? { composite } : {}),
    });
    // Let the panel breathe between large images.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  let blendPixels = 0;
  for (const v of blend.data) if (v > 0) blendPixels++;
  const { images: _images, ...rest } = response;
  return {
    target: input.sources.target ?? null,
    width: source.width,
    height: source.height,
    growPx,
    featherPx,
    crop,
    sentSize,
    blendPixels,
    candidates,
    failures: response.failures ?? [],
    response: rest,
    promptSent,
  };
}

/** The recipe stored on a placed patch (no key, no token, no image data). */
export function inpaintRecipe(input: Pick<InpaintJobInput, "prompt" | "palette" | "references">, job: InpaintJobResult, candidate: InpaintCandidate): Recipe {
  return {
    version: 1,
    kind: "inpaint",
    promptTyped: input.prompt,
    promptSent: job.promptSent,
    model: job.response.model,
    provider: job.response.provider,
    size: { width: candidate.bounds.width, height: candidate.bounds.height },
    providerRequest: { ...job.response.providerRequest, crop: job.crop, sentSize: job.sentSize, growPx: job.growPx, featherPx: job.featherPx, bounds: candidate.bounds },
    references: (input.references ?? []).map((r) => r.nodeId),
    palette: [...input.palette],
    // One candidate's share of the run's cost.
    costUsd: job.response.costUsd === null ? null : job.response.costUsd / Math.max(1, job.candidates.length),
    createdAt: new Date().toISOString(),
    watermark: job.response.watermark,
    sourceNodeId: job.target?.nodeId ?? "",
    ...(candidate.lockReport ? { lockReport: candidate.lockReport.colours.map(({ region: _region, ...c }) => ({ ...c })) } : {}),
    ...(candidate.note ? { note: candidate.note } : {}),
  };
}

/**
 * Asks main to place one candidate over the image the job was exported from (whatever is selected
 * now) and hide the shapes that made the mask.
 * @throws Error when the job has no target (headless sources); MainError with main's sentence.
 */
export async function placeInpaintCandidateAsync(
  channel: UiChannel,
  input: Pick<InpaintJobInput, "prompt" | "palette">,
  job: InpaintJobResult,
  candidate: InpaintCandidate,
): Promise<{ nodeId: string; name: string; hiddenShapeIds: string[] }> {
  if (!job.target) throw new Error("This inpaint was not made from a Figma image, so there is nowhere to place it.");
  return channel.requestAsync({
    type: "place-inpaint-patch",
    target: job.target,
    png: candidate.patchPng,
    bounds: candidate.bounds,
    recipe: inpaintRecipe(input, job, candidate),
  });
}
