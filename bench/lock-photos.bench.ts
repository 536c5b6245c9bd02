// How often the lock brings a textured brand region of a real photograph within ΔE2000 1 of its hex (issue 15
// point 4), over regions the tests did not choose: 200×150 rects drawn at random (fixed seed) on the 24 Kodak
// photos, painted with a brand colour drifted by ΔE2000 5 that keeps the photo's lightness texture, 4 per colour,
// in two bands of lightness spread. The share before the lock is 0 (every rect starts about ΔE2000 4–8 off).
import { lockPalette } from "../src/core/colour/lock-palette.js";
import { driftColour, regionDeltaE, type Rect } from "../test/core/colour/lock-fixtures.js";
import { lightnessSigma, paintTextured } from "../test/core/colour/lock-structure-fixtures.js";
import { loadKodak } from "../test/core/raster/load-kodak.js";
import type { BenchRow } from "./bench-row.js";

/** Brand colours and the OKLab direction each is drifted along (as in lock-photo-structure.test.ts). */
const BRAND: readonly [string, [number, number, number]][] = [
  ["#1A3C8F", [0, 1, 0]],
  ["#00AA66", [1, 0, 0]],
  ["#E4002B", [0, 0, -1]],
  ["#6A1B9A", [0, -1, 1]],
  ["#0B5563", [0, 0, 1]],
  ["#FFB81C", [0, -1, 0]],
];
const PER_COLOUR = 4;

/** Share (0–1) of random rects with σ_L in [lo, hi] whose mean lands within ΔE2000 1, and how many were held back. */
function coverage(lo: number, hi: number): { within: number; heldBack: number; cases: number } {
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  let within = 0;
  let heldBack = 0;
  let cases = 0;
  for (const [hex, direction] of BRAND) {
    for (let found = 0; found < PER_COLOUR; ) {
      const photo = 1 + Math.floor(random() * 24);
      const image = loadKodak(photo);
      const rect: Rect = { x: Math.floor(random() * (image.width - 200)), y: Math.floor(random() * (image.height - 150)), width: 200, height: 150 };
      const sigma = lightnessSigma(image, rect);
      if (sigma < lo || sigma > hi) continue;
      found++;
      cases++;
      paintTextured(image, rect, driftColour(hex, 5, direction));
      const { image: locked, report } = lockPalette(image, [{ hex }]);
      if (regionDeltaE(locked, rect, hex) <= 1) within++;
      if (report.colours[0]!.heldBack) heldBack++;
    }
  }
  return { within: within / cases, heldBack, cases };
}

export default async function (): Promise<BenchRow[]> {
  return [
    [0.03, 0.08],
    [0.09, 0.15],
  ].map(([lo, hi]) => {
    const { within, heldBack, cases } = coverage(lo!, hi!);
    return {
      name: `textured brand regions on Kodak photos within ΔE2000 1, σ_L ${lo}–${hi} (${cases} random, ${heldBack} held back)`,
      value: within * 100,
      unit: "%",
    };
  });
}
