import { hexToOklab } from "../colour/hex-to-oklab.js";
import { oklabToLinearRgb } from "../colour/linear-rgb-to-oklab.js";
import { linearToSrgbByte, srgbToLinear } from "../colour/srgb-to-linear.js";
import { linearRgbToOklab, type Oklab } from "../colour/linear-rgb-to-oklab.js";
import { createRgbaImage, type RgbaImage } from "../raster/rgba-image.js";
import type { UnitBox } from "../prompt/describe-region.js";

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

/** How far (share of the shorter side) the calm area behind a keep-clear zone fades out: wide, so no edge shows. */
const CALM_FADE = 0.16;
/** How much of the palette shapes is taken away inside a keep-clear zone (0–1). */
const CALM_DAMP = 0.88;
/** OKLab lightness between the tint and the shade of the base colour across the frame. */
const RAMP_LIGHTNESS = 0.16;
/** Peak OKLab lightness added by the soft light, and taken away at the far corners. */
const LIGHT_LIFT = 0.07;
const VIGNETTE = 0.05;
/**
 * Peak of a colour shape's weight profile `PEAK·(1 − (d/R)²)²`, clamped to 1: the shape holds its
 * colour exactly out to d ≈ 0.46·R, then fades smoothly (C¹) to nothing at R.
 */
const PEAK = 1.6;

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

/** HSL (h 0–360, s and l 0–1) → OKLab, for the colours derived from a prompt (CSS Color 4 §7 HSL). */
function hslToOklab(h: number, s: number, l: number): Oklab {
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    const a = s * Math.min(l, 1 - l);
    return srgbToLinear(l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1)));
  };
  const out = new Float64Array(3);
  linearRgbToOklab(f(0), f(8), f(4), out);
  return [out[0]!, out[1]!, out[2]!];
}

/**
 * Three colours for a prompt without a palette: a base hue from the prompt's seed with an
 * analogous neighbour on each side (±25–35°, a harmony that always reads as calm), moderately
 * saturated, dark to light.
 */
function derivedPalette(random: () => number): Oklab[] {
  const hue = random() * 360;
  const saturation = 0.35 + random() * 0.2;
  return [hslToOklab(hue, saturation, 0.38), hslToOklab((hue + 25 + random() * 10) % 360, saturation, 0.58), hslToOklab((hue + 325 - random() * 10) % 360, saturation * 0.8, 0.78)];
}

/** Smooth 0→1 step (cubic Hermite) of `x` over [0, 1]. */
function smoothstep(x: number): number {
  const t = x <= 0 ? 0 : x >= 1 ? 1 : x;
  return t * t * (3 - 2 * t);
}

interface Shape {
  /** Centre, pixels. */
  x: number;
  y: number;
  /** Radius where the shape's weight reaches 0, pixels. */
  r: number;
  colour: Oklab;
}

/**
 * The offline model: a deterministic local generator that needs no key. It composes a picture
 * from the palette, in OKLab (Ottosson 2020): a ramp of tints and shades of the first colour across
 * the frame, lit by a soft light and a gentle vignette, with a round, softly edged shape of each
 * palette colour (and, for a single colour, a tint and a shade of it) placed in the open space of
 * the layout. Each shape holds its colour exactly in its middle (so every palette colour is in the
 * picture, within rounding), and fades out smoothly. Behind keep-clear zones the shapes are damped
 * by a calm map that falls off smoothly over 16% of the shorter side, so the calm area has no edge:
 * only the ramp and the light, which are smooth everywhere, show through. It is a layout preview,
 * not AI; the panel labels it so.
 *
 * @returns an opaque RGBA image (straight alpha, sRGB 0–255) of exactly `width`×`height` pixels.
 *   Same input → same pixels.
 * @throws RangeError when the size is not positive whole pixels; Error naming a palette entry that
 *   is not a hex colour.
 */
