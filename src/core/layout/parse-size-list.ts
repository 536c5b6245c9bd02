import { AD_SIZE_PRESETS, type SafeZone } from "./ad-sizes.js";
import { FIGMA_MAX_IMAGE_EDGE_PX } from "../raster/figma-image-limit.js";

/** A size asked for by the user: typed as `W×H`, or a preset id (which brings its safe zone). */
export interface RequestedSize {
  /** Points (CSS pixels), whole number 1–4096. */
  readonly width: number;
  readonly height: number;
  readonly safeZone?: SafeZone;
  /** The preset id when the token named one, e.g. `meta-stories`. */
  readonly presetId?: string;
}

/** Figma refuses images larger than this a side, so a variant cannot be larger either. */
const MAX_SIDE = FIGMA_MAX_IMAGE_EDGE_PX;
const SIZE_TOKEN = /^(\d+)\s*[x×X]\s*(\d+)$/;

/**
 * Parses a comma-separated list of sizes, as typed in the panel or passed to `--sizes`:
 * `"300x250,728x90, 1080×1920"`. Each token is `W×H` (`x`, `X` or `×`, whole numbers 1–4096)
 * or a preset id from {@link AD_SIZE_PRESETS} such as `meta-stories`. Repeated sizes are kept once.
 *
 * @returns the sizes in the order typed.
 * @throws Error naming every bad token, or saying the list is empty.
 */
export function parseSizeList(text: string): RequestedSize[] {
  const tokens = text
    .split(",")
    .map((t) => t.trim())
    .filter((t) => t.length > 0);
  if (tokens.length === 0) {
    throw new Error("No sizes given: write them as W×H separated by commas, for example 300x250,728x90.");
  }
  const bad: string[] = [];
  const sizes: RequestedSize[] = [];
  const seen = new Set<string>();
  for (const token of tokens) {
    const size = parseToken(token);
    if (!size) {
      bad.push(`"${token}"`);
      continue;
    }
    const key = `${size.width}x${size.height}/${size.presetId ?? ""}`;
    if (!seen.has(key)) sizes.push(size);
    seen.add(key);
  }
  if (bad.length > 0) {
    throw new Error(
      `${bad.length === 1 ? "This size is" : "These sizes are"} not valid: ${bad.join(", ")}. ` +
        `Write each size as W×H (for example 300x250) with whole numbers from 1 to ${MAX_SIDE}, or a preset id such as iab-leaderboard.`,
    );
  }
  return sizes;
}

function parseToken(token: string): RequestedSize | null {
  const preset = AD_SIZE_PRESETS.find((p) => p.id === token.toLowerCase());
  if (preset) {
    return { width: preset.width, height: preset.height, ...(preset.safeZone ? { safeZone: preset.safeZone } : {}), presetId: preset.id };
  }
  const m = SIZE_TOKEN.exec(token);
  if (!m) return null;
  const width = Number(m[1]);
  const height = Number(m[2]);
  const ok = (v: number) => Number.isInteger(v) && v >= 1 && v <= MAX_SIDE;
  return ok(width) && ok(height) ? { width, height } : null;
}
