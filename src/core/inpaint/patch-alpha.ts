/**
 * The patch layer's alpha for one pixel: b/255 · a_r/255 · a_s, rounded to nearest, with b the
 * blend value, a_r the model picture's alpha and a_s the source's alpha (all 0–255 integers).
 * Exact without a division: with n = b · a_r · a_s + 32512 = 65025 · m + r (0 ≤ r < 65025),
 * (n + 0.5) / 65025 lies at least 0.5/65025 inside (m, m + 1), far beyond the multiplication's
 * rounding error, and 65025 = 255² being odd, b · a_r · a_s / 65025 is never exactly halfway.
 * @returns 0–255
 */
export function patchAlpha(blend: number, pictureAlpha: number, sourceAlpha: number): number {
  return ((blend * pictureAlpha * sourceAlpha + 32512.5) * (1 / 65025)) | 0;
}
