/**
 * A 2×3 affine matrix in Figma's layout `[[a, c, tx], [b, d, ty]]` (the plugin API's
 * `Transform`): a point (x, y) maps to (a·x + c·y + tx, b·x + d·y + ty). Units are points.
 */
export type Affine = readonly [readonly [number, number, number], readonly [number, number, number]];

/** The identity: every point stays where it is. */
export const IDENTITY_AFFINE: Affine = [
  [1, 0, 0],
  [0, 1, 0],
];

/** The product m1·m2 (apply m2 first, then m1). */
export function multiplyAffine(m1: Affine, m2: Affine): Affine {
  const [[a1, c1, x1], [b1, d1, y1]] = m1;
  const [[a2, c2, x2], [b2, d2, y2]] = m2;
  return [
    [a1 * a2 + c1 * b2, a1 * c2 + c1 * d2, a1 * x2 + c1 * y2 + x1],
    [b1 * a2 + d1 * b2, b1 * c2 + d1 * d2, b1 * x2 + d1 * y2 + y1],
  ];
}

/**
 * The inverse of an affine matrix.
 * @throws RangeError when the matrix is singular (a layer scaled to zero).
 */
export function invertAffine(m: Affine): Affine {
  const [[a, c, tx], [b, d, ty]] = m;
  const det = a * d - b * c;
  if (Math.abs(det) < 1e-12) throw new RangeError("The layer's transform cannot be inverted (it has zero size).");
  return [
    [d / det, -c / det, (c * ty - d * tx) / det],
    [-b / det, a / det, (b * tx - a * ty) / det],
  ];
}

/** Applies a matrix to a point. */
export function applyAffine(m: Affine, x: number, y: number): { x: number; y: number } {
  return { x: m[0][0] * x + m[0][1] * y + m[0][2], y: m[1][0] * x + m[1][1] * y + m[1][2] };
}

/** Axis-aligned bounds of the rectangle (0, 0, width, height) after `m`. */
export function transformedBounds(m: Affine, width: number, height: number): { x: number; y: number; width: number; height: number } {
  const corners = [applyAffine(m, 0, 0), applyAffine(m, width, 0), applyAffine(m, 0, height), applyAffine(m, width, height)];
  const xs = corners.map((p) => p.x);
  const ys = corners.map((p) => p.y);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
}
