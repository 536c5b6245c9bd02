// Runs in the plugin iframe (and in Node tests): the Fill job from prompt to placed layer.
import type { ImagesResponse, VariantFailure } from "../core/api/images-request.js";
import type { LockReport } from "../core/colour/lock-palette.js";
import { nameColour } from "../core/colour/name-colour.js";
import { renderPaletteSwatch } from "../core/colour/render-palette-swatch.js";
import { decodeBase64, encodeBase64 } from "../core/encoding/base64.js";
import type { FrameSpec } from "../core/frame-spec/frame-spec.js";
import { composeFillPrompt } from "../core/prompt/compose-fill-prompt.js";
import type { JobTarget } from "../core/protocol/job-target.js";
import type { Recipe } from "../core/protocol/recipe.js";
import type { PngCodec } from "../core/raster/png-codec-type.js";
import type { Quality } from "../core/catalog/model-catalog.js";
import type { ProxyClient } from "./proxy-client.js";
import type { UiChannel } from "./ui-channel.js";

/** Figma's image limit per side (pixels). */
const MAX_EDGE = 4096;

export interface FillJobInput {
  spec: FrameSpec;
  /** The designer's words. */
  prompt: string;
  model: string;
  quality?: Quality;
  /** Variants to make (1–8). */
  n: number;
  /** Locked brand colours `#RRGGBB`: sent in the prompt and enforced on the pixels. */
  palette: readonly string[];
  /**
   * Send the locked colours as a swatch reference image too. For models that take references
   * alongside a generation (Gemini); OpenAI only takes images as edit sources, so not there.
   */
  paletteSwatch?: boolean;
  /** `"transparent"`: a cut-out on a transparent background (models whose catalog entry has `transparentBackground`). */
  background?: "transparent";
  /**
   * Reference images the designer attached (layers exported by main as PNG), sent with the
   * prompt; their node ids go into the recipe so Regenerate can export them again.
   */
  references?: readonly ReferenceImage[];
  /** Pixels per point of the placed image (1 or 2); capped so no side exceeds 4096 px. */
  scale: number;
  signal?: AbortSignal;
  /** Progress for the panel: a stage sentence, and partial previews as base64 PNG. */
  onProgress?: (stage: string) => void;
  onPartial?: (index: number, pngBase64: string) => void;
}

/** A layer exported as a reference image: its node id (kept in the recipe) and PNG bytes. */
export interface ReferenceImage {
  nodeId: string;
  png: Uint8Array;
}

/** References as the proxy takes them: base64 PNG. */
export function referenceInputs(references: readonly ReferenceImage[] | undefined): { data: string; mimeType: "image/png" }[] {
  return (references ?? []).map((r) => ({ data: encodeBase64(r.png), mimeType: "image/png" }));
}

/** One generated candidate, fitted to the frame's exact pixel size, ready to place. */
export interface FillCandidate {
  index: number;
  /** PNG of exactly `width × height` pixels. */
  png: Uint8Array;
  width: number;
  height: number;
  lockReport: LockReport | null;
  /** The proxy's sentence when the model's picture came back at another size (shown, and kept in the recipe). */
  note: string | null;
}

export interface FillJobResult {
  target: JobTarget;
  candidates: FillCandidate[];
  failures: VariantFailure[];
  response: Omit<ImagesResponse, "images">;
  promptSent: string;
}

/** Pixel size of a fill for a frame at a scale, within Figma's 4096 px limit. */
export function fillPixelSize(spec: Pick<FrameSpec, "width" | "height">, scale: number): { width: number; height: number } {
  const k = Math.min(scale, MAX_EDGE / spec.width, MAX_EDGE / spec.height);
  return { width: Math.max(1, Math.round(spec.width * k)), height: Math.max(1, Math.round(spec.height * k)) };
}

/**
 * Generates fill candidates for a frame: composes the prompt from the designer's words and the
 * FrameSpec (keep-clear zones, palette) and asks the proxy for pictures of the frame's exact
 * pixel size (`fit: "cover"`: scaled and centre-cropped, never stretched) with the palette
 * locked on their pixels (`lockPalette`); the proxy does both next to the model call, so the
 * candidates are its PNGs as they came.
 * The job's target is captured now, so placing later lands on this frame whatever is selected.
 *
 * @param codec writes the palette swatch reference (the panel passes the browser's, Node `fastPngCodec`)
 * @throws ProxyError with the proxy's code and sentence (cancelled, content_blocked, …); Error
 *   when the proxy answers a picture of another size (a proxy older than `fit`).
 */
