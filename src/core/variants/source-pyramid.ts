import { resizeImage } from "../raster/resize-image.js";
import type { RgbaImage } from "../raster/rgba-image.js";

/**
 * The source background at halving sizes: `levels[0]` is the image itself, each next level half
 * the previous (rounded up), down to about `minEdge` px. Every size of a batch resamples the same
 * source; starting from the smallest level at least as large as what it needs keeps the Lanczos
 * kernel short (its support grows with the reduction: Burger & Burge, Digital Image Processing,
 * §22.4), so twelve sizes cost little more than one.
 */
export interface SourcePyramid {
  readonly levels: readonly RgbaImage[];
}

/**
 * Builds the pyramid (each level made from the previous with `resizeImage`, Lanczos-3).
 * @param minEdge the shorter side below which no further level is made, pixels (default 64)
 */
export function createSourcePyramid(image: RgbaImage, minEdge = 64): SourcePyramid {
  const levels: RgbaImage[] = [image];
  for (;;) {
    const last = levels[levels.length - 1]!;
    const width = Math.ceil(last.width / 2);
    const height = Math.ceil(last.height / 2);
    if (Math.min(width, height) < minEdge || (width === last.width && height === last.height)) break;
    levels.push(resizeImage(last, width, height));
  }
  return { levels };
}

/**
 * The smallest level of the pyramid covering `width`×`height` pixels on both axes (the full
 * image when none does), or the image itself when given a plain image.
 */
export function sourceLevelFor(source: RgbaImage | SourcePyramid, width: number, height: number): RgbaImage {
  if (!("levels" in source)) return source;
  let best = source.levels[0]!;
  for (const level of source.levels) if (level.width >= width && level.height >= height) best = level;
  return best;
}
