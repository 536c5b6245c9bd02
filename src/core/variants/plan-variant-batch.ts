import type { ModelEntry, Quality } from "../catalog/model-catalog.js";
import { planVariantBackground, type VariantBackgroundMode, type VariantBackgroundPlan } from "./plan-variant-background.js";

/** Input of {@link planVariantBatch}. Sizes in pixels (= points at scale 1). */
export interface VariantBatchInput {
  readonly model: ModelEntry;
  readonly sizes: readonly { readonly width: number; readonly height: number }[];
  /** The source background's pixel size, or null when it has none (then `extend` calls no model). */
  readonly source: { readonly width: number; readonly height: number } | null;
  readonly mode: VariantBackgroundMode;
  readonly quality?: Quality;
}

/** A planned batch: one plan per size, in order, and what the batch is expected to cost. */
export interface VariantBatchPlan {
  readonly plans: readonly VariantBackgroundPlan[];
  /** Model calls the batch makes (sizes whose plan calls a model). */
  readonly calls: number;
  /** Sum of the sizes' estimates (`estimateCostUsd` per call); null when any price is unknown. */
  readonly totalUsd: number | null;
}

/**
 * Plans every size of a batch before it starts, so the panel can show the estimated cost
 * (ARCHITECTURE.md: the batch's estimated cost is shown before it starts). A size that calls no
 * model (`none`, `resize`, `crop`) costs 0; one unknown price makes the total unknown, never a guess.
 *
 * @throws Error when a size is not whole pixels 1–4096 (see `planVariantBackground`).
 */
export function planVariantBatch(input: VariantBatchInput): VariantBatchPlan {
  const plans = input.sizes.map((target) =>
    planVariantBackground({ model: input.model, target, source: input.source, mode: input.mode, ...(input.quality ? { quality: input.quality } : {}) }),
  );
  let total: number | null = 0;
  for (const plan of plans) total = total === null || plan.costUsd === null ? null : total + plan.costUsd;
  return {
    plans,
    calls: plans.filter((p) => p.providerSize !== null).length,
    totalUsd: total === null ? null : Math.round(total * 1e4) / 1e4,
  };
}