export function generateOfflineImage(input: OfflineImageInput): RgbaImage {
  const { width, height } = input;
  const image = createRgbaImage(width, height, [0, 0, 0, 255]);
  const random = mulberry32(fnv1a(input.prompt) ^ Math.imul(input.seed ?? 0, 0x9e3779b1));
  const colours: Oklab[] = input.palette.length ? input.palette.map(hexToOklab) : derivedPalette(random);
  const base = colours[0]!;
  const short = Math.min(width, height);
  const fade = Math.max(1, CALM_FADE * short);
  const zones = input.keepClear.map((z) => ({ x0: z.x * width, y0: z.y * height, x1: (z.x + z.width) * width, y1: (z.y + z.height) * height }));
  const calmAt = (x: number, y: number): number => {
    let c = 0;
    for (const z of zones) {
      const d = Math.hypot(Math.max(z.x0 - x, 0, x - z.x1), Math.max(z.y0 - y, 0, y - z.y1));
      if (d < fade) c = Math.max(c, 1 - smoothstep(d / fade));
    }
    return c;
  };
  const distanceToZones = (x: number, y: number): number =>
    zones.reduce((m, z) => Math.min(m, Math.hypot(Math.max(z.x0 - x, 0, x - z.x1), Math.max(z.y0 - y, 0, y - z.y1))), Infinity);

  // The shapes: every palette colour; one colour also gets a tint and a shade of itself.
  const shapeColours: Oklab[] =
    colours.length === 1 ? [base, [Math.min(0.97, base[0] + 0.12), base[1] * 0.85, base[2] * 0.85], [Math.max(0.08, base[0] - 0.12), base[1], base[2]]] : colours;
  // Centres on a grid in the open space, spread apart by farthest-point sampling from a random start.
  const candidates: { x: number; y: number; open: number }[] = [];
  const grid = 14;
  for (let gy = 0; gy < grid; gy++) {
    for (let gx = 0; gx < grid; gx++) {
      const x = (0.07 + (0.86 * (gx + 0.5)) / grid) * width;
      const y = (0.07 + (0.86 * (gy + 0.5)) / grid) * height;
      candidates.push({ x, y, open: distanceToZones(x, y) });
    }
  }
  const chosen: { x: number; y: number }[] = [];
  for (let i = 0; i < shapeColours.length; i++) {
    let best = candidates[Math.floor(random() * candidates.length)]!;
    let bestScore = -Infinity;
    for (const c of candidates) {
      const apart = chosen.length ? Math.min(...chosen.map((p) => Math.hypot(p.x - c.x, p.y - c.y))) : short;
      // Far from the zones first (a shape's middle must be out of the calm map), then far from each other.
      const score = Math.min(c.open, fade + 0.15 * short) * 4 + Math.min(apart, short) + random() * 0.02 * short;
      if (score > bestScore) {
        bestScore = score;
        best = c;
      }
    }
    chosen.push(best);
  }
  const shapes: Shape[] = chosen.map((p, i) => {
    const apart = Math.min(short, ...chosen.filter((q) => q !== p).map((q) => Math.hypot(p.x - q.x, p.y - q.y)));
    // Shapes never overlap (R ≤ half the distance); the exact middle stays out of the calm map where there is room.
    const roomy = Math.max(p.x, width - p.x, p.y, height - p.y);
    const r = Math.max(4, Math.min(apart / 2, 0.42 * short, roomy));
    return { x: p.x, y: p.y, r, colour: shapeColours[i]! };
  });

  // The ramp runs along a random direction; the light sits in the most open place.
  const angle = random() * Math.PI * 2;
  const dirX = Math.cos(angle);
  const dirY = Math.sin(angle);
  const light = candidates.reduce((a, c) => (c.open > a.open ? c : a), candidates[0]!);
  const lightR2 = (0.7 * Math.max(width, height)) ** 2;
  const cornerR2 = (width / 2) ** 2 + (height / 2) ** 2;
  const lin = new Float64Array(3);
  const data = image.data;
  // Separable parts (ramp, light, vignette) per column and per row; the calm map on a 4 px grid,
  // read bilinearly (it changes over a hundred pixels, so the grid never shows).
  const colT = new Float64Array(width);
  const colLight = new Float64Array(width);
  const colVig = new Float64Array(width);
  for (let x = 0; x < width; x++) {
    const px = x + 0.5;
    colT[x] = (px / width - 0.5) * dirX * 1.2;
    colLight[x] = Math.exp(-((px - light.x) ** 2) / lightR2);
    colVig[x] = (px - width / 2) ** 2 / cornerR2;
  }
  const STEP = 4;
  const gw = Math.ceil(width / STEP) + 2;
  const gh = Math.ceil(height / STEP) + 2;
  const calm = new Float32Array(gw * gh);
  if (zones.length) for (let gy = 0; gy < gh; gy++) for (let gx = 0; gx < gw; gx++) calm[gy * gw + gx] = calmAt(gx * STEP, gy * STEP);
  for (let y = 0; y < height; y++) {
    const py = y + 0.5;
    const rowT = (py / height - 0.5) * dirY * 1.2;
    const rowLight = Math.exp(-((py - light.y) ** 2) / lightR2);
    const rowVig = (py - height / 2) ** 2 / cornerR2;
    const fy = py / STEP;
    const gy = Math.floor(fy);
    const wy = fy - gy;
    for (let x = 0; x < width; x++) {
      const px = x + 0.5;
      const t = colT[x]! + rowT;
      const side = 1 - Math.min(1, Math.abs(t));
      let L = base[0] - RAMP_LIGHTNESS * t + LIGHT_LIFT * colLight[x]! * rowLight - VIGNETTE * (colVig[x]! + rowVig);
      let A = base[1] * (0.75 + 0.25 * side);
      let B = base[2] * (0.75 + 0.25 * side);
      let keep = 1;
      if (zones.length) {
        const fx = px / STEP;
        const gx = Math.floor(fx);
        const wx = fx - gx;
        const i = gy * gw + gx;
        const c = (calm[i]! * (1 - wx) + calm[i + 1]! * wx) * (1 - wy) + (calm[i + gw]! * (1 - wx) + calm[i + gw + 1]! * wx) * wy;
        keep = 1 - CALM_DAMP * c;
      }
      for (const s of shapes) {
        const dx = px - s.x;
        const dy = py - s.y;
        const q = (dx * dx + dy * dy) / (s.r * s.r);
        if (q >= 1) continue;
        const w = Math.min(1, PEAK * (1 - q) * (1 - q)) * keep;
        L += (s.colour[0] - L) * w;
        A += (s.colour[1] - A) * w;
        B += (s.colour[2] - B) * w;
      }
      oklabToLinearRgb(Math.min(1, Math.max(0, L)), A, B, lin);
      const o = (y * width + x) * 4;
      data[o] = linearToSrgbByte(Math.min(1, Math.max(0, lin[0]!)));
      data[o + 1] = linearToSrgbByte(Math.min(1, Math.max(0, lin[1]!)));
      data[o + 2] = linearToSrgbByte(Math.min(1, Math.max(0, lin[2]!)));
    }
  }
  return image;
}
