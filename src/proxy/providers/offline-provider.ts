import jpeg from "jpeg-js";
import { BrandfillError } from "../../core/api/api-error.js";
import { fillMaskedArea } from "../../core/inpaint/fill-masked-area.js";
import { maskFromOpenAiMask } from "../../core/inpaint/mask-from-open-ai-mask.js";
import { generateOfflineImage } from "../../core/offline/generate-offline-image.js";
import { decodePng, encodePng } from "../../core/raster/png-codec.js";
import { resizeImage } from "../../core/raster/resize-image.js";
import type { GreyMask } from "../../core/inpaint/grey-mask.js";
import { extendByReflection, type KeptRect } from "../../core/variants/extend-by-reflection.js";
import type { RgbaImage } from "../../core/raster/rgba-image.js";
import type { ImageBytes, ImageProvider, ProviderCall, ProviderResult } from "./image-provider.js";

/**
 * Neighbourhood radii (pixels) of Telea's method for successive edit variants: the first is the
 * method's usual 5 px; the others reach nearer (sharper) or farther (smoother, and the soft
 * pull-push fill starts farther out), so variants differ a little instead of repeating one picture.
 */
const EDIT_RADII = [5, 9, 3, 13] as const;

/** An input image's pixels: PNG with core's codec, JPEG with jpeg-js; the offline model reads no WebP. */
function decodeInput(input: ImageBytes, field: string): RgbaImage {
  if (input.type === "image/png") return decodePng(input.bytes);
  if (input.type === "image/jpeg") {
    const raw = jpeg.decode(input.bytes, { useTArray: true, formatAsRGBA: true });
    return { width: raw.width, height: raw.height, data: new Uint8ClampedArray(raw.data.buffer, raw.data.byteOffset, raw.data.byteLength) };
  }
  throw new BrandfillError("invalid_request", `The offline model reads PNG and JPEG images; send “${field}” as a PNG.`);
}

/**
 * The offline edit of one variant: with an outpaint mask (a kept rectangle, everything around it
 * to paint) the picture is continued outwards, mirrored and increasingly out of focus
 * (`extendByReflection`); with another mask (OpenAI convention, alpha 0 = change, read with
 * `maskFromOpenAiMask`), every masked pixel is filled from its surroundings (`fillMaskedArea`:
 * Telea's fast-marching inpainting near the edge, radius `EDIT_RADII[variant % 4]`, blended into a
 * streak-free pull-push fill far from it, so outpainted margins stay soft) and every other pixel
 * is kept; without a mask the image comes back unchanged. Either way the picture is then resized to
 * the size asked for (Lanczos, `resizeImage`), as a provider would answer at its own size.
 * The prompt is not used: this is a classical method, not a model.
 */
function editOffline(image: RgbaImage, mask: RgbaImage | null, variant: number, width: number, height: number): RgbaImage {
  let out = image;
  const grey = mask ? maskFromOpenAiMask(mask) : null;
  const kept = grey ? keptRectangle(grey) : null;
  if (grey && kept && (kept.x0 > 0 || kept.y0 > 0 || kept.x1 < grey.width || kept.y1 < grey.height)) {
    // An outpaint (a rectangle kept, all around it to paint): continue the picture outwards,
    // mirrored and defocused, rather than smearing its edge pixels across wide margins.
    out = extendByReflection(image, kept);
  } else if (grey) {
    try {
      out = fillMaskedArea(image, grey, EDIT_RADII[variant % EDIT_RADII.length]);
    } catch (error) {
      throw new BrandfillError("invalid_request", `${(error as Error).message} Leave part of the image outside the mask.`);
    }
  }
  return out.width === width && out.height === height ? out : resizeImage(out, width, height);
}

/**
 * The rectangle a mask keeps when it is an outpaint mask: every pixel inside the bounding box of
 * the kept pixels (value < 128) is kept, every pixel outside it is to paint. Null otherwise (an
 * inpaint mask, or nothing kept).
 */
function keptRectangle(mask: GreyMask): KeptRect | null {
  const { width, height, data } = mask;
  let x0 = width, y0 = height, x1 = -1, y1 = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (data[y * width + x]! < 128) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
    }
  }
  if (x1 < 0) return null;
  for (let y = 0; y < height; y++) {
    const inY = y >= y0 && y <= y1;
    for (let x = 0; x < width; x++) {
      const keep = data[y * width + x]! < 128;
      if (keep !== (inY && x >= x0 && x <= x1)) return null;
    }
  }
  return { x0, y0, x1: x1 + 1, y1: y1 + 1 };
}

/**
 * The offline model: no key, no network, no cost. Generation is the deterministic palette
 * composition from core; variants use seeds 0…n−1. Edits (an `image`, with or without a `mask`)
 * fill the masked area from its surroundings (Telea's inpainting, pull-push far from the edge), so
 * erasing and outpainting work with no key;
 * an edit without a mask returns the image unchanged, resized to the size asked for. It exists so
 * the plugin and the tests run anywhere; the panel labels it as a preview without AI.
 */
export function createOfflineProvider(): ImageProvider {
  return {
    id: "offline",
    async runAsync(call: ProviderCall): Promise<ProviderResult> {
      const source = call.image ? decodeInput(call.image, "image") : null;
      const mask = call.mask ? decodeInput(call.mask, "mask") : null;
      const byRadius = new Map<number, RgbaImage>();
      const images = [];
      for (let i = 0; i < call.n; i++) {
        call.signal.throwIfAborted();
        let raster: RgbaImage;
        if (source) {
          const key = mask ? i % EDIT_RADII.length : 0;
          raster = byRadius.get(key) ?? editOffline(source, mask, key, call.size.width, call.size.height);
          byRadius.set(key, raster);
        } else {
          raster = generateOfflineImage({
            prompt: call.prompt,
            width: call.size.width,
            height: call.size.height,
            palette: call.palette,
            keepClear: call.keepClear,
            seed: i,
          });
        }
        const image = { png: encodePng(raster), width: raster.width, height: raster.height };
        call.onImage?.(i, image);
        images.push(image);
        // Yield between variants so a cancel or another request is not starved.
        await new Promise((resolve) => setImmediate(resolve));
      }
      return {
        images,
        usage: { images: images.length },
        costUsd: 0,
        providerRequest: { width: call.size.width, height: call.size.height, n: call.n, ...(source ? { operation: mask ? "inpaint" : "edit" } : {}) },
        failures: [],
      };
    },
  };
}
