// Test support, not product code (the lock tests measure OKLab lightness and chroma of whole images with it).
import type { RgbaImage } from "../../../src/core/raster/rgba-image.js";
import { linearRgbToOklab } from "../../../src/core/colour/linear-rgb-to-oklab.js";
import { SRGB_BYTE_TO_LINEAR } from "../../../src/core/colour/srgb-to-linear.js";

/**
 * Converts every pixel of an image to OKLab (Ottosson 2020), ignoring alpha.
 * Uses the sRGB → linear lookup table and writes into one Float32Array, so nothing is allocated per pixel.
 * @param image 8-bit straight-alpha RGBA
 * @param out optional reuse buffer of at least `width × height × 3` floats
 * @returns `[L0, a0, b0, L1, a1, b1, …]`, row-major, 3 floats per pixel
 * @throws RangeError when `out` is too short.
 */
export function rgbaToOklab(image: RgbaImage, out?: Float32Array): Float32Array {
  const n = image.width * image.height;
  const lab = out ?? new Float32Array(n * 3);
  if (lab.length < n * 3) throw new RangeError(`The OKLab buffer holds ${lab.length} floats; ${n * 3} are needed.`);
  const data = image.data;
  const pixel = new Float64Array(3);
  for (let p = 0; p < n; p++) {
    linearRgbToOklab(SRGB_BYTE_TO_LINEAR[data[p * 4]!]!, SRGB_BYTE_TO_LINEAR[data[p * 4 + 1]!]!, SRGB_BYTE_TO_LINEAR[data[p * 4 + 2]!]!, pixel);
    lab[p * 3] = pixel[0]!;
    lab[p * 3 + 1] = pixel[1]!;
    lab[p * 3 + 2] = pixel[2]!;
  }
  return lab;
}
