import { createRgbaImage, type RgbaImage } from "../raster/rgba-image.js";
import type { UnitBox } from "../prompt/describe-region.js";
import { largestFreeRegion } from "../prompt/largest-free-region.js";

export interface OfflineImageInput {
  prompt: string;
  /** Output size in pixels. */
  width: number;
  height: number;
  /** `#RRGGBB` colours to compose with; when empty, a palette is derived from the prompt. */
  palette: readonly string[];
  /** Keep-clear zones as fractions (0–1); the composition stays calm inside them. */
  keepClear: readonly UnitBox[];
  /** Variant number: the same prompt with another seed gives another composition. */
  seed?: number;
}

/** Resolution of the calm map sampled per pixel (cells per side); zones are soft at this scale. */
const CALM_GRID = 96;
/** How much of a glow survives inside a keep-clear zone (0–1). */
const CALM_KEEP = 0.15;

/** FNV-1a 32-bit hash (Fowler–Noll–Vo), a stable seed from text. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Mulberry32 PRNG: small, fast and deterministic (public-domain, T. Ettinger). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hexToRgb(hex: string): [number, number, number] {
  const v = parseInt(hex.slice(1), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

/** HSL (h 0–360, s and l 0–1) → sRGB 0–255 (CSS Color 4 §7 algorithm). */
function hslToRgb(h: number, s: number, l: number): [number, number, number] {
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    const a = s * Math.min(l, 1 - l);
    return Math.round(255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return [f(0), f(8), f(4)];
}

/**
 * The offline model: a deterministic local generator that needs no key. It composes a calm
 * gradient from the palette with soft glows placed in the open space of the layout, damped
 * inside keep-clear zones so live text and buttons stay readable. It is a layout preview, not
 * AI; the panel labels it so.
 *
 * @returns an opaque RGBA image of exactly `width`×`height` pixels. Same input → same pixels.
 * @throws RangeError when the size is not positive whole pixels.
 */
export function generateOfflineImage(input: OfflineImageInput): RgbaImage {
  const { width, height } = input;
  const image = createRgbaImage(width, height, [0, 0, 0, 255]);
  const random = mulberry32(fnv1a(input.prompt) ^ Math.imul(input.seed ?? 0, 0x9e3779b1));
  const colours = input.palette.length
    ? input.palette.map(hexToRgb)
    : [0, 1, 2].map((i) => hslToRgb((random() * 360 + i * 137.5) % 360, 0.45 + random() * 0.3, 0.3 + i * 0.2));
  const c0 = colours[0]!;
  const c1 = colours[1 % colours.length]!;

  // Calm map: 1 inside a keep-clear zone, easing to 0 over a few cells outside it.
  const calm = new Float32Array(CALM_GRID * CALM_GRID);
  const soft = 2 / CALM_GRID;
  for (let gy = 0; gy < CALM_GRID; gy++) {
    for (let gx = 0; gx < CALM_GRID; gx++) {
      const u = (gx + 0.5) / CALM_GRID;
      const v = (gy + 0.5) / CALM_GRID;
      let c = 0;
      for (const z of input.keepClear) {
        const dx = Math.max(z.x - u, 0, u - (z.x + z.width));
        const dy = Math.max(z.y - v, 0, v - (z.y + z.height));
        const d = Math.hypot(dx, dy);
        c = Math.max(c, d >= soft ? 0 : 1 - d / soft);
      }
      calm[gy * CALM_GRID + gx] = c;
    }
  }

  // Glows go to the open space, where a real model is asked to put the subject.
  const open = largestFreeRegion(input.keepClear) ?? { x: 0, y: 0, width: 1, height: 1 };
  const aspect = width / height;
  const glows = Array.from({ length: 3 + Math.floor(random() * 3) }, (_, i) => {
    const colour = colours[(i + 1) % colours.length]!;
    return {
      x: open.x + open.width * (0.2 + random() * 0.6),
      y: open.y + open.height * (0.2 + random() * 0.6),
      r: 0.15 + random() * 0.35 * Math.max(open.width, open.height),
      strength: 0.35 + random() * 0.4,
      colour,
    };
  });
  const angle = random() * Math.PI * 2;
  const dirX = Math.cos(angle);
  const dirY = Math.sin(angle);
  const data = image.data;
  for (let y = 0; y < height; y++) {
    const v = (y + 0.5) / height;
    const gy = Math.min(CALM_GRID - 1, Math.floor(v * CALM_GRID));
    for (let x = 0; x < width; x++) {
      const u = (x + 0.5) / width;
      const t = Math.min(1, Math.max(0, 0.5 + (u - 0.5) * dirX + (v - 0.5) * dirY));
      let r = c0[0] + (c1[0] - c0[0]) * t;
      let g = c0[1] + (c1[1] - c0[1]) * t;
      let b = c0[2] + (c1[2] - c0[2]) * t;
      const keep = 1 - (1 - CALM_KEEP) * calm[gy * CALM_GRID + Math.min(CALM_GRID - 1, Math.floor(u * CALM_GRID))]!;
      for (const glow of glows) {
        const dx = (u - glow.x) * aspect;
        const dy = v - glow.y;
        const w = Math.exp(-(dx * dx + dy * dy) / (glow.r * glow.r)) * glow.strength * keep;
        r += (glow.colour[0] - r) * w;
        g += (glow.colour[1] - g) * w;
        b += (glow.colour[2] - b) * w;
      }
      const o = (y * width + x) * 4;
      data[o] = r;
      data[o + 1] = g;
      data[o + 2] = b;
    }
  }
  return image;
}
