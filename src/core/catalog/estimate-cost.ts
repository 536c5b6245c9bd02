import type { ProviderSize } from "./choose-provider-size.js";
import type { ModelEntry, Quality } from "./model-catalog.js";

/**
 * The largest output the per-image price tables describe: OpenAI prices its standard sizes
 * (1024², 1536×1024), so beyond 1536×1024 pixels a gpt-image-2 custom size has no published
 * per-image price and the estimate is unknown.
 */
const PRICED_MAX_PIXELS = 1536 * 1024;

/**
 * Estimated cost in USD of `n` images, from the catalog's price table (docs/providers.md, standard
 * tier). Returns `0` for the offline model and `null` when the price is not known — for a model
 * with no published price, an unpriced quality, or a size the table does not cover. Never guesses.
 *
 * @param quality OpenAI quality; `auto` or none is unknown, because OpenAI then picks the
 *   tier itself. Gemini ignores quality.
 */
export function estimateCostUsd(model: ModelEntry, size: ProviderSize, quality: Quality | undefined, n: number): number | null {
  const price = model.price;
  switch (price.kind) {
    case "free":
      return 0;
    case "unknown":
      return null;
    case "by-image-size": {
      const each = price.bySize[size.imageSize ?? "1K"];
      return each === undefined ? null : round(each * n);
    }
    case "by-quality": {
      if (!quality || quality === "auto") return null;
      if (size.width * size.height > PRICED_MAX_PIXELS) return null;
      const table = size.width === size.height ? price.square : price.nonSquare;
      const each = table[quality];
      return each === undefined ? null : round(each * n);
    }
  }
}

/** Rounds to a tenth of a cent: prices are quoted to three decimals. */
function round(usd: number): number {
  return Math.round(usd * 1e4) / 1e4;
}
