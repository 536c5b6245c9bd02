/** A box as fractions of the canvas (0–1). */
export interface UnitBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

const H = ["left", "centre", "right"] as const;
const V = ["top", "middle", "bottom"] as const;

/**
 * Names where a box sits in words a model follows ("top-left", "bottom edge", "centre"),
 * from the thirds its centre falls in and how much of the canvas it spans.
 */
export function describeRegion(box: UnitBox): string {
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const col = H[Math.min(2, Math.floor(cx * 3))]!;
  const row = V[Math.min(2, Math.floor(cy * 3))]!;
  if (box.width > 0.8 && box.height > 0.8) return "the whole canvas";
  if (box.width > 0.8) return row === "middle" ? "a band across the middle" : `a band across the ${row}`;
  if (box.height > 0.8) return col === "centre" ? "a column down the centre" : `the ${col} side`;
  if (row === "middle" && col === "centre") return "the centre";
  if (row === "middle") return `the middle ${col}`;
  if (col === "centre") return `the ${row} centre`;
  return `the ${row}-${col}`;
}

/** Percent span of a box, e.g. "x 6–39%, y 13–46%". */
export function describeSpan(box: UnitBox): string {
  const pct = (v: number) => Math.round(Math.min(1, Math.max(0, v)) * 100);
  return `x ${pct(box.x)}–${pct(box.x + box.width)}%, y ${pct(box.y)}–${pct(box.y + box.height)}%`;
}
