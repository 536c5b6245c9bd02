import { encodePng } from "../../core/raster/png-codec.js";
import { generateOfflineImage } from "../../core/offline/generate-offline-image.js";
import type { ImageProvider, ProviderCall, ProviderResult } from "./image-provider.js";

/**
 * The offline model: no key, no network, no cost. Generation is the deterministic palette
 * composition from core; variants use seeds 0…n−1. It exists so the plugin and the tests run
 * anywhere; the panel labels it as a preview without AI.
 */
export function createOfflineProvider(): ImageProvider {
  return {
    id: "offline",
    async runAsync(call: ProviderCall): Promise<ProviderResult> {
      const images = [];
      for (let i = 0; i < call.n; i++) {
        call.signal.throwIfAborted();
        const raster = generateOfflineImage({
          prompt: call.prompt,
          width: call.size.width,
          height: call.size.height,
          palette: call.palette,
          keepClear: call.keepClear,
          seed: i,
        });
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
        providerRequest: { width: call.size.width, height: call.size.height, n: call.n },
        failures: [],
      };
    },
  };
}
