import type { UnitBox } from "./describe-region.js";

/** Grid resolution used to search for free space (cells per side). 24 keeps the search instant. */
const GRID = 24;

/**
 * The largest axis-aligned rectangle of the canvas not covered by any of `occupied` (boxes in
 * 0–1 fractions), found on a 24×24 grid with the maximal-rectangle-in-histogram method
 * (O(cells)). This is where the main subject of a generated background can go.
 * @returns null when the occupied boxes cover everything.
 */
export function largestFreeRegion(occupied: readonly UnitBox[]): UnitBox | null {
  const heights = new Array<number>(GRID).fill(0);
  let best: { area: number; box: UnitBox } | null = null;
  for (let row = 0; row < GRID; row++) {
    for (let col = 0; col < GRID; col++) {
      const cx = (col + 0.5) / GRID;
      const cy = (row + 0.5) / GRID;
      const covered = occupied.some((b) => cx >= b.x && cx <= b.x + b.width && cy >= b.y && cy <= b.y + b.height);
      heights[col] = covered ? 0 : heights[col]! + 1;
    }
    // Largest rectangle under the histogram ending at this row.
    const stack: number[] = [];
    for (let col = 0; col <= GRID; col++) {
      const h = col === GRID ? 0 : heights[col]!;
      while (stack.length && heights[stack[stack.length - 1]!]! >= h) {
        const top = stack.pop()!;
        const height = heights[top]!;
        const left = stack.length ? stack[stack.length - 1]! + 1 : 0;
        const area = height * (col - left);
        if (height > 0 && (!best || area > best.area)) {
          best = { area, box: { x: left / GRID, y: (row + 1 - height) / GRID, width: (col - left) / GRID, height: height / GRID } };
        }
      }
      stack.push(col);
    }
  }
  return best?.box ?? null;
}
