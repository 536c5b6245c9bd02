import { oklabToLinearRgb } from "./linear-rgb-to-oklab.js";

/** Width of the soft knee at the top of each linear channel (0.9–1 linear is sRGB levels 243–255). */
const TOP = 0.1;
/** Width of the soft knee at the bottom of each linear channel (0–0.01 linear is sRGB levels 0–25). */
const BOTTOM = 0.01;

/** One channel `to` (linear, moved from `from` inside 0–1) brought into 0–1 softly (see {@link compressToGamut}). */
function softChannel(from: number, to: number): number {
  if (to > 1 - TOP) {
    const knee = Math.max(from, 1 - TOP);
    if (to <= knee) return to;
    const room = 1 - knee;
    return room < 1e-12 ? 1 : knee + room * Math.tanh((to - knee) / room);
  }
  if (to < BOTTOM) {
    const knee = Math.min(from, BOTTOM);
    if (to >= knee) return to;
    return knee < 1e-12 ? 0 : knee - knee * Math.tanh((knee - to) / knee);
  }
  return to;
}

/**
 * Linear-light sRGB of an in-gamut OKLab colour `(L, a, b)` moved by `(dL, da, db)`, kept inside the sRGB
 * gamut, written to `out` (0–1 per channel; without `soft`, possibly outside: the 8-bit encoder clamps).
 * Allocates nothing.
 *
 * Clipping each channel after the move (what `linearToSrgbByte` alone does) sends every colour that crosses an
 * edge onto one face of the RGB cube, whatever its texture: a lit saturated surface becomes flat patches (issue
 * 16's macaw). With `soft`, each linear channel that the move takes into its top 0.1 or bottom 0.01 is compressed
 * there (`knee ± room × tanh(excess / room)`, slope 1 at the knee, the edge reached only asymptotically), the
 * knee never closer to the middle than the channel was before the move, so a colour that barely moves barely
 * changes, one already on an edge stays on it, and neighbouring colours keep their order instead of piling up on
 * the face. Moves that stay clear of the knees are applied exactly. Without `soft` (flat brand shapes) the move is
 * applied as is, so a shape lands on its hex exactly even when the hex lies on the gamut's edge.
 *
 * @param L, a, b OKLab of the colour before the move (inside the gamut)
 * @param dL, da, db the move, OKLab
 * @param soft compress smoothly (photographs) rather than leave clipping to the encoder (flat shapes)
 * @param out receives linear r, g, b
 */
export function compressToGamut(L: number, a: number, b: number, dL: number, da: number, db: number, soft: boolean, out: Float64Array): void {
  oklabToLinearRgb(L + dL, a + da, b + db, out);
  if (!soft) return;
  const r = out[0]!;
  const g = out[1]!;
  const bl = out[2]!;
  if (r >= BOTTOM && r <= 1 - TOP && g >= BOTTOM && g <= 1 - TOP && bl >= BOTTOM && bl <= 1 - TOP) return;
  oklabToLinearRgb(L, a, b, out);
  out[0] = softChannel(out[0]!, r);
  out[1] = softChannel(out[1]!, g);
  out[2] = softChannel(out[2]!, bl);
}
