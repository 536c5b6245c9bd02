import type { ProviderSize } from "./choose-provider-size.js";
import { estimateCostUsd } from "./estimate-cost.js";
import type { ModelEntry, Quality, TokenPrices } from "./model-catalog.js";

/** Token counts of one run by class, as OpenAI's image `usage` reports them. */
export interface TokenCounts {
  textInput: number;
  imageInput: number;
  imageOutput: number;
  textOutput: number;
}

/** What a provider reported after a run, as far as its bill goes. */
export interface BilledUsage {
  /** Images that came back; failed variants are not counted. */
  images: number;
  /** The quality the provider says it used: OpenAI answers with the tier it picked for `auto`. */
  quality?: string | undefined;
  /** Token counts from the provider's usage, when it reports them. */
  tokens?: TokenCounts;
}

const QUALITIES: readonly string[] = ["low", "medium", "high", "xhigh", "max"];

/**
 * The cost in USD of a finished run, from what the provider reported. Token-priced where the
 * catalog has per-million-token prices and the provider sent token counts (OpenAI bills image
 * models by tokens: usage × price); otherwise the per-image price of the quality the provider
 * reports it used (or the one asked for) × the images that came back (Gemini bills per image
 * by size tier). `0` for the offline model; `null` whenever a needed price is unknown — never a guess.
 *
 * @param size the provider size that was asked for (its pixel size and Gemini tier).
 * @param requestedQuality the quality sent, used when the provider does not report one.
 */
export function actualCostUsd(model: ModelEntry, size: ProviderSize, requestedQuality: Quality | undefined, billed: BilledUsage): number | null {
  const price = model.price;
  if (price.kind === "by-quality" && price.tokens && billed.tokens) return tokenCost(price.tokens, billed.tokens);
  const reported = billed.quality && QUALITIES.includes(billed.quality) ? (billed.quality as Quality) : undefined;
  return estimateCostUsd(model, size, reported ?? requestedQuality, billed.images);
}

/** Σ tokens × USD per million; null when a class that was used has no price. */
function tokenCost(prices: TokenPrices, counts: TokenCounts): number | null {
  let usd = 0;
  for (const key of ["textInput", "imageInput", "imageOutput", "textOutput"] as const) {
    if (counts[key] === 0) continue;
    const perMillion = prices[key];
    if (perMillion === undefined) return null;
    usd += (counts[key] * perMillion) / 1e6;
  }
  // To a millionth of a dollar: token costs are far finer than the per-image tenths of a cent.
  return Math.round(usd * 1e6) / 1e6;
}
