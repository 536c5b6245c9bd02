import type { RgbaImage } from "../../src/core/raster/rgba-image.js";
import { synthesizePicture } from "./synthesize-picture.js";

/** How an emulated edit changes its input. */
export interface AlterImageOptions {
  /** Output size in pixels; the input is resampled nearest-neighbour when it differs. */
  readonly width: number;
  readonly height: number;
  /** Used to seed the synthetic picture painted into the edited region. */
  readonly seed: string;
  /**
   * OpenAI-style mask (same size as `source`): pixels with alpha 0 are the area to edit. Without a mask
   * the whole image is the edit area.
   */
  readonly mask?: RgbaImage;
  /**
   * Also change every pixel outside the mask, imitating a "soft" mask so tests can prove that the
   * caller composites the original back outside the edit area.
   */
  readonly alterEverything?: boolean;
}

/**
 * Emulates an image edit deterministically. With a mask, pixels where the mask is transparent become the
 * seeded synthetic picture and the rest stay as they were (or, with `alterEverything`, get every colour
 * channel XOR 0x80 so each one provably differs). Without a mask every pixel gets XOR 0x80, keeping the
 * input's structure recognisable. Output alpha is 255.
 */
export function alterImage(source: RgbaImage, options: AlterImageOptions): RgbaImage {
  const { width, height, mask } = options;
  const painted = synthesizePicture(width, height, options.seed);
  const out = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    const sy = Math.min(source.height - 1, Math.floor((y * source.height) / height));
    for (let x = 0; x < width; x++) {
      const sx = Math.min(source.width - 1, Math.floor((x * source.width) / width));
      const s = (sy * source.width + sx) * 4;
      const o = (y * width + x) * 4;
      const inEditArea = mask ? mask.data[(Math.min(mask.height - 1, sy) * mask.width + Math.min(mask.width - 1, sx)) * 4 + 3] === 0 : true;
      if (mask && inEditArea) {
        out[o] = painted.data[o]!;
        out[o + 1] = painted.data[o + 1]!;
        out[o + 2] = painted.data[o + 2]!;
      } else if (!mask || options.alterEverything) {
        out[o] = source.data[s]! ^ 0x80;
        out[o + 1] = source.data[s + 1]! ^ 0x80;
        out[o + 2] = source.data[s + 2]! ^ 0x80;
      } else {
        out[o] = source.data[s]!;
        out[o + 1] = source.data[s + 1]!;
        out[o + 2] = source.data[s + 2]!;
      }
      out[o + 3] = 255;
    }
  }
  return { width, height, data: out };
}
