// Runs in the plugin iframe (pure).
import { chooseProviderSize } from "../../../src/core/catalog/choose-provider-size.js";
import { estimateCostUsd } from "../../../src/core/catalog/estimate-cost.js";
import type { ModelEntry, Quality } from "../../../src/core/catalog/model-catalog.js";
import { fillPixelSize } from "../../../src/jobs/run-fill-job.js";

/** The quality to send: only models with real tiers (OpenAI) take one; Gemini and offline ignore it. */
export function qualityFor(model: ModelEntry, quality: Quality): Quality | undefined {
  return model.qualities.length > 1 && model.qualities.includes(quality) ? quality : undefined;
}

/**
 * Estimated USD of one run for a frame: `n` images from `model` at the provider size chosen for
 * the frame's pixels at `scale`. Null when the catalog has no price for it (never a guess).
 */
export function estimateRunUsd(model: ModelEntry, frame: { width: number; height: number }, quality: Quality, n: number, scale = 1): number | null {
  const target = fillPixelSize(frame, scale);
  return estimateCostUsd(model, chooseProviderSize(model, target), qualityFor(model, quality), n);
}
