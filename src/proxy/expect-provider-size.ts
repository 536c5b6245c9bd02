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

/**
 * Plans how a provider image of another size than asked is used, never thrown away (issue 15:
 * the provider has billed for it). Within the tolerance above it goes out as it came (or as the
 * request's `fit` says). Beyond it, it is resampled by cover to what was asked (the request's
 * `width × height` with `fit: "cover"`, else the provider size the proxy asked for):
 * - larger, same shape: scaled down, and nothing is said;
 * - smaller: scaled up, with a note "came back at 512×512, upscaled ×2" (the factor is the cover
 *   scale from the returned size to the size asked of the provider);
 * - another shape (aspect off by more than 5 %): cropped by cover, with a note saying so.
 *
 * @param asked the provider size the proxy asked for (`ProviderCall.size`), pixels.
 * @param image the returned image's size, pixels.
 * @param finish the request's own finish (fit and lock), or null.
 */
export function planProviderSize(asked: Size, image: Size, finish: ImageFinish | null): SizePlan {
  const aspectOff = Math.abs(Math.log(image.width / image.height / (asked.width / asked.height)));
  const areaRatio = (image.width * image.height) / (asked.width * asked.height);
  const wrongShape = aspectOff > MAX_ASPECT_LOG_DISTANCE;
  const tooSmall = areaRatio < 1 / MAX_AREA_FACTOR;
  if (!wrongShape && !tooSmall && areaRatio <= MAX_AREA_FACTOR) return { finish };
  const target = finish?.fit === "cover" ? finish : { width: asked.width, height: asked.height, fit: "cover" as const, lock: finish?.lock ?? [] };
  const returned = `came back at ${image.width}×${image.height}`;
  const upscale = Math.max(asked.width / image.width, asked.height / image.height);
  const parts: string[] = [];
  if (wrongShape) parts.push(`a different shape from the ${asked.width}×${asked.height} asked for, so it was cropped to fit`);
  if (tooSmall) parts.push(`upscaled ${factor(upscale)}`);
  const note = parts.length ? `The model's picture ${returned}, ${parts.join(" and ")}.` : undefined;
  return { finish: target, ...(note ? { note } : {}) };
}
