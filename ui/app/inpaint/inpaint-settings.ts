// Runs in the plugin iframe (pure): what an Inpaint run is asked to do.

/** Feather widths the panel offers, in pixels of the source image (0 = hard edge). */
export const FEATHER_RANGE = { min: 0, max: 64, default: 8 } as const;

/** What the designer set up for an inpaint, ready for the job once main can read the selection. */
export interface InpaintSettings {
  /** What to put in the masked area. */
  prompt: string;
  modelId: string | null;
  /** Soft edge of the blend mask in source pixels, FEATHER_RANGE.min–max. */
  featherPx: number;
  variants: number;
}

/**
 * Reads the feather box: a whole number of pixels within FEATHER_RANGE, or a sentence saying
 * what is wrong (shown under the box; the last good value stays in use).
 */
export function parseFeather(text: string): { px: number } | { problem: string } {
  const value = Number(text.trim().replace(/px$/i, ""));
  if (!Number.isInteger(value) || value < FEATHER_RANGE.min || value > FEATHER_RANGE.max) {
    return { problem: `Feather must be a whole number of pixels from ${FEATHER_RANGE.min} to ${FEATHER_RANGE.max}.` };
  }
  return { px: value };
}
