import type { Box } from "../frame-spec/frame-spec.js";
import type { LayoutTarget } from "./layout-result.js";

/**
 * The part of a target frame where text, logo and buttons may go: the frame minus the safe-zone
 * insets (fractions of the height for top/bottom, of the width for left/right). Points.
 * Width or height is 0 when the insets leave nothing.
 */
export function safeArea(target: LayoutTarget): Box {
  const z = target.safeZone ?? { top: 0, bottom: 0, left: 0, right: 0 };
  const x = z.left * target.width;
  const y = z.top * target.height;
  return {
    x,
    y,
    width: Math.max(0, target.width - z.right * target.width - x),
    height: Math.max(0, target.height - z.bottom * target.height - y),
  };
}

/** Whether two boxes share an area: they overlap by more than `eps` points along both axes. */
export function boxesOverlap(a: Box, b: Box, eps = 0): boolean {
  const ox = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const oy = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return ox > eps && oy > eps;
}

/** Whether `inner` lies within `outer`, allowing `eps` points of slack on each edge. */
export function boxInside(inner: Box, outer: Box, eps = 0): boolean {
  return inner.x >= outer.x - eps && inner.y >= outer.y - eps && inner.x + inner.width <= outer.x + outer.width + eps && inner.y + inner.height <= outer.y + outer.height + eps;
}

/** The smallest box holding all `boxes` (at least one). */
export function unionBox(boxes: readonly Box[]): Box {
  const x0 = Math.min(...boxes.map((b) => b.x));
  const y0 = Math.min(...boxes.map((b) => b.y));
  const x1 = Math.max(...boxes.map((b) => b.x + b.width));
  const y1 = Math.max(...boxes.map((b) => b.y + b.height));
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** `box` shrunk by `inset` points on every side (never below zero size). */
export function insetBox(box: Box, inset: number): Box {
  return {
    x: box.x + inset,
    y: box.y + inset,
    width: Math.max(0, box.width - 2 * inset),
    height: Math.max(0, box.height - 2 * inset),
  };
}
