/** A rectangle on the canvas, points, top-left origin. */
export interface CanvasRect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Options of {@link arrangeVariantFrames}. */
export interface ArrangeOptions {
  /** Space between frames, and between the block and anything else, points (default 80). */
  readonly gap?: number;
  /** A row wraps once it would grow wider than this, points (default: the larger of 4000 and twice the source's width). */
  readonly maxRowWidth?: number;
}

/**
 * Places new variant frames beside their source: a tidy grid to its right, top-aligned with it,
 * filled row by row in the order given (a row wraps before it passes `maxRowWidth`). The whole
 * block moves right, past whatever it would touch (every obstacle keeps `gap` around it), so no
 * variant overlaps a layer already on the page, nor the source, nor each other.
 *
 * @param source the source frame's bounds on the page
 * @param sizes the variants' sizes in points, in the order they are listed
 * @param obstacles bounds of every top-level layer on the page (the source may be among them)
 * @returns one rectangle per size, in the same order
 */
export function arrangeVariantFrames(
  source: CanvasRect,
  sizes: readonly { readonly width: number; readonly height: number }[],
  obstacles: readonly CanvasRect[],
  options: ArrangeOptions = {},
): CanvasRect[] {
  const gap = options.gap ?? 80;
  const maxRowWidth = options.maxRowWidth ?? Math.max(4000, source.width * 2);
  // The grid relative to its own top-left corner.
  const local: CanvasRect[] = [];
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  for (const size of sizes) {
    if (x > 0 && x + size.width > maxRowWidth) {
      x = 0;
      y += rowHeight + gap;
      rowHeight = 0;
    }
    local.push({ x, y, width: size.width, height: size.height });
    x += size.width + gap;
    rowHeight = Math.max(rowHeight, size.height);
  }
  const all = [source, ...obstacles];
  let originX = source.x + source.width + gap;
  const originY = source.y;
  // Each step jumps past the rightmost obstacle hit, so the loop ends after at most one step per obstacle.
  for (let guard = 0; guard <= all.length; guard++) {
    const placed = local.map((r) => ({ ...r, x: r.x + originX, y: r.y + originY }));
    const hit = all.filter((o) => placed.some((r) => overlaps(r, o, gap)));
    if (hit.length === 0) return placed;
    originX = Math.max(...hit.map((o) => o.x + o.width)) + gap;
  }
  return local.map((r) => ({ ...r, x: r.x + originX, y: r.y + originY }));
}

/** Whether two rectangles come closer than `gap` (touching at exactly `gap` is fine). */
function overlaps(a: CanvasRect, b: CanvasRect, gap: number): boolean {
  return a.x < b.x + b.width + gap && b.x < a.x + a.width + gap && a.y < b.y + b.height + gap && b.y < a.y + a.height + gap;
}
