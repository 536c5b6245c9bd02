import type { KeptRect } from "../variants/extend-by-reflection.js";
import type { GreyMask } from "./grey-mask.js";

/**
 * The rectangle an outpaint mask keeps: when every kept pixel (value < 128) lies in one
 * axis-aligned rectangle, every pixel inside it is kept, and something outside it is to paint,
 * the mask asks to paint around a picture (a variant's extend). Null for any other mask (an
 * inpaint selection, nothing kept, or nothing to paint).
 *
 * @param mask 0 = keep … 255 = change, as `maskFromOpenAiMask` reads an OpenAI-style mask
 * @returns the kept rectangle in whole pixels (`x1`, `y1` exclusive), or null
 */
export function outpaintKeptRect(mask: GreyMask): KeptRect | null {
  const { width, height, data } = mask;
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0, i = 0; y < height; y++) {
    for (let x = 0; x < width; x++, i++) {
      if (data[i]! < 128) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
    }
  }
  if (x1 < 0) return null;
  for (let y = 0, i = 0; y < height; y++) {
    const inY = y >= y0 && y <= y1;
    for (let x = 0; x < width; x++, i++) if (data[i]! < 128 !== (inY && x >= x0 && x <= x1)) return null;
  }
  if (x0 === 0 && y0 === 0 && x1 === width - 1 && y1 === height - 1) return null;
  return { x0, y0, x1: x1 + 1, y1: y1 + 1 };
}
