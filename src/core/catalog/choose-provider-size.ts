import type { GeminiImageSize, ModelEntry } from "./model-catalog.js";

/** What to ask a provider for, and the pixel size that is expected back. */
export interface ProviderSize {
  /** Expected output size in pixels. */
  width: number;
  height: number;
  /** OpenAI `size` parameter, e.g. "1536x1024". */
  openAiSize?: string;
  /** Gemini `imageConfig.aspectRatio`, e.g. "16:9". */
  aspectRatio?: string;
  /** Gemini `imageConfig.imageSize`. */
  imageSize?: GeminiImageSize;
}

/** Long edge of Gemini output per size tier at 1:1 (Gemini image docs: 1K = 1024 px). */
const GEMINI_TIER_EDGE: Record<GeminiImageSize, number> = { "512": 512, "1K": 1024, "2K": 2048, "4K": 4096 };

/** Distance between two aspect ratios (width / height) on a log scale, so 2:1 and 1:2 are equally far from 1:1. */
function aspectDistance(a: number, b: number): number {
  return Math.abs(Math.log(a / b));
}

function parseAspect(ratio: string): number {
  const [w, h] = ratio.split(":").map(Number);
  return w! / h!;
}

/**
 * Expected pixel size of a Gemini output: the tier's pixel count (edge²) at the given aspect,
 * edges rounded to 16. Matches Google's published 1K table within a few percent (e.g. 16:9 at 1K
 * → 1360×768 here, 1376×768 published); exact sizes do not matter because results are fitted.
 */
export function geminiOutputSize(aspectRatio: string, imageSize: GeminiImageSize): { width: number; height: number } {
  const aspect = parseAspect(aspectRatio);
  const edge = GEMINI_TIER_EDGE[imageSize];
  const width = edge * Math.sqrt(aspect);
  const height = edge / Math.sqrt(aspect);
  return { width: Math.max(16, Math.round(width / 16) * 16), height: Math.max(16, Math.round(height / 16) * 16) };
}

/**
 * Picks the provider request that loses least for a target size: the nearest aspect ratio
 * first (log distance), then enough pixels to cover the target at `scale` (so a 1200×628 fill
 * exported at 2× is not generated at 512 px), within the model's limits. Where the target
 * needs more than the model can make, the model's largest option at the nearest aspect wins.
 *
 * @param model a catalog entry.
 * @param target target size in pixels (the frame's size × export scale is `width*scale`).
 * @param scale export scale (1 = one pixel per point), default 1.
 */
export function chooseProviderSize(model: ModelEntry, target: { width: number; height: number }, scale = 1): ProviderSize {
  const need = { width: Math.ceil(target.width * scale), height: Math.ceil(target.height * scale) };
  const aspect = need.width / need.height;
  const rule = model.size;
  switch (rule.kind) {
    case "exact": {
      const k = Math.min(1, rule.maxEdge / Math.max(need.width, need.height));
      return { width: Math.max(1, Math.round(need.width * k)), height: Math.max(1, Math.round(need.height * k)) };
    }
    case "fixed": {
      const [w, h] = [...rule.sizes].sort((a, b) => aspectDistance(a[0] / a[1], aspect) - aspectDistance(b[0] / b[1], aspect) || b[0] * b[1] - a[0] * a[1])[0]!;
      return { width: w, height: h, openAiSize: `${w}x${h}` };
    }
    case "free": {
      const a = Math.min(rule.maxAspect, Math.max(rule.minAspect, aspect));
      // Pixels wanted: enough to cover the target at the chosen aspect, within the model's bounds.
      const coverPixels = Math.max((need.width * need.width) / a, need.height * need.height * a);
      const pixels = Math.min(rule.maxPixels, Math.max(rule.minPixels, coverPixels));
      let width = Math.sqrt(pixels * a);
      let height = Math.sqrt(pixels / a);
      const long = Math.max(width, height);
      const short = Math.min(width, height);
      const shrink = Math.min(1, rule.maxLongEdge / long, rule.maxShortEdge / short);
      width *= shrink;
      height *= shrink;
      const m = rule.multipleOf;
      let w = Math.max(m, Math.round(width / m) * m);
      let h = Math.max(m, Math.round(height / m) * m);
      // Rounding can step outside the limits: step back down by one multiple where it did.
      while (Math.max(w, h) > rule.maxLongEdge || Math.min(w, h) > rule.maxShortEdge || w * h > rule.maxPixels) {
        if (w >= h) w -= m;
        else h -= m;
      }
      while (w * h < rule.minPixels) {
        if (w / h < a) w += m;
        else h += m;
      }
      return { width: w, height: h, openAiSize: `${w}x${h}` };
    }
    case "aspect": {
      const aspectRatio = [...rule.aspectRatios].sort((x, y) => aspectDistance(parseAspect(x), aspect) - aspectDistance(parseAspect(y), aspect))[0]!;
      const tiers = [...rule.imageSizes].sort((x, y) => GEMINI_TIER_EDGE[x] - GEMINI_TIER_EDGE[y]);
      const sized = tiers.map((imageSize) => ({ imageSize, ...geminiOutputSize(aspectRatio, imageSize) }));
      // The smallest tier that covers the target once fitted (cover scale ≤ 1), else the largest.
      const pick = sized.find((s) => Math.max(need.width / s.width, need.height / s.height) <= 1) ?? sized[sized.length - 1]!;
      return { width: pick.width, height: pick.height, aspectRatio, imageSize: pick.imageSize };
    }
  }
}
