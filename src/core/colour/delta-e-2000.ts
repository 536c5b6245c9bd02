// ΔE2000 is culori's `differenceCiede2000` (a port of Sharma's reference Matlab code). It was adopted
// after checking it against the 34 pairs of Sharma, Wu & Dalal (2005), "The CIEDE2000 color-difference
// formula: implementation notes, supplementary test data, and mathematical observations",
// Color Research & Application 30(1):21–30: it matches to 4 decimals in both argument orders
// (test/core/colour/delta-e-2000.test.ts). `culori/fn` is the side-effect-free entry: no colour
// modes are registered, which is fine because we pass CIELAB D65 objects it never has to convert.
import { differenceCiede2000 } from "culori/fn";
import type { Cielab } from "./linear-rgb-to-cielab.js";

const ciede2000 = differenceCiede2000(1, 1, 1);

/**
 * CIEDE2000 colour difference (kL = kC = kH = 1) between two CIELAB D65 colours `[L*, a*, b*]`.
 * Symmetric; about 1 is a just-noticeable difference for flat patches side by side.
 * @returns ΔE2000 ≥ 0
 */
export function deltaE2000(reference: Cielab, sample: Cielab): number {
  return ciede2000({ mode: "lab65", l: reference[0], a: reference[1], b: reference[2] }, { mode: "lab65", l: sample[0], a: sample[1], b: sample[2] });
}
