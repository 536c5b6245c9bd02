import type { ImageFinish } from "./finish-image.js";

/**
 * How far a returned image may stray from the size asked for and still go out as the provider
 * made it. Aspect: 5 % on a log scale, wide enough for Google's published Gemini tables (16:9 at
 * 1K is 1376×768, 1.3 % off the ratio; 21:9 is 1536×672, 2 % off) and far tighter than a wrong
 * answer (1:1 for 16:9 is 44 %). Area: half to twice the expected pixels, so an image from
 * another size tier (4× apart) is caught while rounding to 16 px and table differences (a few %)
 * never are.
 */
const MAX_ASPECT_LOG_DISTANCE = 0.05;
const MAX_AREA_FACTOR = 2;

/** Pixel sizes. */
interface Size {
  width: number;
  height: number;
}

/** What the route does about one provider image's size, and what it tells the designer. */
export interface SizePlan {
  /** The finish to run (null: pass the provider's bytes on untouched). */
  finish: ImageFinish | null;
  /** A sentence for the designer when the picture was upscaled or cropped to another shape. */
  note?: string;
}

/** "×2", "×1.5": an upscale factor to one decimal. */
function factor(scale: number): string {
  return `×${Number(scale.toFixed(1))}`;
}

/** Distance between two shapes (width / height) on a log scale, so 2:1 and 1:2 are equally far from 1:1. */
function shapeDistance(a: Size, b: Size): number {
  return Math.abs(Math.log(a.width / a.height / (b.width / b.height)));
}

/**
 * Plans how a provider image of another size than asked is used, never thrown away (issue 15:
 * the provider has billed for it). Within the tolerance above it goes out as it came (or as the
 * request's `fit` says). Beyond it, it is resampled by cover to the placed size (the request's
 * `width × height` with `fit: "cover"`, else the provider size the proxy asked for):
 * - larger: scaled down, and nothing is said;
 * - smaller: scaled up, with a note "came back at 512×512, upscaled ×2" (the factor is the cover
 *   scale from the returned size to the placed size; none when nothing was scaled up);
 * - another shape: cropped by cover, with a note when the crop takes more than the size asked
 *   for would have (5 % on the log scale): a picture closer to the frame's shape than asked
 *   (a 3072×384 answer for a 728×90 banner) is simply used.
 *
 * @param asked the provider size the proxy asked for (`ProviderCall.size`), pixels.
 * @param image the returned image's size, pixels.
 * @param finish the request's own finish (fit and lock), or null.
 */
export function planProviderSize(asked: Size, image: Size, finish: ImageFinish | null): SizePlan {
  const areaRatio = (image.width * image.height) / (asked.width * asked.height);
  const offShape = shapeDistance(image, asked) > MAX_ASPECT_LOG_DISTANCE;
  const tooSmall = areaRatio < 1 / MAX_AREA_FACTOR;
  if (!offShape && !tooSmall && areaRatio <= MAX_AREA_FACTOR) return { finish };
  const target = finish?.fit === "cover" ? finish : { width: asked.width, height: asked.height, fit: "cover" as const, lock: finish?.lock ?? [] };
  const upscale = Math.max(target.width / image.width, target.height / image.height);
  const parts: string[] = [];
  if (shapeDistance(image, target) > shapeDistance(asked, target) + MAX_ASPECT_LOG_DISTANCE) parts.push("a different shape from the one asked for, so it was cropped to fit");
  if (tooSmall && upscale > 1.05) parts.push(`upscaled ${factor(upscale)}`);
  const note = parts.length ? `The model's picture came back at ${image.width}×${image.height}, ${parts.join(" and ")}.` : undefined;
  return { finish: target, ...(note ? { note } : {}) };
}
