import type { LockReport } from "../core/colour/lock-palette.js";
import { lockPalette } from "../core/colour/lock-palette.js";
import type { PngCodec } from "../core/raster/png-codec-type.js";
import { sharedPixelPool } from "./pixel-pool.js";
import { BrandfillError } from "../core/api/api-error.js";
import type { ProviderImage } from "./providers/image-provider.js";
import type { LockAsync } from "./lock-palette-pool.js";

/** The lock pass on this thread (tests, and proxies run without a pool); it overwrites the pixels it is given. */
const lockInProcessAsync: LockAsync = async (image, palette) =>
  lockPalette(
    image,
    palette.map((hex) => ({ hex })),
    { inPlace: true },
  );

/**
 * What the route does to each provider image before answering, from the request's `fit` and
 * `lockPalette` fields. The pixel work lives here, next to the model call, so every client (the
 * panel, the `brandfill` commands) gets pictures that are already the frame's size and on brand,
 * and the panel's bundle carries no lock pass (issue 7: dist/ui.html ≤ 150 KB).
 */
export interface ImageFinish {
  /** Target size in pixels (the request's `width` × `height`). */
  width: number;
  height: number;
  /** `"cover"`: scale to cover the target and keep the centre (Figma's FILL); null: the provider's size. */
  fit: "cover" | null;
  /** `#RRGGBB` colours to lock on the pixels ({@link lockPalette}); empty: no lock. */
  lock: readonly string[];
}

/** A finished image: the provider image's fields (new PNG bytes, no provider base64) plus the lock's report. */
export interface FinishedImage extends ProviderImage {
  /** The lock pass's report, without each colour's OKLab region (internal geometry, not for clients). */
  lockReport?: LockReport;
  /** A sentence for the designer when the provider's picture was of another size (`planProviderSize`). */
  note?: string;
}

/** True when `finish` changes nothing, so the provider's bytes can be passed on untouched. */
function finishIsEmpty(finish: ImageFinish | null): boolean {
  return !finish || (finish.fit === null && finish.lock.length === 0);
}

/**
 * Fits and palette-locks one provider image: decode → fit cover (when asked and the size
 * differs; `fitCover` in the pixel pool) → lock (when colours are given) → encode. Fitting comes first so the lock's report
 * measures the pixels that will be placed.
 * @param image a checked provider PNG
 * @param codec the proxy's codec (sharp in production)
 * @param lockAsync runs the lock pass: the proxy's worker pool in production (lock-palette-pool.ts),
 *   on this thread by default
 * @throws BrandfillError `provider_error` (retryable) when the picture cannot be read.
 */
export async function finishImageAsync(image: ProviderImage, finish: ImageFinish, codec: PngCodec, lockAsync: LockAsync = lockInProcessAsync): Promise<FinishedImage> {
  if (finishIsEmpty(finish)) return image;
  let rgba;
  try {
    rgba = await codec.decodeAsync(image.png);
  } catch (cause) {
    throw new BrandfillError("provider_error", "The model's picture could not be read, so it could not be fitted or brand-locked. Try again.", { cause, retryable: true });
  }
  // The resample runs in the pixel pool's worker threads: at 4096² it would hold the event loop for hundreds of ms.
  if (finish.fit === "cover" && (rgba.width !== finish.width || rgba.height !== finish.height)) rgba = await sharedPixelPool().fitCoverAsync(rgba, finish.width, finish.height);
  let lockReport: LockReport | undefined;
  if (finish.lock.length) {
    const locked = await lockAsync(rgba, finish.lock);
    rgba = locked.image;
    lockReport = { colours: locked.report.colours.map(({ region: _region, ...colour }) => colour) };
  }
  const png = await codec.encodeAsync(rgba);
  return { png, width: rgba.width, height: rgba.height, ...(lockReport ? { lockReport } : {}) };
}
