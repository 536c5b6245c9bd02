import type { RgbaImage } from "../raster/rgba-image.js";
import type { GreyMask } from "./grey-mask.js";

/**
 * Reads a mask picture where **white or opaque means "change"** (the `--mask` convention of
 * the command line and of Figma's white-on-black shape export).
 *
 * - A fully opaque picture (e.g. white shapes on a black frame) is read by its luminance,
 *   Y = 0.2126 R + 0.7152 G + 0.0722 B on the 0–255 sRGB values (ITU-R BT.709 weights).
 * - A picture with any transparency (shapes on a transparent frame, alpha masks) is read by
 *   its alpha, whatever the shapes' colour; a white-on-transparent export therefore gives
 *   the same mask as its white-on-black twin.
 *
 * This is the opposite of OpenAI's edit mask, where transparent means change: see
 * `maskFromOpenAiMask` for that one.
 * @param image straight-alpha RGBA mask picture
 * @returns a mask of the same size, 0–255 (255 = change)
 */
export function maskFromImage(image: RgbaImage): GreyMask {
  const { width, height, data: rgba } = image;
  const n = width * height;
  const data = new Uint8Array(n);
  let opaque = true;
  for (let p = 0; p < n; p++) {
    if (rgba[p * 4 + 3]! !== 255) {
      opaque = false;
      break;
    }
  }
  if (opaque) {
    for (let p = 0; p < n; p++) {
      const o = p * 4;
      data[p] = Math.round(0.2126 * rgba[o]! + 0.7152 * rgba[o + 1]! + 0.0722 * rgba[o + 2]!);
    }
  } else {
    for (let p = 0; p < n; p++) data[p] = rgba[p * 4 + 3]!;
  }
  return { width, height, data };
}