export async function generateFillAsync(input: FillJobInput, proxy: ProxyClient, codec: PngCodec): Promise<FillJobResult> {
  const target: JobTarget = { nodeId: input.spec.nodeId, pageId: input.spec.pageId, width: input.spec.width, height: input.spec.height };
  const size = fillPixelSize(input.spec, input.scale);
  const swatch = input.paletteSwatch && input.palette.length ? await codec.encodeAsync(renderPaletteSwatch(input.palette)) : null;
  const composed = composeFillPrompt({ userPrompt: input.prompt, spec: input.spec, palette: input.palette, nameColour, swatchAttached: swatch !== null });
  const prompt = composed.prompt;
  input.onProgress?.("Asking the model…");
  const response = await proxy.generateAsync(
    {
      model: input.model,
      prompt,
      width: size.width,
      height: size.height,
      n: input.n,
      ...(input.quality ? { quality: input.quality } : {}),
      ...(input.background ? { background: input.background } : {}),
      ...(input.palette.length ? { palette: [...input.palette] } : {}),
      keepClear: composed.keepClear,
      fit: "cover",
      ...(input.palette.length ? { lockPalette: true } : {}),
      ...(swatch || input.references?.length
        ? { references: [...(swatch ? [{ data: encodeBase64(swatch), mimeType: "image/png" as const }] : []), ...referenceInputs(input.references)] }
        : {}),
    },
    {
      ...(input.signal ? { signal: input.signal } : {}),
      ...(input.onPartial ? { onPartial: input.onPartial } : {}),
    },
  );
  const candidates = response.images.map((image, index): FillCandidate => {
    if (image.width !== size.width || image.height !== size.height) {
      throw new Error(
        `The proxy sent a ${image.width}×${image.height} picture for a ${size.width}×${size.height} frame. Update the proxy: this panel needs one that fits pictures to the frame.`,
      );
    }
    return { index, png: decodeBase64(image.data), ...size, lockReport: image.lockReport ?? null, note: image.note ?? null };
  });
  const { images: _images, ...rest } = response;
  return { target, candidates, failures: response.failures ?? [], response: rest, promptSent: prompt };
}

/** The recipe stored on a placed fill (no key, no token, no image data). */
export function fillRecipe(input: Pick<FillJobInput, "prompt" | "palette" | "references">, job: FillJobResult, candidate: FillCandidate): Recipe {
  return {
    version: 1,
    kind: "fill",
    promptTyped: input.prompt,
    promptSent: job.promptSent,
    model: job.response.model,
    provider: job.response.provider,
    size: { width: candidate.width, height: candidate.height },
    providerRequest: job.response.providerRequest,
    references: (input.references ?? []).map((r) => r.nodeId),
    palette: [...input.palette],
    // One candidate's share of the run's cost.
    costUsd: job.response.costUsd === null ? null : job.response.costUsd / Math.max(1, job.candidates.length),
    createdAt: new Date().toISOString(),
    watermark: job.response.watermark,
    sourceNodeId: job.target.nodeId,
    // The proxy's size note ("came back at 512×512, upscaled ×2"), kept once the recipe schema has it.
    ...(candidate.note ? { note: candidate.note } : {}),
    ...(candidate.lockReport ? { lockReport: candidate.lockReport.colours.map(({ region: _region, ...c }) => ({ ...c })) } : {}),
    ...(candidate.note ? { note: candidate.note } : {}),
  };
}

/** Asks main to place one candidate on the job's target. Resolves with the new layer. */
export async function placeFillCandidateAsync(
  channel: UiChannel,
  input: Pick<FillJobInput, "prompt" | "palette">,
  job: FillJobResult,
  candidate: FillCandidate,
): Promise<{ nodeId: string; name: string }> {
  return channel.requestAsync({
    type: "place-fill",
    target: job.target,
    png: candidate.png,
    width: candidate.width,
    height: candidate.height,
    recipe: fillRecipe(input, job, candidate),
  });
}
