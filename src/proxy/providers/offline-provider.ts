import sharp from "sharp";
import { BrandfillError } from "../../core/api/api-error.js";
import type { RgbaImage } from "../../core/raster/rgba-image.js";
import { MAX_INPUT_EDGE } from "../read-image-input.js";
import { sharpPngCodec } from "../sharp-png-codec.js";
import { sharedPixelPool, type PixelPool } from "../pixel-pool.js";
import type { ImageBytes, ImageProvider, ProviderCall, ProviderResult } from "./image-provider.js";

/**
 * Neighbourhood radii (pixels) of Telea's method for successive edit variants: the first is the
 * method's usual 5 px; the others reach nearer (sharper) or farther (smoother, and the soft
 * pull-push fill starts farther out), so variants differ a little instead of repeating one picture.
 */
const EDIT_RADII = [5, 9, 3, 13] as const;

/**
 * An input image's pixels (PNG, JPEG or WebP), decoded by sharp on libuv's thread pool and never
 * past `MAX_INPUT_EDGE`² pixels (`limitInputPixels`), as 8-bit straight-alpha RGBA. The route has
 * already checked that a PNG's data matches its header (check-png-inflate.ts).
 * @throws BrandfillError `invalid_request` naming the field when the image cannot be read.
 */
async function decodeInputAsync(input: ImageBytes, field: string): Promise<RgbaImage> {
  try {
    const { data, info } = await sharp(input.bytes, { limitInputPixels: MAX_INPUT_EDGE * MAX_INPUT_EDGE, failOn: "error" })
      .toColourspace("srgb")
      .ensureAlpha()
      .raw({ depth: "uchar" })
      .toBuffer({ resolveWithObject: true });
    return { width: info.width, height: info.height, data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength) };
  } catch (cause) {
    throw new BrandfillError("invalid_request", `“${field}” could not be read as an image (it may be damaged). Export it again as PNG.`, { cause });
  }
}

/** PNG bytes of a raster (sharp, on libuv's thread pool). */
async function encodeAsync(raster: RgbaImage): Promise<{ png: Uint8Array; width: number; height: number }> {
  return { png: await sharpPngCodec.encodeAsync(raster), width: raster.width, height: raster.height };
}

/**
 * The offline edit of one variant, in the pixel pool: with a mask (OpenAI convention, alpha 0 =
 * change, read with `maskFromOpenAiMask`), every masked pixel is filled from its surroundings
 * (`fillMaskedArea`: Telea's fast-marching inpainting near the edge, radius `EDIT_RADII[variant % 4]`,
 * blended into a streak-free pull-push fill far from it, so outpainted margins stay soft) and every
 * other pixel is kept; without a mask the image comes back unchanged. Either way the picture is
 * then resized to the size asked for (Lanczos, `resizeImage`), as a provider would answer at its own size.
 * The prompt is not used: this is a classical method, not a model.
 * @throws BrandfillError `invalid_request` when the mask leaves nothing to fill from.
 */
async function editOfflineAsync(pool: PixelPool, image: RgbaImage, mask: RgbaImage | null, variant: number, width: number, height: number): Promise<RgbaImage> {
  const out = await pool.editOfflineAsync(image, mask, EDIT_RADII[variant % EDIT_RADII.length]!, width, height);
  if ("refused" in out) throw new BrandfillError("invalid_request", `${out.refused} Leave part of the image outside the mask.`);
  return out;
}

/**
 * The offline model: no key, no network, no cost. Generation is the deterministic palette
 * composition from core; variants use seeds 0…n−1. The pixel work runs in the proxy's pixel
 * pool (pixel-pool.ts: worker threads), decoding and encoding in sharp, so a 4096² inpaint never
 * holds up other requests. Edits (an `image`, with or without a `mask`)
 * fill the masked area from its surroundings (Telea's inpainting, pull-push far from the edge), so
 * erasing and outpainting work with no key;
 * an edit without a mask returns the image unchanged, resized to the size asked for. It exists so
 * the plugin and the tests run anywhere; the panel labels it as a preview without AI.
 */
export function createOfflineProvider(pool: PixelPool = sharedPixelPool()): ImageProvider {
  return {
    id: "offline",
    async runAsync(call: ProviderCall): Promise<ProviderResult> {
      const [source, mask] = await Promise.all([call.image ? decodeInputAsync(call.image, "image") : null, call.mask ? decodeInputAsync(call.mask, "mask") : null]);
      const byRadius = new Map<number, Promise<{ png: Uint8Array; width: number; height: number }>>();
      const images = [];
      for (let i = 0; i < call.n; i++) {
        call.signal.throwIfAborted();
        let made: Promise<{ png: Uint8Array; width: number; height: number }>;
        if (source) {
          // Without a mask every variant is the same picture: made once.
          const key = mask ? i % EDIT_RADII.length : 0;
          made = byRadius.get(key) ?? editOfflineAsync(pool, source, mask, key, call.size.width, call.size.height).then(encodeAsync);
          byRadius.set(key, made);
        } else {
          made = pool.generateOfflineAsync({ prompt: call.prompt, width: call.size.width, height: call.size.height, palette: call.palette, keepClear: call.keepClear, seed: i }).then(encodeAsync);
        }
        const image = await made;
        call.onImage?.(i, image);
        images.push(image);
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
