// Runs in the plugin iframe (pure): the Inpaint tab's feather box.
import { INPAINT_DEFAULTS } from "../../../src/jobs/run-inpaint-job.js";

/** Feather widths the panel offers, in pixels of the exported image (0 = hard edge); default the job's. */
export const FEATHER_RANGE = { min: 0, max: 64, default: INPAINT_DEFAULTS.featherPx } as const;

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
