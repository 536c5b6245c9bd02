import { BrandfillError } from "../../core/api/api-error.js";
import { sharedPixelPool, type OfflinePng, type PixelPool } from "../pixel-pool.js";
import type { ImageProvider, ProviderCall, ProviderResult } from "./image-provider.js";

/**
 * Neighbourhood radii (pixels) of Telea's method for successive edit variants: the first is the
 * method's usual 5 px; the others reach nearer (sharper) or farther (smoother, and the soft
 * pull-push fill starts farther out), so variants differ a little instead of repeating one picture.
 */
const EDIT_RADII = [5, 9, 3, 13] as const;

/**
 * The offline edit of one variant in the pixel pool (`editOfflineTask` in pixel-worker.ts: decode,
 * Telea inpainting of the masked area with `radius`, Lanczos resize to the size asked for, as a
 * provider would answer at its own size, encode). The prompt is not used: this is a classical
 * method, not a model.
 * @throws BrandfillError `invalid_request` when an input cannot be read or the mask leaves nothing to fill from.
 */
async function editOfflineAsync(pool: PixelPool, image: Uint8Array, mask: Uint8Array | null, radius: number, width: number, height: number): Promise<OfflinePng> {
  const out = await pool.editOfflineAsync(image, mask, radius, width, height);
  if ("refused" in out) throw new BrandfillError("invalid_request", out.refused);
  return out;
}

/**
 * The offline model: no key, no network, no cost. Generation is the deterministic palette
 * composition from core; variants use seeds 0…n−1. All pixel work — decoding (sharp, under a
 * pixel limit), inpainting, resizing, encoding — runs in the proxy's pixel pool (pixel-pool.ts:
 * worker threads), so a 4096² inpaint never holds up other requests. Edits (an `image`, with or without a `mask`)
 * fill the masked area from its surroundings (Telea's inpainting, pull-push far from the edge), or,
 * for an outpaint mask, continue the picture mirrored and out of focus, so erasing and outpainting
 * work with no key;
 * an edit without a mask returns the image unchanged, resized to the size asked for. It exists so
 * the plugin and the tests run anywhere; the panel labels it as a preview without AI.
 */
export function createOfflineProvider(pool: PixelPool = sharedPixelPool()): ImageProvider {
  return {
    id: "offline",
    async runAsync(call: ProviderCall): Promise<ProviderResult> {
      const source = call.image?.bytes;
      const mask = call.mask?.bytes ?? null;
      const byRadius = new Map<number, Promise<OfflinePng>>();
      const images = [];
      for (let i = 0; i < call.n; i++) {
        call.signal.throwIfAborted();
        let made: Promise<OfflinePng>;
        if (source) {
          // Without a mask every variant is the same picture: made once.
          const key = mask ? i % EDIT_RADII.length : 0;
          made = byRadius.get(key) ?? editOfflineAsync(pool, source, mask, EDIT_RADII[key]!, call.size.width, call.size.height);
          byRadius.set(key, made);
        } else {
          made = pool.generateOfflineAsync({ prompt: call.prompt, width: call.size.width, height: call.size.height, palette: call.palette, keepClear: call.keepClear, seed: i });
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
