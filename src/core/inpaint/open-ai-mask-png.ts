import type { PixelRect } from "../raster/crop-image.js";
import type { RgbaImage } from "../raster/rgba-image.js";
import type { GreyMask } from "./grey-mask.js";

/**
 * The `mask` picture for an OpenAI image edit (`POST /v1/images/edits`): **alpha 0 = area to
 * change**, opaque black = keep (OpenAI OpenAPI spec, image edit `mask`: "An additional image whose
 * fully transparent areas (e.g. where alpha is zero) indicate where `image` should be edited …
 * Must be a valid PNG file, less than 4MB, and have the same dimensions as `image`"). Binary on purpose: any mask value > 0 is edited, so
 * the model repaints the whole feather zone that compositing will blend.
 *
 * The picture covers `crop` and, when `size` is given, is scaled to it (the size the cropped
 * image is sent at); an output pixel is transparent when any source pixel under it is selected,
 * so scaling never loses a thin stroke. Encode it with a `PngCodec` to send it: its pixels are
 * all opaque or all transparent black, so even the browser's premultiplied canvas keeps them exact.
 * @param mask 0–255 mask in source-image pixels (usually the grown or blend mask)
 * @param crop the context crop, inside the mask
 * @param size output size in pixels (default: the crop's size)
 * @returns straight-alpha RGBA, (0,0,0,0) where the model may paint, (0,0,0,255) elsewhere
 * @throws RangeError when the crop lies outside the mask or the size is not whole pixels.
 */
export function openAiMaskPng(mask: GreyMask, crop: PixelRect, size: { width: number; height: number } = crop): RgbaImage {
  if (crop.x < 0 || crop.y < 0 || crop.x + crop.width > mask.width || crop.y + crop.height > mask.height) {
    throw new RangeError(`The crop ${crop.width}×${crop.height} at (${crop.x}, ${crop.y}) reaches outside the ${mask.width}×${mask.height} mask.`);
  }
  const { width, height } = size;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`The mask picture must be whole pixels of at least 1×1, got ${width}×${height}.`);
  }
  const data = new Uint8ClampedArray(width * height * 4);
  const sx = crop.width / width;
  const sy = crop.height / height;
  const range = (i: number, scale: number, offset: number, limit: number): [number, number] => {
    const lo = Math.floor(i * scale);
    return [offset + lo, offset + Math.min(limit, Math.max(lo + 1, Math.ceil((i + 1) * scale)))];
  };
  const columns = Array.from({ length: width }, (_, i) => range(i, sx, crop.x, crop.width));
  for (let y = 0; y < height; y++) {
    const [y0, y1] = range(y, sy, crop.y, crop.height);
    for (let x = 0; x < width; x++) {
      const [x0, x1] = columns[x]!;
      let edit = false;
      for (let my = y0; my < y1 && !edit; my++) {
        const row = my * mask.width;
        for (let mx = x0; mx < x1; mx++) {
          if (mask.data[row + mx]! > 0) {
            edit = true;
            break;
          }
        }
      }
      if (!edit) data[(y * width + x) * 4 + 3] = 255;
    }
  }
  return { width, height, data };
}
