// Runs in the plugin iframe: PNG decoding and encoding by the browser itself, so the panel ships no
// PNG library (fast-png, fflate and iobuffer were 34 KB of its bundle). Node uses `fastPngCodec`.
import { isPng } from "../../src/core/raster/is-png.js";
import type { PngCodec } from "../../src/core/raster/png-codec-type.js";

/** A CPU-backed sRGB 2D canvas of one size: `willReadFrequently` keeps `getImageData` off the GPU readback path. */
function canvasContext(width: number, height: number): OffscreenCanvasRenderingContext2D {
  const context = new OffscreenCanvas(width, height).getContext("2d", { colorSpace: "srgb", willReadFrequently: true });
  if (!context) throw new Error(`The panel could not get a ${width}×${height} px canvas to work on this image.`);
  return context;
}

/**
 * The browser's PNG codec, Figma's pattern for image work in a plugin UI: decode with
 * `createImageBitmap(blob, { premultiplyAlpha: "none", colorSpaceConversion: "none" })`, draw it on an
 * `OffscreenCanvas` and read it back with `getImageData({ colorSpace: "srgb" })`; encode with
 * `putImageData` and `convertToBlob({ type: "image/png" })`. Images are 8-bit straight-alpha RGBA,
 * sRGB in and sRGB out: embedded colour profiles and gamma are ignored, as fast-png ignores them.
 *
 * Exactness: a 2D canvas stores **premultiplied** alpha, so every pass through it rounds colour to
 * what `round(c · a / 255)` can hold.
 * - Alpha is always exact, and so is colour wherever alpha is 255 (opaque pixels round-trip byte for byte).
 * - Where alpha is 0 the colour is lost (it reads back as 0, 0, 0, 0); it means nothing there.
 * - Where 0 < alpha < 255 a colour channel may move by up to ⌈127.5 / alpha⌉ levels (≤ 1 level at
 *   alpha ≥ 128, ≤ 3 at alpha ≥ 43), half the premultiplied grid's step seen in straight alpha. The
 *   rounding does not compound: a decoded image is already on the grid and re-encodes unchanged.
 *   An inpaint patch keeps its guarantee: it is alpha 0 outside the feathered mask, and alpha is exact.
 * - 16-bit PNGs come down to 8 bits by the browser's own reduction (within 1 level of fast-png's).
 *
 * `decodeAsync` rejects with "The image is not a PNG the panel can read." when the bytes lack the PNG
 * signature, and with a sentence naming a damaged or cut-off PNG when the browser cannot decode them.
 * `encodeAsync` rejects when the browser cannot make a canvas of the image's size.
 */
export const browserPngCodec: PngCodec = {
  async decodeAsync(bytes) {
    if (!isPng(bytes)) throw new Error("The image is not a PNG the panel can read.");
    let bitmap: ImageBitmap;
    try {
      bitmap = await createImageBitmap(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: "image/png" }), {
        premultiplyAlpha: "none",
        colorSpaceConversion: "none",
      });
    } catch {
      throw new Error("The PNG image is damaged or cut off, so the panel cannot read it.");
    }
    try {
      const { width, height } = bitmap;
      const context = canvasContext(width, height);
      context.drawImage(bitmap, 0, 0);
      return { width, height, data: context.getImageData(0, 0, width, height, { colorSpace: "srgb" }).data };
    } finally {
      bitmap.close();
    }
  },

  async encodeAsync(image) {
    const { width, height } = image;
    const context = canvasContext(width, height);
    context.putImageData(new ImageData(image.data as Uint8ClampedArray<ArrayBuffer>, width, height, { colorSpace: "srgb" }), 0, 0);
    const blob = await context.canvas.convertToBlob({ type: "image/png" });
    return new Uint8Array(await blob.arrayBuffer());
  },
};
