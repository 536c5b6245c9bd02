// Runs in the plugin iframe (pure).
import { chooseProviderSize } from "../../../src/core/catalog/choose-provider-size.js";
import type { ModelEntry } from "../../../src/core/catalog/model-catalog.js";

/** Aspect ratios closer than this (log distance, ≈ 2 %) read as the same to a designer. */
const SAME_ASPECT = 0.02;
/** Upscaling below this factor is not worth mentioning. */
const NOTABLE_UPSCALE = 1.15;

function ratioText(width: number, height: number): string {
  const r = width / height;
  return r >= 1 ? `${trim(r)}:1` : `1:${trim(1 / r)}`;
}

function trim(x: number): string {
  return x.toFixed(2).replace(/\.?0+$/, "");
}

/**
 * What a model will do with this target that a designer should know before paying for it, in
 * one line, or null when it makes the size as asked: an aspect it does not offer ("2.34:1 not
 * offered: makes 21:9, then crops to fit") and upscaling beyond 15 % ("upscaled ×1.6"). Results
 * are always fitted by cover (scale, centre-crop, never stretch), so a different aspect crops.
 *
 * @param target target size in pixels (the frame's points × `scale`).
 */
export function describeModelFit(model: ModelEntry, target: { width: number; height: number }): string | null {
  const made = chooseProviderSize(model, target);
  const notes: string[] = [];
  if (Math.abs(Math.log(made.width / made.height / (target.width / target.height))) > SAME_ASPECT) {
    const makes = made.aspectRatio ?? `${made.width}×${made.height}`;
    notes.push(`${ratioText(target.width, target.height)} not offered: makes ${makes}, then crops to fit`);
  }
  const upscale = Math.max(target.width / made.width, target.height / made.height);
  if (upscale > NOTABLE_UPSCALE) notes.push(`upscaled ×${upscale.toFixed(1)}`);
  if (!notes.length) return null;
  const line = notes.join("; ");
  return `${line[0]!.toUpperCase()}${line.slice(1)}.`;
}
