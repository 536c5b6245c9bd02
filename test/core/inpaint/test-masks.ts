// Test helper: the mask shapes the inpaint tests run on every photograph, drawn with 4×4 supersampled
// anti-aliasing like a Figma shape export.
import { createGreyMask, type GreyMask } from "../../../src/core/inpaint/grey-mask.js";

type Inside = (x: number, y: number) => boolean;

function draw(width: number, height: number, inside: Inside): GreyMask {
  const mask = createGreyMask(width, height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      let hits = 0;
      for (let sy = 0; sy < 4; sy++) for (let sx = 0; sx < 4; sx++) if (inside(x + (sx + 0.5) / 4, y + (sy + 0.5) / 4)) hits++;
      mask.data[y * width + x] = Math.round((hits / 16) * 255);
    }
  return mask;
}

/** Named masks for a width × height photo: rectangle, ellipse, thin diagonal stroke, and two touching the border. */
export function testMasks(width: number, height: number): Record<string, GreyMask> {
  const key = `${width}x${height}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const masks = {
    rectangle: draw(width, height, (x, y) => x >= 0.3 * width && x < 0.45 * width && y >= 0.35 * height && y < 0.6 * height),
    ellipse: draw(width, height, (x, y) => ((x - 0.62 * width) / (0.1 * width)) ** 2 + ((y - 0.4 * height) / (0.12 * height)) ** 2 < 1),
    "thin stroke": draw(width, height, (x, y) => {
      // A 2-pixel-wide diagonal line from (10%, 80%) to (90%, 20%).
      const [ax, ay, bx, by] = [0.1 * width, 0.8 * height, 0.9 * width, 0.2 * height];
      const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
      return Math.hypot(x - ax - t * (bx - ax), y - ay - t * (by - ay)) < 1;
    }),
    "touching the border": draw(width, height, (x, y) => x < 0.12 * width && y >= 0.2 * height && y < 0.5 * height),
    "in the corner": draw(width, height, (x, y) => (x - width) ** 2 + (y - height) ** 2 < (0.15 * height) ** 2),
  };
  cache.set(key, masks);
  return masks;
}

// Every landscape Kodak photo is 768×512, so the (slow, supersampled) drawing is done once per size.
const cache = new Map<string, Record<string, GreyMask>>();
