/**
 * Adds the parabola (x − q)² + fq to a lower envelope of parabolas, dropping those it hides
 * (Felzenszwalb & Huttenlocher, "Distance Transforms of Sampled Functions", 2012, algorithm 1).
 * Envelope entry k has its vertex at column `at[k]`, height `floor[k]`, and is the lowest from
 * `from[k]` to `from[k + 1]`. Vertices must be added left to right (q above every `at`).
 * @param top index of the envelope's last entry, −1 when it is empty
 * @returns the new last index
 */
export function addParabola(at: Int32Array, floor: Float64Array, from: Float64Array, top: number, q: number, fq: number): number {
  if (top < 0) {
    at[0] = q;
    floor[0] = fq;
    from[0] = -Infinity;
    from[1] = Infinity;
    return 0;
  }
  // from[0] = −∞ stops the walk back at the first parabola.
  let p = at[top]!;
  let s = (fq + q * q - (floor[top]! + p * p)) / (2 * (q - p));
  while (s <= from[top]!) {
    top--;
    p = at[top]!;
    s = (fq + q * q - (floor[top]! + p * p)) / (2 * (q - p));
  }
  top++;
  at[top] = q;
  floor[top] = fq;
  from[top] = s;
  from[top + 1] = Infinity;
  return top;
}
