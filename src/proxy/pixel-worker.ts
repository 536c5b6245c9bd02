// Runs in a worker thread of the proxy's pixel pool (pixel-pool.ts): the offline model's pictures
// and the route's fit, each a few hundred milliseconds at 4096², that would otherwise stall every
// other request on the event loop. Pixels arrive and leave as moved buffers, never copied; the
// offline model's tasks take and give PNG bytes, so its pixels never reach the main thread at all.
import { move, transferableSymbol, valueSymbol } from "piscina";
import sharp from "sharp";
import { fillMaskedArea } from "../core/inpaint/fill-masked-area.js";
import { maskFromOpenAiMask } from "../core/inpaint/mask-from-open-ai-mask.js";
import { outpaintKeptRect } from "../core/inpaint/outpaint-kept-rect.js";
import { extendByReflection } from "../core/variants/extend-by-reflection.js";
import { generateOfflineImage, type OfflineImageInput } from "../core/offline/generate-offline-image.js";
import { fitCover } from "../core/raster/fit-cover.js";
import { resizeImage } from "../core/raster/resize-image.js";
import type { RgbaImage } from "../core/raster/rgba-image.js";
import { MAX_INPUT_EDGE } from "./read-image-input.js";

/** 8-bit straight-alpha RGBA pixels as they cross threads (`data` is moved). */
export interface RawPixels {
  width: number;
  height: number;
  data: ArrayBuffer;
}

/** A task's answer: the pixels, or a sentence for the designer when the input cannot be used. */
export type PixelResult = { pixels: RawPixels } | { refused: string };

const asImage = (p: RawPixels): RgbaImage => ({ width: p.width, height: p.height, data: new Uint8ClampedArray(p.data) });

/** Posts the pixels back with their buffer moved (piscina's transferable protocol). */
function moved(image: RgbaImage): PixelResult {
  // A view on part of a larger buffer is copied out first: only whole buffers move.
  const whole = image.data.byteOffset === 0 && image.data.byteLength === image.data.buffer.byteLength;
  const data = (whole ? image.data.buffer : image.data.slice().buffer) as ArrayBuffer;
  const result: PixelResult = { pixels: { width: image.width, height: image.height, data } };
  return move({ [transferableSymbol]: [data], [valueSymbol]: result } as never) as unknown as PixelResult;
}

/** {@link fitCover}: scale to cover `width × height` and keep the centre (Lanczos). */
export function fitCoverTask(task: { image: RawPixels; width: number; height: number }): PixelResult {
  return moved(fitCover(asImage(task.image), task.width, task.height));
}

/** A finished offline picture as PNG bytes (moved), or a sentence for the designer. */
export type PngResult = { png: ArrayBuffer; width: number; height: number } | { refused: string };

/**
 * An input image's pixels (PNG, JPEG or WebP) by sharp, never past `MAX_INPUT_EDGE`² pixels
 * (`limitInputPixels`), as 8-bit straight-alpha RGBA; null when it cannot be read. The route has
 * already checked that a PNG's data matches its header (check-png-inflate.ts).
 */
async function decodeAsync(bytes: Uint8Array): Promise<RgbaImage | null> {
  try {
    const { data, info } = await sharp(bytes, { limitInputPixels: MAX_INPUT_EDGE * MAX_INPUT_EDGE, failOn: "error" })
      .toColourspace("srgb")
      .ensureAlpha()
      .raw({ depth: "uchar" })
      .toBuffer({ resolveWithObject: true });
    return { width: info.width, height: info.height, data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength) };
  } catch {
    return null;
  }
}

/** 8-bit RGBA PNG (zlib level 6, as sharp-png-codec.ts), moved back to the main thread. */
async function pngResultAsync(image: RgbaImage): Promise<PngResult> {
  const raw = Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength);
  const encoded = await sharp(raw, { raw: { width: image.width, height: image.height, channels: 4 } })
    .png({ compressionLevel: 6 })
    .toBuffer();
  // sharp's buffer is external memory, which cannot be moved: copied into a plain one (compressed, small).
  const png = new Uint8Array(encoded).buffer as ArrayBuffer;
  const result: PngResult = { png, width: image.width, height: image.height };
  return move({ [transferableSymbol]: [png], [valueSymbol]: result } as never) as unknown as PngResult;
}

/**
 * The offline edit of one variant, from PNG/JPEG/WebP bytes to PNG bytes: with an outpaint mask
 * (a kept rectangle, everything around it to paint: `outpaintKeptRect`) the picture is continued
 * outwards, mirrored and increasingly out of focus (`extendByReflection`); with another mask (OpenAI
 * convention, alpha 0 = change, read with `maskFromOpenAiMask`), every masked pixel is filled from
 * its surroundings (`fillMaskedArea`: Telea's fast-marching inpainting near the edge, radius
 * `radius` px, blended into a streak-free pull-push fill far from it, so outpainted margins stay
 * soft) and every other pixel is kept; without a mask the image is unchanged. Either way the
 * picture is then resized to `width × height` (Lanczos, `resizeImage`) when it is not that size.
 * An input that cannot be read, or a mask that leaves nothing to fill from, is answered as
 * `refused` with a sentence naming the field.
 */
export async function editOfflineTask(task: { image: Uint8Array; mask: Uint8Array | null; radius: number; width: number; height: number }): Promise<PngResult> {
  const [image, mask] = await Promise.all([decodeAsync(task.image), task.mask ? decodeAsync(task.mask) : null]);
  if (!image) return { refused: "“image” could not be read as an image (it may be damaged). Export it again as PNG." };
  if (task.mask && !mask) return { refused: "“mask” could not be read as an image (it may be damaged). Export it again as PNG." };
  let out = image;
  const grey = mask ? maskFromOpenAiMask(mask) : null;
  const kept = grey ? outpaintKeptRect(grey) : null;
  if (kept) {
    // An outpaint (a rectangle kept, all around it to paint): continue the picture outwards,
    // mirrored and defocused, rather than smearing its edge pixels across wide margins.
    out = extendByReflection(out, kept);
  } else if (grey) {
    try {
      out = fillMaskedArea(out, grey, task.radius);
    } catch (error) {
      return { refused: `${(error as Error).message} Leave part of the image outside the mask.` };
    }
  }
  return pngResultAsync(out.width === task.width && out.height === task.height ? out : resizeImage(out, task.width, task.height));
}

/** {@link generateOfflineImage}, the offline model's palette composition, as PNG bytes. */
export async function generateOfflineTask(task: OfflineImageInput): Promise<PngResult> {
  return pngResultAsync(generateOfflineImage(task));
}
