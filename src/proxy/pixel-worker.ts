// Runs in a worker thread of the proxy's pixel pool (pixel-pool.ts): the offline model's pictures
// and the route's fit, each a few hundred milliseconds at 4096², that would otherwise stall every
// other request on the event loop. Pixels arrive and leave as moved buffers, never copied.
import { move, transferableSymbol, valueSymbol } from "piscina";
import { fillMaskedArea } from "../core/inpaint/fill-masked-area.js";
import { maskFromOpenAiMask } from "../core/inpaint/mask-from-open-ai-mask.js";
import { generateOfflineImage, type OfflineImageInput } from "../core/offline/generate-offline-image.js";
import { fitCover } from "../core/raster/fit-cover.js";
import { resizeImage } from "../core/raster/resize-image.js";
import type { RgbaImage } from "../core/raster/rgba-image.js";

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

/**
 * The offline edit of one variant: with a mask (OpenAI convention, alpha 0 = change), the masked
 * pixels are filled from their surroundings (`fillMaskedArea`, Telea radius `radius` px), then the
 * picture is resized to `width × height` (Lanczos) when it is not that size already.
 * A mask the fill cannot use (nothing left outside it) is answered as `refused` with its sentence.
 */
export function editOfflineTask(task: { image: RawPixels; mask: RawPixels | null; radius: number; width: number; height: number }): PixelResult {
  let out = asImage(task.image);
  if (task.mask) {
    try {
      out = fillMaskedArea(out, maskFromOpenAiMask(asImage(task.mask)), task.radius);
    } catch (error) {
      return { refused: (error as Error).message };
    }
  }
  return moved(out.width === task.width && out.height === task.height ? out : resizeImage(out, task.width, task.height));
}

/** {@link generateOfflineImage}: the offline model's palette composition. */
export function generateOfflineTask(task: OfflineImageInput): PixelResult {
  return moved(generateOfflineImage(task));
}
