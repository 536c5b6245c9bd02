/// <reference types="@figma/plugin-typings" />

/**
 * 2×3 affine matrices in Figma's `Transform` layout `[[a, b, tx], [c, d, ty]]`, mapping a point
 * (u, v) to (a·u + b·v + tx, c·u + d·v + ty). Units are whatever the caller's space uses
 * (canvas points for node transforms, 0–1 normalized space for paint transforms).
 * Layout and rotation sign follow the plugin API docs for `relativeTransform` and `rotation`
 * (`rotation === atan2(-m10, m00)` in degrees, counter-clockwise on screen).
 */
export type Affine = [[number, number, number], [number, number, number]];

/** The identity transform. */
export const IDENTITY: Affine = [
  [1, 0, 0],
  [0, 1, 0],
];

/** `outer × inner`: applies `inner` first, then `outer`. */
export function multiplyAffine(outer: Transform | Affine, inner: Transform | Affine): Affine {
  const [[a, b, tx], [c, d, ty]] = outer;
  const [[e, f, ux], [g, h, uy]] = inner;
  return [
    [a * e + b * g, a * f + b * h, a * ux + b * uy + tx],
    [c * e + d * g, c * f + d * h, c * ux + d * uy + ty],
  ];
}

/**
 * The inverse transform.
 * @throws Error when the matrix is singular (zero-area), which no node transform can be.
 */
export function invertAffine(m: Transform | Affine): Affine {
  const [[a, b, tx], [c, d, ty]] = m;
  const det = a * d - b * c;
  if (Math.abs(det) < 1e-12) throw new Error("The transform cannot be inverted because it collapses the plane.");
  const ia = d / det;
  const ib = -b / det;
  const ic = -c / det;
  const id = a / det;
  return [
    [ia, ib, -(ia * tx + ib * ty)],
    [ic, id, -(ic * tx + id * ty)],
  ];
}

/** Maps the point (x, y) through `m`. */
export function applyAffine(m: Transform | Affine, x: number, y: number): [number, number] {
  return [m[0][0] * x + m[0][1] * y + m[0][2], m[1][0] * x + m[1][1] * y + m[1][2]];
}

/** A rotation by `degrees` counter-clockwise (Figma's sign) followed by a move to (x, y). */
export function affineFromPosition(x: number, y: number, degrees: number): Affine {
  const r = (degrees * Math.PI) / 180;
  const cos = snapUnit(Math.cos(r));
  const sin = snapUnit(Math.sin(r));
  return [
    [cos, sin, x],
    [-sin, cos, y],
  ];
}

/** Rotation in degrees (−180, 180] of the matrix, as the plugin API defines it: `atan2(-m10, m00)`. */
export function rotationOfAffine(m: Transform | Affine): number {
  const deg = (Math.atan2(-m[1][0], m[0][0]) * 180) / Math.PI;
  return deg === -180 ? 180 : deg === 0 ? 0 : deg;
}

/** Axis-aligned box {x, y, width, height} of a w×h rectangle placed by `m`. */
export function boundsOfBox(m: Transform | Affine, w: number, h: number): Rect {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [u, v] of [
    [0, 0],
    [w, 0],
    [0, h],
    [w, h],
  ] as const) {
    const [x, y] = applyAffine(m, u, v);
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

/** A deep, mutable copy as a `Transform` (Figma hands out copies, never its own matrix). */
export function copyAffine(m: Transform | Affine): Affine {
  return [
    [m[0][0], m[0][1], m[0][2]],
    [m[1][0], m[1][1], m[1][2]],
  ];
}

/** cos/sin of right angles come out as 6e-17 instead of 0; snapping keeps 90° rotations exact. */
function snapUnit(v: number): number {
  if (Math.abs(v) < 1e-12) return 0;
  if (Math.abs(v - 1) < 1e-12) return 1;
  if (Math.abs(v + 1) < 1e-12) return -1;
  return v;
}
