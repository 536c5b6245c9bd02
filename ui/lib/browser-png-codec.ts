// Runs in the plugin iframe: PNG decoding and encoding by the browser itself, so the panel ships no
// PNG library (fast-png, fflate and iobuffer were 34 KB of its bundle). Node uses `fastPngCodec`.
import { isPng } from "../../src/core/raster/is-png.js";
import type { PngCodec } from "../../src/core/raster/png-codec-type.js";

type Canvas2D = OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D;

/**
 * A CPU-backed sRGB 2D canvas of one size: `willReadFrequently` keeps `getImageData` off the GPU
 * readback path. An `OffscreenCanvas` where the browser has one; otherwise (Safari before 16.4,
 * whose OffscreenCanvas has no 2D context) a detached `<canvas>` element, which holds the same
 * premultiplied pixels.
 */
function canvasContext(width: number, height: number): Canvas2D {
  const options: CanvasRenderingContext2DSettings = { colorSpace: "srgb", willReadFrequently: true };
  let context: Canvas2D | null = null;
  try {
    if (typeof OffscreenCanvas === "function") context = new OffscreenCanvas(width, height).getContext("2d", options);
  } catch {
    context = null;
  }
  if (!context) {
    const element = document.createElement("canvas");
    element.width = width;
    element.height = height;
    context = element.getContext("2d", options);
  }
  if (!context) throw new Error(`The panel could not get a ${width}×${height} px canvas to work on this image.`);
  return context;
}

/** The canvas as PNG bytes: `convertToBlob` on an OffscreenCanvas, `toBlob` on an element. */
async function canvasPngAsync(context: Canvas2D): Promise<Uint8Array> {
  const canvas = context.canvas;
  const blob =
    "convertToBlob" in canvas
      ? await canvas.convertToBlob({ type: "image/png" })
      : await new Promise<Blob>((resolve, reject) =>
          canvas.toBlob((png) => (png ? resolve(png) : reject(new Error(`The panel could not encode a ${canvas.width}×${canvas.height} px image as PNG.`))), "image/png"),
        );
  return new Uint8Array(await blob.arrayBuffer());
}

/**
 * The browser's PNG codec, Figma's pattern for image work in a plugin UI: decode with
 * `createImageBitmap(blob, { premultiplyAlpha: "none", colorSpaceConversion: "none" })`, draw it on an
 * `OffscreenCanvas` (or a `<canvas>` element where there is none) and read it back with
 * `getImageData({ colorSpace: "srgb" })`; encode with `putImageData` and `convertToBlob` (`toBlob`). Images are 8-bit straight-alpha RGBA,
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
 * `encodeAsync` rejects when the browser cannot make a canvas of the image's size or encode it.
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
    return canvasPngAsync(context);
  },
};
